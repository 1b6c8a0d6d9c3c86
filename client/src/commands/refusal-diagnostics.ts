// The errors a refused run found, shown where the language server has none for the file yet (a file
// run from the explorer before the server analysed it, or with the server down). They describe one
// version of the text, so they go as soon as it changes or closes, or the server publishes its own
// diagnostics for the file (which would otherwise list every error twice, and keep a fixed error
// listed after the server had cleared it).
import * as vscode from 'vscode';
import type { Diagnostic } from '../../../engine/src/model/types.js';

export const SOURCE = 'weft-run';
/** The language server's diagnostics' source (server/src/convert.ts). */
const SERVER_SOURCE = 'weft';

export class RefusalDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(SOURCE);
  private readonly subs: vscode.Disposable[];

  constructor() {
    const drop = (uri: vscode.Uri) => { if (this.collection.has(uri)) this.collection.delete(uri); };
    this.subs = [
      vscode.workspace.onDidChangeTextDocument((e) => { if (e.contentChanges.length) drop(e.document.uri); }),
      vscode.workspace.onDidCloseTextDocument((doc) => drop(doc.uri)),
      vscode.languages.onDidChangeDiagnostics((e) => e.uris.forEach((uri) => { if (this.serverHas(uri)) drop(uri); })),
    ];
  }

  private serverHas(uri: vscode.Uri): boolean {
    return vscode.languages.getDiagnostics(uri).some((d) => d.source === SERVER_SOURCE);
  }

  /** Shows the engine's errors of `doc` unless the language server already lists the file's problems. */
  show(doc: vscode.TextDocument, errors: Diagnostic[]): void {
    if (this.serverHas(doc.uri)) return;
    this.collection.set(doc.uri, errors.map((d) => {
      const vd = new vscode.Diagnostic(new vscode.Range(doc.positionAt(d.range.start), doc.positionAt(d.range.end)), d.message, vscode.DiagnosticSeverity.Error);
      vd.code = d.code; vd.source = SOURCE;
      return vd;
    }));
  }

  clear(uri: vscode.Uri): void {
    this.collection.delete(uri);
  }

  dispose(): void {
    this.subs.forEach((s) => s.dispose());
    this.collection.dispose();
  }
}

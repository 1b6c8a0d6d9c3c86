// The `workflow` calls among the files the server knows, for references and rename across files: the
// open documents (each with the analysis of its current text) and the files their analyses read as
// callees, at any depth (`Analysis.subWorkflows`: an open caller of a caller of this file is known).
// Nothing else is read: a file on disk that no open document calls is not searched, and building
// this never reads a file, it only walks analyses the server already made.
import { pathToFileURL } from 'node:url';
import type { Position } from 'vscode-languageserver-types';
import type { Analysis } from '../../../engine/src/analysis/types.js';
import type { Step } from '../../../engine/src/model/types.js';

/** A file whose analysis the server holds, and where its offsets are in the editor. */
export interface KnownFile {
  uri: string;
  analysis: Analysis;
  positionAt(offset: number): Position;
}

/** What the server gives the services for cross-file answers (server.ts). */
export interface Workspace {
  /** The open documents other than the request's, each with the analysis of its current text. */
  openFiles(): KnownFile[];
  /** A path with its symbolic links resolved (undefined when it cannot be), to tell one file under two names. */
  realPath(file: string): string | undefined;
}

/** A file only known as a callee: its own line index and a file URI. */
function calleeFile(a: Analysis): KnownFile {
  return { uri: pathToFileURL(a.model.file).href, analysis: a, positionAt: (o) => a.model.lines.positionAt(o) };
}

export class KnownCalls {
  /** The known files by their real path (their own name when it has none), in the order found. */
  private readonly files = new Map<string, KnownFile>();
  private readonly real = new Map<string, string>();

  constructor(current: KnownFile, private readonly ws: Workspace | undefined) {
    const queue = [current, ...(ws?.openFiles() ?? [])];
    for (let i = 0; i < queue.length; i++) {
      const f = queue[i];
      const k = this.key(f.analysis.model.file);
      if (this.files.has(k)) continue;
      this.files.set(k, f);
      for (const child of f.analysis.subWorkflows.values()) {
        if (!this.files.has(this.key(child.model.file))) queue.push(calleeFile(child));
      }
    }
  }

  /** A file's identity: its real path, so that a call through a symbolic link names the same file. */
  key(file: string): string {
    let k = this.real.get(file);
    if (k === undefined) this.real.set(file, (k = this.ws?.realPath(file) ?? file));
    return k;
  }

  /** The known file `a` was made from (the open document when it is open), else `a` as a callee. */
  fileOf(a: Analysis): KnownFile {
    return this.files.get(this.key(a.model.file)) ?? calleeFile(a);
  }

  /** Every `workflow` step of a known file that calls `callee` (a file's path), with its file. */
  callsOf(callee: string): { caller: KnownFile; steps: Set<Step> }[] {
    const target = this.key(callee);
    const out: { caller: KnownFile; steps: Set<Step> }[] = [];
    for (const caller of this.files.values()) {
      const steps = new Set<Step>();
      for (const [step, child] of caller.analysis.subWorkflows) if (this.key(child.model.file) === target) steps.add(step);
      if (steps.size) out.push({ caller, steps });
    }
    return out;
  }
}

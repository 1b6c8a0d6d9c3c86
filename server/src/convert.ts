// Converts between the analyser's offset ranges and LSP positions/ranges, and turns analyser
// diagnostics into LSP diagnostics (codes, severities, related information, fix data).
import { pathToFileURL } from 'node:url';
import type { Diagnostic as LspDiagnostic, DiagnosticRelatedInformation, Range as LspRange } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Diagnostic, LineIndex, Range, Severity } from '../../engine/src/model/types.js';

export function toLspRange(lines: LineIndex, range: Range): LspRange {
  return { start: lines.positionAt(range.start), end: lines.positionAt(range.end) };
}

export function toOffsetRange(lines: LineIndex, range: LspRange): Range {
  return { start: lines.offsetAt(range.start), end: lines.offsetAt(range.end) };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function fileToUri(file: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(file) && !/^[a-z]:[\\/]/i.test(file) ? file : pathToFileURL(file).href;
}

/** Line indexes of other files (for related information that points into them). */
export type LinesOf = (file: string) => LineIndex | undefined;

export function toLspDiagnostic(d: Diagnostic, lines: LineIndex, ownFile: string, ownUri: string, linesOf: LinesOf): LspDiagnostic {
  const out: LspDiagnostic = {
    range: toLspRange(lines, d.range),
    severity: SEVERITY[d.severity] ?? DiagnosticSeverity.Error,
    code: d.code,
    source: 'weft',
    message: d.message,
  };
  if (d.related?.length) {
    const related: DiagnosticRelatedInformation[] = [];
    for (const r of d.related) {
      const own = r.file === ownFile || r.file === ownUri || !r.file;
      const idx = own ? lines : linesOf(r.file);
      if (!idx) continue;
      related.push({ location: { uri: own ? ownUri : fileToUri(r.file), range: toLspRange(idx, r.range) }, message: r.message });
    }
    if (related.length) out.relatedInformation = related;
  }
  if (d.data) out.data = d.data;
  return out;
}

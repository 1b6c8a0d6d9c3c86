// Diagnostics for people and machines: compiler-style lines (`path:line:col: severity code: message`,
// 1-based) and the JSON form of the interfaces spec (0-based LSP positions).
import type { Diagnostic, LineIndex } from '../model/types.js';

export function formatDiagnostic(file: string, lines: LineIndex, d: Diagnostic): string {
  const p = lines.positionAt(d.range.start);
  return `${file}:${p.line + 1}:${p.character + 1}: ${d.severity} ${d.code}: ${d.message}`;
}

export interface JsonDiagnostic {
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: Diagnostic['severity'];
  code: Diagnostic['code'];
  message: string;
}

export function jsonDiagnostic(file: string, lines: LineIndex, d: Diagnostic): JsonDiagnostic {
  return {
    file,
    range: { start: lines.positionAt(d.range.start), end: lines.positionAt(d.range.end) },
    severity: d.severity,
    code: d.code,
    message: d.message,
  };
}

/** The golden-file form: `L:C-L:C severity code: message`, 1-based. */
export function goldenLine(lines: LineIndex, d: Diagnostic): string {
  const s = lines.positionAt(d.range.start);
  const e = lines.positionAt(d.range.end);
  return `${s.line + 1}:${s.character + 1}-${e.line + 1}:${e.character + 1} ${d.severity} ${d.code}: ${d.message}`;
}

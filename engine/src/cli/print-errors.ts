// Prints an analysis's diagnostics to stderr (for commands that refuse to go on when a file has errors).
import type { Analysis } from '../analysis/types.js';
import { formatDiagnostic } from './format-diagnostics.js';
import { displayPath } from './load.js';

/** Prints errors and warnings; returns true when there is at least one error. */
export function printProblems(analysis: Analysis): boolean {
  const shown = displayPath(analysis.model.file);
  let errors = 0;
  for (const d of analysis.diagnostics) {
    if (d.severity === 'error') errors++;
    process.stderr.write(formatDiagnostic(shown, analysis.model.lines, d) + '\n');
  }
  if (errors) process.stderr.write(`${shown}: ${errors} error${errors === 1 ? '' : 's'}; nothing was planned or run\n`);
  return errors > 0;
}

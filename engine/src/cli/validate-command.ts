// `weft validate <file ...> [--json]`: every diagnostic of every file, compiler-style or as JSON.
import { parseArgs } from 'node:util';
import { displayPath, loadAnalysis, UsageError } from './load.js';
import { formatDiagnostic, jsonDiagnostic, type JsonDiagnostic } from './format-diagnostics.js';

export async function validateCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean' } }, allowPositionals: true });
  if (!positionals.length) throw new UsageError('validate needs at least one file: weft validate <file ...>');
  const all: JsonDiagnostic[] = [];
  let errors = 0;
  let warnings = 0;
  for (const file of positionals) {
    const analysis = loadAnalysis(file);
    const shown = displayPath(analysis.model.file);
    for (const d of analysis.diagnostics) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
      if (values.json) all.push(jsonDiagnostic(shown, analysis.model.lines, d));
      else process.stdout.write(formatDiagnostic(shown, analysis.model.lines, d) + '\n');
    }
  }
  if (values.json) process.stdout.write(JSON.stringify(all, null, 2) + '\n');
  else {
    const files = `${positionals.length} file${positionals.length === 1 ? '' : 's'}`;
    process.stderr.write(errors || warnings ? `${files}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n` : `${files}: no problems\n`);
  }
  return errors ? 1 : 0;
}

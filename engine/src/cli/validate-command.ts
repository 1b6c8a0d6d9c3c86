// `weft validate <file ...> [--json]`: every diagnostic of every file, compiler-style or as JSON.
// A file that cannot be read is wrong usage (exit 2), said on stderr in its turn; it does not hide
// the diagnostics of the other files, which are all validated and printed as usual.
import { parseArgs } from 'node:util';
import { displayPath, loadAnalysis, UsageError } from './load.js';
import { formatDiagnostic, jsonDiagnostic, type JsonDiagnostic } from './format-diagnostics.js';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export async function validateCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean' } }, allowPositionals: true });
  if (!positionals.length) throw new UsageError('validate needs at least one file: weft validate <file ...>');
  const all: JsonDiagnostic[] = [];
  let errors = 0;
  let warnings = 0;
  let unread = 0;
  for (const file of positionals) {
    let analysis;
    try {
      analysis = loadAnalysis(file);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      unread++;
      process.stderr.write(`weft validate: ${e.message}\n`);
      continue;
    }
    const shown = displayPath(analysis.model.file);
    for (const d of analysis.diagnostics) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
      if (values.json) all.push(jsonDiagnostic(shown, analysis.model.lines, d));
      else process.stdout.write(formatDiagnostic(shown, analysis.model.lines, d) + '\n');
    }
  }
  if (values.json) process.stdout.write(JSON.stringify(all, null, 2) + '\n');
  else if (unread < positionals.length) {
    const read = positionals.length - unread;
    const found = errors || warnings ? `${plural(errors, 'error')}, ${plural(warnings, 'warning')}` : 'no problems';
    const summary = unread ? `${plural(read, 'file')}: ${found}; ${plural(unread, 'file')} not read` : `${plural(read, 'file')}: ${found}`;
    process.stderr.write(summary + '\n');
  }
  return unread ? 2 : errors ? 1 : 0;
}

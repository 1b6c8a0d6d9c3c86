// Golden files for diagnostics: `<name>.weft.yaml` beside `<name>.diagnostics.txt`, one line per
// diagnostic (`L:C-L:C severity code: message`, 1-based). `UPDATE_GOLDEN=1` rewrites them, so a
// changed message shows up as a reviewed diff.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyse } from '../../src/analysis/analyse.js';
import { fsHost } from '../../src/analysis/fs-host.js';
import { goldenLine } from '../../src/cli/format-diagnostics.js';
import { parseWorkflow } from '../../src/model/parse.js';

export const FIXTURES = path.resolve(__dirname, '../fixtures/diagnostics');

export function listFixtures(dir = FIXTURES): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFixtures(full));
    else if (/\.(weft|workflow)\.ya?ml$/.test(entry.name)) out.push(full);
  }
  return out.sort();
}

export function goldenPath(fixture: string): string {
  return fixture.replace(/\.(weft|workflow)\.ya?ml$/, '.diagnostics.txt');
}

/** The diagnostics of a fixture as golden lines. */
export function actualLines(fixture: string): string[] {
  const text = fs.readFileSync(fixture, 'utf8');
  const analysis = analyse(parseWorkflow(text, fixture), { host: fsHost });
  return analysis.diagnostics.map((d) => goldenLine(analysis.model.lines, d));
}

export function expectedLines(fixture: string): string[] | undefined {
  const golden = goldenPath(fixture);
  if (!fs.existsSync(golden)) return undefined;
  return fs.readFileSync(golden, 'utf8').split('\n').filter((l) => l.trim() !== '');
}

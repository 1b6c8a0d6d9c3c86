// The workflow files of the repository (examples and test fixtures), as texts, for property and fuzz
// tests that mutate real workflows.
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/**
 * Texts of every `*.weft.y(a)ml` / `*.workflow.y(a)ml` file below the given folders (relative to the
 * repo), in path order: a seeded test picks the same files on every machine, whatever order the
 * file system lists them in.
 */
export function workflowCorpus(folders: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.(weft|workflow)\.ya?ml$/.test(e.name)) out.push(fs.readFileSync(full, 'utf8'));
    }
  };
  for (const f of folders) walk(path.join(ROOT, f));
  return out;
}

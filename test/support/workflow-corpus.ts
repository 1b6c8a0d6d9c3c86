// The workflow files of the repository (examples and test fixtures), as texts, for property and fuzz
// tests that mutate real workflows.
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** The file names of workflows: `*.weft.y(a)ml` and `*.workflow.y(a)ml`. */
export const WORKFLOW_FILE = /\.(weft|workflow)\.ya?ml$/;

/**
 * Paths of every workflow file below the given folders (relative to the repo, or absolute), in path
 * order within each folder: a seeded test picks the same files on every machine, whatever order the
 * file system lists them in. A missing folder holds none.
 */
export function workflowFiles(folders: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (WORKFLOW_FILE.test(e.name)) out.push(full);
    }
  };
  for (const f of folders) walk(path.resolve(ROOT, f));
  return out;
}

/** The texts of workflowFiles(folders), in its order. */
export function workflowCorpus(folders: string[]): string[] {
  return workflowFiles(folders).map((f) => fs.readFileSync(f, 'utf8'));
}

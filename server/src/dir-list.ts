// A bounded, read-only listing of one folder, for the completion of `workflow: path:` values
// (services/path-completion.ts). Reads directory entries only, never a file's contents: the path is
// stat-ed first and only a folder is opened (a FIFO or a device in its place is never opened, and
// opendir's O_DIRECTORY refuses one swapped in after the stat without blocking); at most `max`
// entries are read, so a folder of a million files costs the same as one of `max`. An entry that is a
// symbolic link is stat-ed (which never opens its target) to say whether it leads to a folder or a file.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface DirEntry { name: string; kind: 'folder' | 'file' }
export interface DirListing { entries: DirEntry[]; /** True when the folder had more than `max` entries. */ truncated: boolean }

/** Names never listed: large, never holding workflows the user calls. */
const SKIPPED = new Set(['.git', 'node_modules']);

/** The folders and regular files in `absDir`, unsorted; undefined when it is not a readable folder. */
export function listDir(absDir: string, max = 1000): DirListing | undefined {
  let dir: fs.Dir | undefined;
  try {
    if (!fs.statSync(absDir).isDirectory()) return undefined;
    dir = fs.opendirSync(absDir);
    const entries: DirEntry[] = [];
    let read = 0;
    for (let d = dir.readSync(); d; d = dir.readSync()) {
      if (++read > max) return { entries, truncated: true };
      if (SKIPPED.has(d.name)) continue;
      const kind = d.isSymbolicLink() ? linkKind(path.join(absDir, d.name)) : d.isDirectory() ? 'folder' : d.isFile() ? 'file' : undefined;
      if (kind) entries.push({ name: d.name, kind });
    }
    return { entries, truncated: false };
  } catch {
    return undefined;
  } finally {
    try { dir?.closeSync(); } catch { /* already closed */ }
  }
}

function linkKind(p: string): DirEntry['kind'] | undefined {
  try {
    const s = fs.statSync(p);
    return s.isDirectory() ? 'folder' : s.isFile() ? 'file' : undefined;
  } catch {
    return undefined; // a dangling link or a loop
  }
}

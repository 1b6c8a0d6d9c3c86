// Why a path cannot be a working folder, in the words a workflow file that cannot be read gets
// (read-regular-file.ts): `weft run --root` and a shell step's `cwd` both ask it. Each used to
// sort the stat errors itself, and the shell called every one, a symlink loop too, "does not exist".
import * as fs from 'node:fs';
import { errnoReason } from './read-regular-file.js';

/** `missing`: nothing there; `file`: a file; `through-file`: a part of the path is a file; else `other`. */
export interface FolderProblem {
  code: 'missing' | 'file' | 'through-file' | 'other';
  phrase: string;
}

/** Why `p` is not a folder that can be worked in, or undefined when it is one. Follows symbolic links. */
export function folderProblem(p: string): FolderProblem | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch (e) {
    const why = errnoReason(e);
    if (why.code !== 'missing') return { code: 'other', phrase: why.phrase };
    return why.note ? { code: 'through-file', phrase: why.note } : { code: 'missing', phrase: 'it does not exist' };
  }
  if (stat.isDirectory()) return undefined;
  return stat.isFile() ? { code: 'file', phrase: 'it is a file' } : { code: 'other', phrase: 'it is not a folder' };
}

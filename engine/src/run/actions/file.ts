// `file`: read, write, append, exists, list. Relative paths resolve against the workflow's folder,
// `~/` against the home folder;
// a path that leaves the workspace root is refused unless the run allows it (--allow-outside-root).
// Symlinks are resolved before the check, so a link inside the root cannot point outside it, even a
// dangling one (which a write would follow, creating its target). A named pipe is read and written
// where an abort reaches (named-pipe.ts).
import { createReadStream, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { toText } from '../../template/evaluate.js';
import { makeDirs } from '../make-dirs.js';
import { ByteBudget, outputTooLarge, sizeText } from './output-limit.js';
import type { Action, ActionContext, ActionResult } from './types.js';
import { asObject, StepError } from './types.js';
import { parseOutput } from './parse-output.js';
import { readPipe, writePipe } from './named-pipe.js';

/** How many dangling links `realish` follows before it gives up (Linux's own limit, MAXSYMLINKS). */
const MAX_LINKS = 40;

async function realish(p: string, links = 0): Promise<string> {
  // The real path of the longest existing prefix, plus the rest (for files not written yet). A
  // prefix that does not resolve may be a dangling link: a write through it creates its target, so
  // the target is where the path leads (a link to a missing file outside the root is outside).
  let cur = p;
  const rest: string[] = [];
  for (;;) {
    try {
      return path.join(await fs.realpath(cur), ...rest);
    } catch {
      const link = await fs.readlink(cur).catch(() => undefined);
      // A loop of links: the system refuses the path (ELOOP), whatever it is checked as.
      // A relative target is resolved from the link's real folder, as the system does: `..` in it
      // climbs from there, not from the folder the path named (which may itself be a link).
      if (link !== undefined && links < MAX_LINKS) {
        const folder = await realish(path.dirname(cur), links + 1);
        return realish(path.join(path.resolve(folder, link), ...rest), links + 1);
      }
      const parent = path.dirname(cur);
      if (parent === cur) return p;
      rest.unshift(path.basename(cur));
      cur = parent;
    }
  }
}

export async function checkInsideRoot(target: string, root: string): Promise<void> {
  const [t, r] = await Promise.all([realish(target), realish(root)]);
  const rel = path.relative(r, t);
  if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) return;
  throw new StepError(`file: '${target}' is outside the workspace root '${root}' (use --allow-outside-root to allow it)`);
}

/**
 * The text of `target`, which may hold at most `limit` bytes (output-limit.ts). A regular file's size
 * is checked first, so a large one is refused without being read; anything else (a named pipe, a
 * device such as /dev/zero) is read up to the limit.
 */
async function readWithin(target: string, limit: number, what: string, signal: AbortSignal): Promise<string> {
  const stat = await fs.stat(target);
  if (stat.isFile() && stat.size > limit) {
    throw new StepError(`${what}: the file is ${sizeText(stat.size)}, more than the ${sizeText(limit)} a step may hold; pass its path to the steps that need it instead`);
  }
  // Counted as text, as the record will hold it: a byte that is not UTF-8 becomes U+FFFD (3 bytes).
  const budget = new ByteBudget(limit);
  const decoder = new StringDecoder('utf8');
  const parts: string[] = [];
  const keep = (text: string) => {
    if (!budget.add(text)) throw outputTooLarge(what, limit);
    parts.push(text);
  };
  const take = (chunk: Buffer) => keep(decoder.write(chunk));
  // A named pipe blocks until written to and closed: read it where an abort reaches (named-pipe.ts).
  if (stat.isFIFO()) await readPipe(target, signal, take);
  else for await (const chunk of createReadStream(target, { signal, highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) take(chunk);
  keep(decoder.end());
  return parts.join('');
}

/**
 * The sorted names in the folder `target`, which may hold at most `limit` bytes as a JSON array (a
 * folder of millions of files would otherwise fill the memory before the output limit saw it): the
 * folder is read entry by entry, and the read stops at the limit.
 */
async function listWithin(target: string, limit: number, what: string): Promise<string[]> {
  const names: string[] = [];
  const budget = new ByteBudget(limit);
  const folder = await fs.opendir(target);
  try {
    // The name, its quotes and the comma between it and the next (a byte more for the brackets).
    for (let entry = await folder.read(); entry; entry = await folder.read()) {
      if (!budget.add(entry.name) || !budget.addBytes(3)) throw outputTooLarge(what, limit);
      names.push(entry.name);
    }
  } finally {
    await folder.close().catch(() => undefined);
  }
  return names.sort();
}

async function isPipe(target: string): Promise<boolean> {
  return fs.stat(target).then(
    (s) => s.isFIFO(),
    () => false,
  );
}

/**
 * `~` and `~/...` in the home folder (the run's HOME, else the system's), as the shell and GitHub
 * Actions' path inputs read them: joined to the workflow's folder, `~/notes.txt` was a folder named
 * '~' there. Any other path (`a~/b`, `~user/x`) as it is.
 */
function homePath(p: string, env: Record<string, string | undefined>): string {
  const home = p === '~' || p.startsWith('~/') || (path.sep === '\\' && p.startsWith('~\\'));
  return home ? path.join(env.HOME || os.homedir(), p.slice(1)) : p;
}

export const fileAction: Action = async (ctx: ActionContext): Promise<ActionResult> => {
  const cfg = asObject(ctx.config, 'path');
  const action = typeof cfg.action === 'string' ? cfg.action : 'read';
  const rawPath = toText(cfg.path);
  if (!rawPath) throw new StepError('file: no path');
  if (rawPath.includes('\0')) {
    throw new StepError(`file: ${action} '${rawPath.replace(/\0/g, '\\u0000')}': the path holds a NUL character, which no file name can`);
  }
  // A path ending in a separator names a folder, for the system as for the user (`out/`): resolve()
  // drops it, so it is put back, and a write to it is refused instead of creating the file `out`.
  const folderPath = rawPath.endsWith('/') || (path.sep === '\\' && rawPath.endsWith('\\'));
  let target = path.resolve(ctx.dir, homePath(rawPath, ctx.env));
  if (folderPath && !target.endsWith(path.sep)) target += path.sep;
  if (folderPath && (action === 'write' || action === 'append')) {
    throw new StepError(`file: ${action} '${rawPath}': the path ends in '/', so it names a folder, not a file`);
  }
  if (!ctx.allowOutsideRoot) await checkInsideRoot(target, ctx.root);
  const parse = cfg.parse;
  try {
    switch (action) {
      case 'read': {
        const text = await readWithin(target, ctx.maxOutputBytes, `file: read '${rawPath}'`, ctx.signal);
        return { output: parseOutput(text, parse) };
      }
      case 'write':
      case 'append': {
        await makeDirs(path.dirname(target));
        const content = toText(cfg.content);
        if (await isPipe(target)) await writePipe(target, content, ctx.signal);
        else if (action === 'write') await fs.writeFile(target, content, { signal: ctx.signal });
        else await fs.appendFile(target, content);
        return { output: rawPath };
      }
      case 'exists':
        return {
          output: await fs.access(target).then(
            () => true,
            () => false,
          ),
        };
      case 'list':
        return { output: await listWithin(target, ctx.maxOutputBytes, `file: list '${rawPath}'`) };
      default:
        throw new StepError(`file: unknown action '${action}'`);
    }
  } catch (e) {
    if (e instanceof StepError) throw e;
    const err = e as NodeJS.ErrnoException;
    if (ctx.signal.aborted) throw ctx.signal.reason;
    if (err.code === 'ENOENT') throw new StepError(`file: no such file '${rawPath}'`);
    if (err.code === 'EPIPE') throw new StepError(`file: ${action} '${rawPath}': the process reading the named pipe closed it before all was written`);
    if (err.code === 'EISDIR') throw new StepError(`file: ${action} '${rawPath}': it is a folder${action === 'read' ? ' (list it instead)' : ''}`);
    if (err.code === 'ENOTDIR') {
      const isFile = action === 'list' && !folderPath && (await fs.stat(target).then((s) => s.isFile(), () => false));
      throw new StepError(`file: ${action} '${rawPath}': ${isFile ? 'it is a file, not a folder' : 'a part of the path is a file, not a folder'}`);
    }
    throw new StepError(`file: ${action} '${rawPath}': ${err.message}`);
  }
};

// Reads and analyses workflow files for the commands, with the errors a person can act on.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyse } from '../analysis/analyse.js';
import { fsHost } from '../analysis/fs-host.js';
import type { Analysis } from '../analysis/types.js';
import { MAX_WORKFLOW_BYTES, parseWorkflow } from '../model/parse.js';

export class UsageError extends Error {}

export function loadAnalysis(file: string): Analysis {
  const abs = path.resolve(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch {
    throw new UsageError(`cannot read '${file}': no such file`);
  }
  if (stat.isDirectory()) throw new UsageError(`'${file}' is a folder, not a workflow file`);
  if (stat.size > MAX_WORKFLOW_BYTES) throw new UsageError(`'${file}' is ${(stat.size / 1048576).toFixed(1)} MB; a workflow file may be at most ${MAX_WORKFLOW_BYTES / 1048576} MB`);
  const text = fs.readFileSync(abs, 'utf8');
  return analyse(parseWorkflow(text, abs), { host: fsHost });
}

/** A path as the user should see it: relative to the current folder when inside it. */
export function displayPath(abs: string): string {
  const rel = path.relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
}

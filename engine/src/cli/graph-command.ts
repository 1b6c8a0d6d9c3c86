// `weft graph <file> [--format mermaid|dot|json]`: the dependency graph for docs and tools.
import { parseArgs } from 'node:util';
import { buildPlan } from '../plan/build-plan.js';
import { toDot, toJson, toMermaid } from './graph-render.js';
import { loadAnalysis, UsageError } from './load.js';
import { printProblems } from './print-errors.js';

const FORMATS = { mermaid: toMermaid, dot: toDot, json: toJson };

export async function graphCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { format: { type: 'string', default: 'mermaid' } }, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError('graph takes one file: weft graph <file> [--format mermaid|dot|json]');
  const render = FORMATS[values.format as keyof typeof FORMATS];
  if (!render) throw new UsageError(`unknown format '${values.format}'; use mermaid, dot or json`);
  const analysis = loadAnalysis(positionals[0]);
  if (printProblems(analysis)) return 1;
  process.stdout.write(render(buildPlan(analysis)));
  return 0;
}

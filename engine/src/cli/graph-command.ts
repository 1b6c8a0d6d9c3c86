// `weft graph <file> [--format mermaid|dot|json]`: the dependency graph for docs and tools.
import { parseArgs } from 'node:util';
import { buildPlan } from '../plan/build-plan.js';
import { mermaidTooLarge } from './graph-mermaid-limits.js';
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
  const text = render(buildPlan(analysis));
  process.stdout.write(text);
  // Printed whole all the same (other renderers take it); said on stderr, so a pipe gets only the graph.
  const tooLarge = render === toMermaid ? mermaidTooLarge(text) : undefined;
  if (tooLarge) process.stderr.write(`weft graph: warning: ${tooLarge}\n`);
  return 0;
}

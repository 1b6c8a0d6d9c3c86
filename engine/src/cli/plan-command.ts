// `weft plan <file> [--json]`: the stages and which steps run in parallel; nothing runs.
import { parseArgs } from 'node:util';
import { buildPlan } from '../plan/build-plan.js';
import { loadAnalysis, UsageError } from './load.js';
import { planText, serialBlockPaths } from './plan-text.js';
import { printProblems } from './print-errors.js';

export async function planCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean' } }, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError('plan takes one file: weft plan <file> [--json]');
  const analysis = loadAnalysis(positionals[0]);
  if (printProblems(analysis)) return 1;
  const plan = buildPlan(analysis);
  process.stdout.write(values.json ? JSON.stringify(plan, null, 2) + '\n' : planText(plan, serialBlockPaths(analysis)));
  return 0;
}

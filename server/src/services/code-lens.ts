// Code lens above the top-level `steps:`: "Run workflow" (command weft.run with the document URI)
// and "N steps, M stages, critical path a -> b -> c" (a path of more than six steps shortened to its
// first three and last two: the lens is one line, and a chain of thousands of steps would fill it;
// a step whose id other steps have is named by the end of its path that is its own, `west/process`);
// with a dependency cycle the file does not run, and the lens names the loop instead).
import type { CodeLens } from 'vscode-languageserver-types';
import type { Analysed, ServiceEnv } from './context.js';
import { ownName } from './step-info.js';
import type { Analysis } from '../../../engine/src/analysis/types.js';

/** The longest critical path spelled whole. */
const MAX_PATH = 6;

export function codeLenses(d: Analysed, env: ServiceEnv): CodeLens[] {
  // After a byte order mark too, which is not content.
  const m = /^\uFEFF?steps[ \t]*:/m.exec(d.text);
  if (!m) return [];
  const at = m.index + (m[0].charCodeAt(0) === 0xfeff ? 1 : 0);
  const range = { start: d.positionAt(at), end: d.positionAt(at + 'steps'.length) };
  const a = d.analysis;
  const n = a.model.allSteps.length;
  const stats = `${n} step${n === 1 ? '' : 's'}, ${schedule(a)}`;
  return [
    { range, command: { title: '▶ Run workflow', command: 'weft.run', arguments: [env.uri] } },
    { range, command: { title: stats, command: '' } },
  ];
}

/**
 * `3 stages, critical path a -> b -> c`; with a dependency cycle, which keeps the file from running,
 * the first loop as the analyser spells it (the stages and the path would read as a schedule).
 */
function schedule(a: Analysis): string {
  const cycle = a.diagnostics.find((d) => d.code === 'cycle');
  if (cycle) return cycle.message;
  const stages = a.stageCount.get(a.model.root) ?? 0;
  const ids = a.criticalPath.map((s) => ownName(a, s));
  const path = ids.length > MAX_PATH ? `${[...ids.slice(0, 3), '…', ...ids.slice(-2)].join(' -> ')} (${ids.length} steps)` : ids.join(' -> ');
  return `${stages} stage${stages === 1 ? '' : 's'}${path ? `, critical path ${path}` : ''}`;
}

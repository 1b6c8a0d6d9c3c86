// Code lens above the top-level `steps:`: "Run workflow" (command weft.run with the document URI)
// and "N steps, M stages, critical path a -> b -> c".
import type { CodeLens } from 'vscode-languageserver-types';
import type { Analysed, ServiceEnv } from './context.js';

export function codeLenses(d: Analysed, env: ServiceEnv): CodeLens[] {
  const m = /^steps[ \t]*:/m.exec(d.text);
  if (!m) return [];
  const pos = d.positionAt(m.index);
  const range = { start: pos, end: d.positionAt(m.index + 'steps'.length) };
  const a = d.analysis;
  const n = a.model.allSteps.length;
  const stages = a.stageCount.get(a.model.root) ?? 0;
  const path = a.criticalPath.map((s) => s.id).join(' -> ');
  const stats = `${n} step${n === 1 ? '' : 's'}, ${stages} stage${stages === 1 ? '' : 's'}${path ? `, critical path ${path}` : ''}`;
  return [
    { range, command: { title: '▶ Run workflow', command: 'weft.run', arguments: [env.uri] } },
    { range, command: { title: stats, command: '' } },
  ];
}

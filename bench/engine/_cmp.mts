import { runWeft } from './overhead.js';
import { prepareDag, layered, chain, independent } from './synthetic.js';
import { buildPGraph, runPGraph, runPLimit } from './peers.js';
import { medians } from './stats.js';
for (const dag of [independent(10000), chain(10000), layered(100, 100, 7)]) {
  const prep = prepareDag(dag);
  const g = buildPGraph(dag);
  const m = await medians({ weft: () => runWeft(prep), pgraph: () => runPGraph(g, 10, () => Promise.resolve()), plimit: () => runPLimit(dag, 10, () => Promise.resolve()) }, 15, 3);
  console.log(dag.name, 'weft', (m.weft / 10).toFixed(2), 'µs  p-graph', (m.pgraph / 10).toFixed(2), 'p-limit', (m.plimit / 10).toFixed(2), ' ratio pg', (m.weft / m.pgraph).toFixed(2), 'pl', (m.weft / m.plimit).toFixed(2));
}

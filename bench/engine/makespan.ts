// Figure 2: makespan with stub delays. Example A (k=2) against a wave runner, example C (k=10) against
// FIFO (p-limit in listing order) once a previous run's durations are recorded, and the mean ratio
// of makespan to the lower bound max(critical path, work / k) over 300 random DAGs.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { PreparedRun } from '../../engine/src/run/index.js';
import { levels, runPLimit, runWaves } from './peers.js';
import { check, lpad, median, time } from './stats.js';
import { versus } from '../versus.js';
import { prepareDag, rng, type Dag } from './synthetic.js';
import { engine } from './weft.js';

const { runPrepared } = engine;
const { previousDurations } = engine.internal;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function weftOnce(prep: PreparedRun, k: number, record = false, runsDir?: string): Promise<number> {
  return time(async () => {
    const h = await runPrepared({ ...prep, runsDir: runsDir ?? prep.runsDir }, { file: prep.analysis.model.file, maxConcurrency: k, onEvent: () => {} }, { record });
    await h.done;
  });
}

/** Weft with durations recorded by an earlier run of the same graph (the engine's own history code). */
async function withHistory(dag: Dag, k: number, dir: string): Promise<PreparedRun> {
  const prep = prepareDag(dag, { maxConcurrency: k });
  const own = path.join(dir, dag.name);
  await weftOnce(prep, k, true, own);
  const durations = await previousDurations(own, prep.analysis.model);
  return { ...prep, durations };
}

function exampleA(u: number): Dag {
  // a1 (10) -> a2 (1), b1 (1) -> b2 (10)
  return { name: 'example-a', parents: [[], [], [0], [1]], delayMs: [10 * u, 1 * u, 1 * u, 10 * u] };
}

function exampleC(u: number): Dag {
  const parents: number[][] = [];
  const delayMs: number[] = [];
  for (let i = 0; i < 90; i++) {
    parents.push([]);
    delayMs.push(u);
  }
  for (let i = 0; i < 10; i++) {
    parents.push(i ? [90 + i - 1] : []);
    delayMs.push(u);
  }
  return { name: 'example-c', parents, delayMs };
}

function randomDag(r: () => number, u: number, name: string): { dag: Dag; k: number; bound: number } {
  const n = 10 + Math.floor(r() * 31);
  const parents: number[][] = [];
  const units: number[] = [];
  for (let i = 0; i < n; i++) {
    const m = i === 0 ? 0 : Math.floor(r() * 4);
    const s = new Set<number>();
    for (let j = 0; j < m; j++) s.add(Math.max(0, i - 1 - Math.floor(r() * Math.min(i, 8))));
    parents.push([...s]);
    units.push(1 + Math.floor(r() * 5));
  }
  const k = [2, 3, 4, 6, 8][Math.floor(r() * 5)];
  const finish: number[] = [];
  units.forEach((d, i) => (finish[i] = d + Math.max(0, ...parents[i].map((p) => finish[p]))));
  const cp = Math.max(...finish);
  const work = units.reduce((a, b) => a + b, 0);
  return { dag: { name, parents, delayMs: units.map((x) => x * u) }, k, bound: Math.max(cp, work / k) * u };
}

export async function makespan(runs: number): Promise<string[]> {
  const out = ['', `2. Makespan with stub delays (median of ${runs} runs; unit = U ms)`];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-bench-'));
  try {
    // Example A.
    const uA = 50;
    const a = exampleA(uA);
    const prepA = prepareDag(a, { maxConcurrency: 2 });
    const lvA = levels(a);
    const wA: number[] = [];
    const vA: number[] = [];
    await weftOnce(prepA, 2);
    for (let i = 0; i < runs; i++) {
      wA.push(await weftOnce(prepA, 2));
      vA.push(await time(() => runWaves(lvA, 2, (j) => sleep(a.delayMs![j]))));
    }
    const rA = median(wA) / (11 * uA);
    out.push(
      `   example A (k=2, U=${uA}): weft ${(median(wA) / uA).toFixed(2)} units, waves ${(median(vA) / uA).toFixed(2)} units (ideal 11, waves 20); weft/ideal ${versus(rA, 1.03, 3)}x, weft/waves ${(median(wA) / median(vA)).toFixed(2)}x   <=1.03x: ${check('makespan example A', rA <= 1.03)}`,
    );
    // Example C, with the durations of a previous run recorded.
    const uC = 100;
    const c = exampleC(uC);
    const cold = prepareDag(c, { maxConcurrency: 10 });
    const coldMs = await weftOnce(cold, 10);
    const prepC = await withHistory(c, 10, dir);
    const wC: number[] = [];
    const fC: number[] = [];
    for (let i = 0; i < runs; i++) {
      wC.push(await weftOnce(prepC, 10));
      fC.push(await time(() => runPLimit(c, 10, (j) => sleep(c.delayMs![j]))));
    }
    const rC = median(wC) / (10 * uC);
    out.push(
      `   example C (k=10, U=${uC}): weft ${(median(wC) / uC).toFixed(2)} units with recorded durations (${(coldMs / uC).toFixed(2)} on a first run), FIFO ${(median(fC) / uC).toFixed(2)} units (ideal 10, FIFO 19); weft/ideal ${versus(rC, 1.03, 3)}x, weft/FIFO ${(median(wC) / median(fC)).toFixed(2)}x   <=1.03x: ${check('makespan example C', rC <= 1.03)}`,
    );
    // 300 random DAGs, 20 at a time (stub delays are timers: runs do not compete for the CPU).
    const u = 30;
    const r = rng(2026);
    const cases = Array.from({ length: 300 }, (_, i) => randomDag(r, u, `random-${i}`));
    const ratios: number[] = [];
    for (let i = 0; i < cases.length; i += 20) {
      const batch = cases.slice(i, i + 20);
      const got = await Promise.all(
        batch.map(async ({ dag, k, bound }) => {
          const prep = await withHistory(dag, k, dir);
          return (await weftOnce(prep, k)) / bound;
        }),
      );
      ratios.push(...got);
    }
    const mean = ratios.reduce((x, y) => x + y, 0) / ratios.length;
    out.push(
      `   300 random DAGs (10-40 steps, 1-5 units each, U=${u}, k in 2..8, durations recorded by a first run): mean makespan / max(critical path, work/k) = ${lpad(versus(mean, 1.05, 3), 5)}, worst ${Math.max(...ratios).toFixed(3)}   <=1.05: ${check('random DAG makespan', mean <= 1.05)}`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

// The peers Weft is measured against, each running the same DAG with the same task: p-limit with a
// promise per node (awaiting its parents), p-graph, a wave runner (levels, then p-limit per level),
// and for shell steps a raw spawn loop.
import { spawn } from 'node:child_process';
import pLimit from 'p-limit';
import { PGraph } from 'p-graph';
import type { Dag } from './synthetic.js';
import { engine } from './weft.js';

const { defaultShell } = engine.internal;

export type Task = (i: number) => Promise<unknown>;

export async function runPLimit(dag: Dag, k: number, task: Task): Promise<void> {
  const limit = pLimit(k);
  const done: Promise<unknown>[] = new Array(dag.parents.length);
  for (let i = 0; i < dag.parents.length; i++) {
    const ps = dag.parents[i];
    done[i] = (ps.length ? Promise.all(ps.map((p) => done[p])) : Promise.resolve()).then(() => limit(() => task(i)));
  }
  await Promise.all(done);
}

export function buildPGraph(dag: Dag): PGraph {
  const nodes = new Map<string, { run: () => Promise<unknown> }>();
  const edges: [string, string][] = [];
  dag.parents.forEach((ps, i) => {
    nodes.set(String(i), { run: () => Promise.resolve() });
    for (const p of ps) edges.push([String(p), String(i)]);
  });
  return new PGraph(nodes, edges);
}

export async function runPGraph(graph: PGraph, k: number, task: Task): Promise<void> {
  await graph.run({ concurrency: k, run: (id: string) => task(Number(id)) });
}

/** Levels (longest distance from a root), then each level with p-limit, waiting for the whole level. */
export function levels(dag: Dag): number[][] {
  const level = new Array<number>(dag.parents.length);
  const out: number[][] = [];
  dag.parents.forEach((ps, i) => {
    let l = 0;
    for (const p of ps) l = Math.max(l, level[p] + 1);
    level[i] = l;
    (out[l] ??= []).push(i);
  });
  return out;
}

export async function runWaves(lv: number[][], k: number, task: Task): Promise<void> {
  const limit = pLimit(k);
  for (const wave of lv) await Promise.all(wave.map((i) => limit(() => task(i))));
}

/** What any runner does per shell step: the same shell as Weft's default (`bash -e -c`), stdout/stderr collected, wait for close. */
export function rawSpawn(command: string, group = false): Promise<number | null> {
  return new Promise((resolve, reject) => {
    // `group`: the child leads its own process group, as Weft's shell steps do (to kill whole trees).
    const [sh, flags] = defaultShell();
    const child = spawn(sh, [...flags, '-c', command], { stdio: ['ignore', 'pipe', 'pipe'], detached: group });
    const out: string[] = [];
    child.stdout.setEncoding('utf8').on('data', (d: string) => out.push(d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => out.push(d));
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });
}

export async function rawSpawnLoop(n: number, k: number, command: string, group = false): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < n) {
      next++;
      await rawSpawn(command, group);
    }
  };
  await Promise.all(Array.from({ length: k }, worker));
}

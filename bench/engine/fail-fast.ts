// Figure 3: fail-fast. 200 queued steps at concurrency 10, one of the first ten fails: how many
// steps start after the failure? (The fourth step to start fails.) Weft stops scheduling synchronously; p-limit and p-graph keep
// draining their queues.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PGraph } from 'p-graph';
import pLimit from 'p-limit';
import { check, median } from './stats.js';
import { engine } from './weft.js';

const { prepareRun, runPrepared } = engine;

const N = 200;
const K = 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function weft(file: string): Promise<number> {
  const prep = await prepareRun({ file, runsDir: path.join(path.dirname(file), 'runs') });
  let failedAt = -1;
  let after = 0;
  let i = 0;
  const h = await runPrepared(prep, {
    file,
    onEvent: (e) => {
      if (e.type === 'step.finished' && e.status === 'failed' && failedAt < 0) failedAt = i;
      if (e.type === 'step.started' && failedAt >= 0) after++;
      i++;
    },
  }, { record: false });
  await h.done;
  return after;
}

async function peer(kind: 'p-limit' | 'p-graph'): Promise<number> {
  let failed = false;
  let after = 0;
  let started = 0;
  const task = async () => {
    if (failed) after++;
    // The fourth task to start fails (p-graph's queue does not keep listing order for equal priorities).
    const nth = started++;
    await sleep(5);
    if (nth === 3) {
      failed = true;
      throw new Error('boom');
    }
  };
  try {
    if (kind === 'p-limit') {
      const limit = pLimit(K);
      await Promise.all(Array.from({ length: N }, () => limit(() => task())));
    } else {
      const nodes = new Map(Array.from({ length: N }, (_, i) => [String(i), { run: () => task() }] as const));
      await new PGraph(nodes, []).run({ concurrency: K });
    }
  } catch {
    /* expected */
  }
  await sleep(5 * (N / K) + 50); // let the queue drain to count every start
  return after;
}

export async function failFast(runs: number): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-bench-ff-'));
  const file = path.join(dir, 'fail-fast.weft.yaml');
  let y = `config:\n  maxConcurrency: ${K}\nsteps:\n`;
  for (let i = 0; i < N; i++) y += i === 3 ? `  - id: s${i}\n    shell: sleep 0.005; exit 1\n` : `  - id: s${i}\n    stub: { delay: 5ms }\n`;
  fs.writeFileSync(file, y);
  const w: number[] = [];
  const l: number[] = [];
  const g: number[] = [];
  try {
    for (let r = 0; r < runs; r++) {
      w.push(await weft(file));
      l.push(await peer('p-limit'));
      g.push(await peer('p-graph'));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return [
    '',
    `3. Fail-fast: steps started after the first failure, out of ${N} queued at concurrency ${K} (median of ${runs} runs)`,
    `   weft ${median(w)}, p-limit ${median(l)}, p-graph ${median(g)}   weft = 0: ${check('fail-fast starts after failure', median(w) === 0 && Math.max(...w) === 0)}`,
  ];
}

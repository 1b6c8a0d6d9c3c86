// Figure 4: shell step throughput. `/bin/true` as a shell step, concurrency 10, against a raw spawn
// loop that does what any runner must per step (sh -c, stdout/stderr collected, wait for close).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { rawSpawnLoop } from './peers.js';
import { check, median, time } from './stats.js';
import { versus } from '../versus.js';
import { engine } from './weft.js';

const { prepareRun, runPrepared } = engine;

const N = 200;
const K = 10;

export async function shell(runs: number): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-bench-sh-'));
  const file = path.join(dir, 'shell.weft.yaml');
  let y = `config:\n  maxConcurrency: ${K}\nsteps:\n`;
  for (let i = 0; i < N; i++) y += `  - id: s${i}\n    timeout: 1m\n    shell: /bin/true\n`;
  fs.writeFileSync(file, y);
  const prep = await prepareRun({ file, runsDir: path.join(dir, 'runs') });
  const weft = async () => {
    const h = await runPrepared(prep, { file, onEvent: () => {} }, { record: false });
    const fin = await h.done;
    if (fin.status !== 'succeeded') throw new Error('shell bench failed');
  };
  const raw = () => rawSpawnLoop(N, K, '/bin/true');
  const rawGroup = () => rawSpawnLoop(N, K, '/bin/true', true);
  const w: number[] = [];
  const r: number[] = [];
  const g: number[] = [];
  try {
    await weft();
    await raw();
    for (let i = 0; i < runs; i++) {
      // Interleaved, alternating which goes first, so drift on a shared machine hits both alike.
      if (i % 2) {
        w.push(await time(weft));
        r.push(await time(raw));
        g.push(await time(rawGroup));
      } else {
        g.push(await time(rawGroup));
        r.push(await time(raw));
        w.push(await time(weft));
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const tw = (N / median(w)) * 1000;
  const tr = (N / median(r)) * 1000;
  const tg = (N / median(g)) * 1000;
  return [
    '',
    `4. Shell steps: ${N} x /bin/true at concurrency ${K} (median of ${runs} runs)`,
    `   weft ${tw.toFixed(0)} steps/s, raw spawn loop ${tr.toFixed(0)} steps/s: ${versus((tw / tr) * 100, 95, 1, false)}%   >=95%: ${check('shell throughput', tw / tr >= 0.95)}`,
    `   (for reference, a raw loop whose children lead their own process group, as Weft's do: ${tg.toFixed(0)} steps/s; weft is ${((tw / tg) * 100).toFixed(1)}% of it)`,
  ];
}

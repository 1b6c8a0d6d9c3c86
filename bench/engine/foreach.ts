// Figure 5: a large foreach, run as users run it: `weft run --json` (the command line, its record and
// one output file per iteration on disk). Its per-item cost must not grow with the number of items:
// a quadratic child scan in the command line's run state made 200,000 items take 403 s (23 s once
// fixed), and one write in flight per finished step ran out of file descriptors and lost outputs.
// The time of the same command on an empty foreach (process start, parse, analysis) is subtracted.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { check, fmtUs, lpad, median, pad } from './stats.js';
import { versus } from '../versus.js';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const SIZES = [5_000, 50_000];

function workflow(dir: string, items: number): string {
  const file = path.join(dir, `foreach-${items}.weft.yaml`);
  const list = JSON.stringify(Array.from({ length: items }, (_, i) => `item-${i}`));
  fs.writeFileSync(file, `steps:\n  - id: each\n    foreach:\n      items: ${list}\n      steps:\n        - id: s\n          stub: { output: "\${item}" }\n`);
  return file;
}

/** Wall time of one `weft run --json` of `file` (stdout discarded), in ms; throws when the run fails or loses an output. */
function timeRun(file: string, items: number, runsDir: string): number {
  fs.rmSync(runsDir, { recursive: true, force: true });
  const t = performance.now();
  const r = spawnSync(process.execPath, [CLI, 'run', file, '--json', '--runs-dir', runsDir], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: 600_000, killSignal: 'SIGKILL' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`weft run ${path.basename(file)} exited ${r.status}: ${r.stderr}`);
  const [run] = fs.readdirSync(runsDir).filter((f) => !f.endsWith('.jsonl'));
  const outputs = items && run ? fs.readdirSync(path.join(runsDir, run, 'outputs')).length : 0;
  if (outputs !== items) throw new Error(`${items} items but ${outputs} output files`);
  return ms;
}

export async function foreachScale(runs: number): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-bench-foreach-'));
  const n = Math.max(3, Math.ceil(runs / 3));
  const out = [`5. A large foreach through the command line (\`weft run --json\`, record and output files on disk), stub items; median of ${n} runs, less the same command on an empty foreach:`];
  try {
    const runsDir = path.join(dir, 'runs');
    const empty = workflow(dir, 0);
    const files = SIZES.map((items) => workflow(dir, items));
    const base: number[] = [];
    const samples: number[][] = SIZES.map(() => []);
    for (let r = 0; r < n; r++) {
      base.push(timeRun(empty, 0, runsDir));
      SIZES.forEach((items, i) => samples[i]!.push(timeRun(files[i]!, items, runsDir)));
    }
    const b = median(base);
    const per = samples.map((s, i) => (median(s) - b) / SIZES[i]!);
    out.push(`   ${pad('empty foreach', 22)}${lpad(`${b.toFixed(0)} ms`, 12)}`);
    SIZES.forEach((items, i) => out.push(`   ${pad(`${items.toLocaleString('en-US')} items`, 22)}${lpad(`${fmtUs(per[i]!)}`, 12)} per item`));
    const scale = per[1]! / per[0]!;
    out.push(`   ${SIZES[1]!.toLocaleString('en-US')} vs ${SIZES[0]!.toLocaleString('en-US')} items: ${versus(scale, 1.3, 2)}x the per-item cost (target <= 1.3x): ${check('foreach per-item cost 50k vs 5k', scale <= 1.3)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

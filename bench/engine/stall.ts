// Figure 6: how long the engine holds the event loop during a big run. Embedded in VS Code, the
// engine shares the extension host's one thread with every extension: a synchronous stretch of it
// freezes completion, hovers and other extensions for that long. The run: a 2,000-item foreach,
// each item nested parallel blocks 4 deep (a 60 ms stub at the bottom) then a sub-workflow call,
// maxConcurrency 10, record and output files on disk, from startRun's call to `done`. A 5 ms
// interval timer measures the longest gap between its ticks (what another extension's callback
// waits at most); monitorEventLoopDelay's max is printed beside it. Then the same run cancelled
// after 1.5 s: a cancel is synchronous by contract (docs/engine.md), so its sweep is timed alone.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { check, lpad, median, pad } from './stats.js';
import { engine } from './weft.js';
import { scaleChild, scaleWorkflow } from '../../test/support/scale-workflow.js';

const ITEMS = 2_000;
const TARGET_MS = 50;

interface Stall {
  /** Longest gap between two 5 ms ticks, less the 5 ms (ms). */
  longest: number;
  /** monitorEventLoopDelay's max (ms). */
  eldMax: number;
  wallMs: number;
  events: number;
  /** The cancel's own synchronous time (ms), when the run was cancelled. */
  cancelMs?: number;
}

async function measure(file: string, runsDir: string, cancelAfter?: number): Promise<Stall> {
  fs.rmSync(runsDir, { recursive: true, force: true });
  let events = 0;
  let longest = 0;
  let last = performance.now();
  const tick = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last - 5);
    last = now;
  }, 5);
  const eld = monitorEventLoopDelay({ resolution: 5 });
  eld.enable();
  const t0 = performance.now();
  last = t0;
  const h = await engine.startRun({ file, runsDir, onEvent: () => events++ });
  let cancelMs: number | undefined;
  const timer = cancelAfter === undefined ? undefined : setTimeout(() => {
    const t = performance.now();
    h.cancel();
    cancelMs = performance.now() - t;
  }, cancelAfter);
  const fin = await h.done;
  const wallMs = performance.now() - t0;
  clearTimeout(timer);
  clearInterval(tick);
  eld.disable();
  if (fin.status !== (cancelAfter === undefined ? 'succeeded' : 'cancelled')) throw new Error(`stall run ${fin.status}: ${fin.error ?? ''}`);
  return { longest, eldMax: eld.max / 1e6, wallMs, events, cancelMs };
}

export async function stall(runs: number): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-bench-stall-'));
  const n = Math.max(3, Math.ceil(runs / 3));
  const out = [
    `6. Longest event-loop stall during a ${ITEMS.toLocaleString('en-US')}-item foreach run (nested parallel blocks 4 deep, a sub-workflow per item, 60 ms stubs, concurrency 10, record on disk), from startRun's call to done; median of ${n} runs (worst in brackets):`,
  ];
  try {
    fs.writeFileSync(path.join(dir, 'stall-child.weft.yaml'), scaleChild('stall-child'));
    const file = path.join(dir, 'stall.weft.yaml');
    fs.writeFileSync(file, scaleWorkflow({ name: 'stall', items: ITEMS, delay: '60ms', child: 'stall-child.weft.yaml' }));
    const runsDir = path.join(dir, 'runs');
    // Warm: the schema's compile and the first calls of the engine's code are the host's once.
    await (await engine.startRun({ file: path.join(dir, 'stall-child.weft.yaml'), runsDir, inputs: { x: 'warm' } })).done;
    const full: Stall[] = [];
    const cancelled: Stall[] = [];
    for (let r = 0; r < n; r++) {
      full.push(await measure(file, runsDir));
      cancelled.push(await measure(file, runsDir, 1500));
    }
    const fmt = (xs: number[]) => `${median(xs).toFixed(0)} ms (${Math.max(...xs).toFixed(0)})`;
    const longest = median(full.map((s) => s.longest));
    out.push(`   ${pad('longest stall', 34)}${lpad(fmt(full.map((s) => s.longest)), 16)}   target <= ${TARGET_MS} ms: ${check(`longest stall, ${ITEMS}-item foreach`, longest <= TARGET_MS)}`);
    out.push(`   ${pad('monitorEventLoopDelay max', 34)}${lpad(fmt(full.map((s) => s.eldMax)), 16)}`);
    out.push(`   ${pad('whole run', 34)}${lpad(fmt(full.map((s) => s.wallMs)), 16)}   ${full[0]!.events.toLocaleString('en-US')} events`);
    out.push(`   ${pad('cancel at 1.5 s: cancel() itself', 34)}${lpad(fmt(cancelled.map((s) => s.cancelMs ?? NaN)), 16)}   (synchronous by contract: every open step final at once)`);
    out.push(`   ${pad('cancel at 1.5 s: longest stall', 34)}${lpad(fmt(cancelled.map((s) => s.longest)), 16)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

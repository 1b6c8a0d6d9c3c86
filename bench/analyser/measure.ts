// Timing and memory helpers for the analyser benchmark: repeated runs with warm-up, median and p95,
// and memory growth measured around one run with the result kept alive.

export interface Timing {
  runs: number;
  median: number;
  p95: number;
  min: number;
}

export function summarize(samples: number[]): Timing {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
  return { runs: s.length, median: at(0.5), p95: at(0.95), min: s[0]! };
}

export async function timeRuns(runs: number, fn: (i: number) => unknown | Promise<unknown>): Promise<Timing> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    samples.push(performance.now() - t0);
  }
  return summarize(samples);
}

const gc = (globalThis as { gc?: () => void }).gc;

export interface Memory {
  /** Heap still used after a full GC with the result alive (what holding the result costs). */
  retainedHeap: number;
  /** Growth of the resident set over the run (includes garbage and allocator slack). */
  rss: number;
  /** False when the process was started without --expose-gc (figures include garbage). */
  exact: boolean;
}

export async function measureMemory(fn: () => unknown | Promise<unknown>): Promise<Memory> {
  gc?.();
  gc?.();
  const before = process.memoryUsage();
  const result = await fn();
  const afterRss = process.memoryUsage().rss;
  gc?.();
  gc?.();
  const after = process.memoryUsage();
  // Keep the result reachable until after the measurement.
  if (result === Symbol.for('never')) console.log(result);
  return { retainedHeap: after.heapUsed - before.heapUsed, rss: afterRss - before.rss, exact: gc !== undefined };
}

export const ms = (v: number) => `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`;
export const mb = (v: number) => `${(v / 1024 / 1024).toFixed(1)} MB`;

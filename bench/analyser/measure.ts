// Timing and memory helpers for the analyser benchmark: repeated runs with warm-up, median and p95,
// and memory growth measured around one run with the result kept alive.

export interface Timing {
  runs: number;
  median: number;
  p95: number;
  min: number;
  /** Median CPU time of the process (user + system) per run: less skewed than wall time on a busy machine. */
  cpuMedian: number;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function summarize(samples: number[], cpu: number[] = samples): Timing {
  const s = [...samples].sort((a, b) => a - b);
  const c = [...cpu].sort((a, b) => a - b);
  return { runs: s.length, median: quantile(s, 0.5), p95: quantile(s, 0.95), min: s[0]!, cpuMedian: quantile(c, 0.5) };
}

export async function timeRuns(runs: number, fn: (i: number) => unknown | Promise<unknown>): Promise<Timing> {
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn(i);
    samples.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return summarize(samples, cpu);
}

/**
 * Times two functions alternately (a, b, a, b, ...), so that both see the same machine load: the
 * ratio between them stays meaningful on a shared, busy machine.
 */
export async function timePaired(
  runs: number,
  a: () => unknown | Promise<unknown>,
  b: () => unknown | Promise<unknown>,
): Promise<[Timing, Timing]> {
  const wall: [number[], number[]] = [[], []];
  const cpu: [number[], number[]] = [[], []];
  for (let i = 0; i < runs; i++) {
    for (const [k, fn] of [a, b].entries()) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await fn();
      wall[k]!.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu[k]!.push((c.user + c.system) / 1000);
    }
  }
  return [summarize(wall[0], cpu[0]), summarize(wall[1], cpu[1])];
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
export const mb = (v: number) => `${v >= 0 ? '+' : '-'}${(Math.abs(v) / 1024 / 1024).toFixed(1)} MB`;

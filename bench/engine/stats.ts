// Timing helpers for the benchmarks: medians over repeated runs, and aligned printing of a figure
// next to its peer's with the ratio and the target from issue 3 section 8.

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export async function time(f: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await f();
  return performance.now() - t;
}

/** Runs every named function `runs` times after `warmup` runs, interleaved, and returns medians (ms). */
export async function medians(fs: Record<string, () => Promise<unknown>>, runs: number, warmup = 2): Promise<Record<string, number>> {
  const samples: Record<string, number[]> = {};
  for (const k of Object.keys(fs)) samples[k] = [];
  for (let r = 0; r < warmup + runs; r++) {
    for (const [k, f] of Object.entries(fs)) {
      const ms = await time(f);
      if (r >= warmup) samples[k].push(ms);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
}

export interface Verdict {
  figure: string;
  ok: boolean;
}

export const verdicts: Verdict[] = [];

export function check(figure: string, ok: boolean): string {
  verdicts.push({ figure, ok });
  return ok ? 'meets' : 'MISSES';
}

export function fmtUs(ms: number): string {
  const us = ms * 1000;
  return us < 10 ? `${us.toFixed(2)}µs` : `${us.toFixed(1)}µs`;
}

export function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

export function lpad(s: string, n: number): string {
  return s.length >= n ? s : ' '.repeat(n - s.length) + s;
}

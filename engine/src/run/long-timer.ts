// Timers for durations of any length. Node's setTimeout takes at most 2^31-1 ms (24.8 days) and runs
// a longer delay after 1 ms instead, with a TimeoutOverflowWarning: a stub's `delay: 720h` ended at
// once, a `config.timeout` of 30 days failed the run as it started, and a step `timeout: 720h` re-armed
// the deadline queue every millisecond (a busy loop, and a warning a millisecond on stderr).
export const MAX_TIMER_MS = 2 ** 31 - 1;

export interface Timer {
  clear(): void;
}

/** Calls `fn` after `ms` milliseconds, waiting in steps of at most MAX_TIMER_MS; `clear` cancels it. */
export function later(fn: () => void, ms: number): Timer {
  let handle: ReturnType<typeof setTimeout>;
  const wait = (left: number): void => {
    handle = left > MAX_TIMER_MS ? setTimeout(() => wait(left - MAX_TIMER_MS), MAX_TIMER_MS) : setTimeout(fn, left);
  };
  wait(ms);
  return { clear: () => clearTimeout(handle) };
}

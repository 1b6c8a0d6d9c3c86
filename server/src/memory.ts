// Keeps the server's memory low in long editing sessions: a full collection once the server has
// been idle for a moment after an analysis, so retired analyses do not pile up in the old generation.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

let gc: (() => void) | undefined;
let timer: NodeJS.Timeout | undefined;

export function tuneMemory(): void {
  try {
    v8.setFlagsFromString('--expose_gc');
    gc = vm.runInNewContext('gc') as () => void;
  } catch {
    gc = undefined;
  }
}

/** Collects garbage after `idleMs` without further calls (each call restarts the wait). */
export function collectWhenIdle(idleMs = 400): void {
  if (!gc) return;
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = undefined;
    gc?.();
  }, idleMs);
  timer.unref();
}

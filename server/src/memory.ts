// Keeps the server's memory low, however an editor starts it (`node dist/server.js --stdio` takes no
// V8 flags from Neovim or Helix): the server tunes V8's heap sizing on itself at startup, and runs a
// full collection once it has been idle for a moment after an analysis, so retired analyses do not
// pile up in the old generation.
//
// Why the flags: an edit of a 5,000-step workflow re-analyses it, allocating about 45 MB, and by
// default V8 then grows the old generation to up to four times what is live and lets the young one
// grow to 16 MB per semi-space: in bench/lsp the server peaked at 293 MB on that file with V8's
// defaults and 131 MB with these flags, for 1.7x slower reference edits (docs/benchmarks.md). Both
// flags below are read by V8's heap controller at every collection, so setting them after startup
// takes effect. `WEFT_LSP_V8_FLAGS` replaces them ('' for V8's defaults).
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** Grow the old generation by 20% of what is live after a full collection; keep the young generation at its initial size. */
export const DEFAULT_HEAP_FLAGS = '--heap-growing-percent=20 --semi-space-growth-factor=1';

let gc: (() => void) | undefined;
let timer: NodeJS.Timeout | undefined;

/** The flags of a `WEFT_LSP_V8_FLAGS`-style list that are applied: `--name` or `--name=number` only. */
export function heapFlags(spec: string): string[] {
  return spec.split(/\s+/).filter((flag) => /^--[a-z0-9-]+(=\d+)?$/.test(flag));
}

/** Sets the heap flags of `spec` (see heapFlags) and exposes gc; returns the flags it set. */
export function tuneMemory(spec = process.env.WEFT_LSP_V8_FLAGS ?? DEFAULT_HEAP_FLAGS): string[] {
  const applied: string[] = [];
  for (const flag of heapFlags(spec)) {
    try {
      v8.setFlagsFromString(flag);
      applied.push(flag);
    } catch {
      // an unknown flag is ignored
    }
  }
  try {
    v8.setFlagsFromString('--expose_gc');
    gc = vm.runInNewContext('gc') as () => void;
  } catch {
    gc = undefined;
  }
  return applied;
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

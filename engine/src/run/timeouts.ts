// Per-attempt timeouts without one Node timer per step: attempts with the same timeout share a FIFO
// queue (their deadlines only grow) and one timer armed for the queue's head. Finished attempts are
// dropped lazily when they reach the head. Starting a step then costs an array push instead of a
// timer allocation and a C++ call, which is most of the per-step overhead on large graphs. The
// entry is the caller's own object (the attempt), so arming a timeout allocates nothing.
import { MAX_TIMER_MS } from './long-timer.js';

/** Fields a timed object carries (set by `Timeouts.add`). */
export interface TimeoutEntry {
  deadline: number;
  live: boolean;
  queue: DurationQueue | undefined;
}

type Entry = TimeoutEntry;

/** Marks an entry finished (its attempt ended before the timeout). */
export function cancelTimeout(e: Entry): void {
  if (!e.live) return;
  e.live = false;
  e.queue!.cancelled();
}

export class DurationQueue {
  private items: Entry[] = [];
  private head = 0;
  private live = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly fire: (e: Entry) => void) {}

  add(e: Entry): void {
    this.items.push(e);
    this.live++;
    if (!this.timer) this.arm();
  }

  /** An entry is no longer live: forget finished entries in bulk so that they are not retained. */
  cancelled(): void {
    this.live--;
    if (this.live === 0) {
      this.items = [];
      this.head = 0;
    } else if (this.items.length - this.head > 4 * this.live + 1024) {
      this.items = this.items.slice(this.head).filter((x) => x.live);
      this.head = 0;
    }
  }

  private arm(): void {
    while (this.head < this.items.length && !this.items[this.head].live) this.head++;
    if (this.head >= this.items.length) {
      this.items = [];
      this.head = 0;
      this.timer = undefined;
      return;
    }
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    const wait = Math.max(0, this.items[this.head].deadline - Date.now());
    // Capped: expire() fires only what is due and arms again for the rest (long-timer.ts says why).
    this.timer = setTimeout(() => this.expire(), Math.min(wait, MAX_TIMER_MS));
  }

  private expire(): void {
    const now = Date.now();
    while (this.head < this.items.length) {
      const e = this.items[this.head];
      if (e.live && e.deadline > now) break;
      this.head++;
      if (e.live) {
        e.live = false;
        this.live--;
        this.fire(e);
      }
    }
    this.arm();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.items = [];
    this.head = 0;
    this.live = 0;
  }
}

export class Timeouts<T extends TimeoutEntry = TimeoutEntry> {
  private queues = new Map<number, DurationQueue>();

  /** `fire(entry, ms)` is called for each entry that expires before it is cancelled. */
  constructor(private readonly fire: (entry: T, ms: number) => void) {}

  /** Arms `e` to fire `ms` after `now` (an entry is armed once at a time). */
  add(ms: number, e: T, now = Date.now()): void {
    let q = this.queues.get(ms);
    if (!q) this.queues.set(ms, (q = new DurationQueue((x) => this.fire(x as T, ms))));
    e.deadline = now + ms;
    e.live = true;
    e.queue = q;
    q.add(e);
  }

  dispose(): void {
    for (const q of this.queues.values()) q.dispose();
    this.queues.clear();
  }
}

// Per-attempt timeouts without one Node timer per step: attempts with the same timeout share a FIFO
// queue (their deadlines only grow) and one timer armed for the queue's head. Finished attempts are
// dropped lazily when they reach the head. Starting a step then costs an array push instead of a
// timer allocation and a C++ call, which is most of the per-step overhead on large graphs.

interface Entry {
  deadline: number;
  /** Passed to the queue's `fire` callback (no closure per attempt). */
  token: unknown;
  live: boolean;
  queue: DurationQueue;
}

/** Marks an entry finished (its attempt ended before the timeout). */
export function cancelTimeout(e: Entry): void {
  if (!e.live) return;
  e.live = false;
  e.queue.cancelled();
}

class DurationQueue {
  private items: Entry[] = [];
  private head = 0;
  private live = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly fire: (token: unknown) => void) {}

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
    this.timer = setTimeout(() => this.expire(), wait);
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
        this.fire(e.token);
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

export class Timeouts {
  private queues = new Map<number, DurationQueue>();

  /** `fire(token, ms)` is called for each entry that expires before it is marked not live. */
  constructor(private readonly fire: (token: unknown, ms: number) => void) {}

  add(ms: number, token: unknown, now = Date.now()): Entry {
    let q = this.queues.get(ms);
    if (!q) this.queues.set(ms, (q = new DurationQueue((t) => this.fire(t, ms))));
    const e: Entry = { deadline: now + ms, token, live: true, queue: q };
    q.add(e);
    return e;
  }

  dispose(): void {
    for (const q of this.queues.values()) q.dispose();
    this.queues.clear();
  }
}

export type { Entry as TimeoutEntry };

// The ready queue: steps whose dependencies have finished, waiting for a slot. A binary heap that
// pops the step with the longest remaining path first (language spec 3.2), ties by file order, then
// by creation order (foreach iterations in item order). O(log n) per push/pop so that 100,000-step
// graphs cost the same per step as 1,000-step ones. The heap's keys live in typed arrays beside the
// items, so sifting compares contiguous numbers instead of loading each step's object (on a wide
// graph those loads were cache misses). Steps often become ready already in pop order (a list's
// roots in file order, the next layer after the current one): a step that sorts after the last one
// appended goes to a FIFO run instead, in O(1), and pop takes the better of the run's head and the
// heap's top, so the order is exactly the heap's.

import { Fifo } from './fifo.js';

export interface Queued {
  /** Position of the static step in its file (document order). */
  readonly order: number;
  /** Creation sequence of the instance (item order for foreach iterations). */
  readonly seq: number;
}

/** `priority`: longest remaining path to the end of the graph, the step included (ms or units). */
export type PriorityOf<T> = (item: T) => number;

/** The pop order: the key (p, o, s) comes before (q, r, t) on a higher priority, then a lower order, then a lower seq. */
function before(p: number, o: number, s: number, q: number, r: number, t: number): boolean {
  return p > q || (p === q && (o < r || (o === r && s < t)));
}

export class ReadyQueue<T extends Queued> {
  /** The sorted run: each item after the one before it. */
  private run = new Fifo<T>();
  /** The heap's items, and their keys at the same positions. */
  private items: T[] = [];
  private prio = new Float64Array(64);
  private ord = new Float64Array(64);
  private sq = new Float64Array(64);
  /** Priority of the sorted run's newest item (its key, kept so that pushes need not recompute it). */
  private lastPrio = 0;

  constructor(private readonly priorityOf: PriorityOf<T>) {}

  get size(): number {
    return this.items.length + this.run.size;
  }

  push(item: T): void {
    const p = this.priorityOf(item);
    const last = this.run.last();
    if (last === undefined || !before(p, item.order, item.seq, this.lastPrio, last.order, last.seq)) {
      this.run.push(item);
      this.lastPrio = p;
    } else this.heapPush(item, p);
  }

  pop(): T | undefined {
    const first = this.run.first();
    if (first !== undefined) {
      if (this.items.length === 0) return this.run.shift();
      if (before(this.priorityOf(first), first.order, first.seq, this.prio[0], this.ord[0], this.sq[0])) return this.run.shift();
    }
    return this.heapPop();
  }

  private heapPush(item: T, p0: number): void {
    let i = this.items.length;
    if (i === this.prio.length) this.grow();
    this.items.push(item);
    const P = this.prio;
    const O = this.ord;
    const S = this.sq;
    const o0 = item.order;
    const s0 = item.seq;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(p0, o0, s0, P[p], O[p], S[p])) break;
      this.move(p, i);
      i = p;
    }
    this.place(i, item, p0, o0, s0);
  }

  private heapPop(): T | undefined {
    const it = this.items;
    const n = it.length - 1;
    if (n < 0) return undefined;
    const top = it[0];
    const last = it.pop()!;
    if (n > 0) {
      const P = this.prio;
      const O = this.ord;
      const S = this.sq;
      const lp = P[n];
      const lo = O[n];
      const ls = S[n];
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        const r = c + 1;
        if (r < n && before(P[r], O[r], S[r], P[c], O[c], S[c])) c = r;
        if (!before(P[c], O[c], S[c], lp, lo, ls)) break;
        this.move(c, i);
        i = c;
      }
      this.place(i, last, lp, lo, ls);
    }
    return top;
  }

  /** Moves the item and keys at heap position `from` to `to`. */
  private move(from: number, to: number): void {
    this.items[to] = this.items[from];
    this.prio[to] = this.prio[from];
    this.ord[to] = this.ord[from];
    this.sq[to] = this.sq[from];
  }

  private place(i: number, item: T, p: number, o: number, s: number): void {
    this.items[i] = item;
    this.prio[i] = p;
    this.ord[i] = o;
    this.sq[i] = s;
  }

  /** Removes and returns everything (used when a run stops). */
  drain(): T[] {
    const all = this.items.concat(this.run.drain());
    this.items = [];
    this.lastPrio = 0;
    return all;
  }

  private grow(): void {
    const cap = this.prio.length * 2;
    const g = (a: Float64Array) => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    this.prio = g(this.prio);
    this.ord = g(this.ord);
    this.sq = g(this.sq);
  }
}

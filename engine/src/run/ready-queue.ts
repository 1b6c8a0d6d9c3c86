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
    if (last === undefined || !(p > this.lastPrio || (p === this.lastPrio && (item.order < last.order || (item.order === last.order && item.seq < last.seq))))) {
      this.run.push(item);
      this.lastPrio = p;
    } else this.heapPush(item, p);
  }

  pop(): T | undefined {
    const first = this.run.first();
    if (first !== undefined) {
      if (this.items.length === 0) return this.run.shift();
      const fp = this.priorityOf(first);
      const P = this.prio[0];
      if (fp > P || (fp === P && (first.order < this.ord[0] || (first.order === this.ord[0] && first.seq < this.sq[0])))) return this.run.shift();
    }
    return this.heapPop();
  }

  private heapPush(item: T, p0: number): void {
    const it = this.items;
    let i = it.length;
    if (i === this.prio.length) this.grow();
    it.push(item);
    const P = this.prio;
    const O = this.ord;
    const S = this.sq;
    const o0 = item.order;
    const s0 = item.seq;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pp = P[p];
      if (!(p0 > pp || (p0 === pp && (o0 < O[p] || (o0 === O[p] && s0 < S[p]))))) break;
      it[i] = it[p];
      P[i] = pp;
      O[i] = O[p];
      S[i] = S[p];
      i = p;
    }
    it[i] = item;
    P[i] = p0;
    O[i] = o0;
    S[i] = s0;
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
        if (r < n && (P[r] > P[c] || (P[r] === P[c] && (O[r] < O[c] || (O[r] === O[c] && S[r] < S[c]))))) c = r;
        const cp = P[c];
        if (!(cp > lp || (cp === lp && (O[c] < lo || (O[c] === lo && S[c] < ls))))) break;
        it[i] = it[c];
        P[i] = cp;
        O[i] = O[c];
        S[i] = S[c];
        i = c;
      }
      it[i] = last;
      P[i] = lp;
      O[i] = lo;
      S[i] = ls;
    }
    return top;
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

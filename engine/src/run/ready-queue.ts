// The ready queue: steps whose dependencies have finished, waiting for a slot. A binary heap that
// pops the step with the longest remaining path first (language spec 3.2), ties by file order, then
// by creation order (foreach iterations in item order). O(log n) per push/pop so that 100,000-step
// graphs cost the same per step as 1,000-step ones.

export interface Queued {
  /** Longest remaining path to the end of the graph, this step included (ms or units). */
  priority: number;
  /** Position of the static step in its file (document order). */
  order: number;
  /** Creation sequence of the instance (item order for foreach iterations). */
  seq: number;
}

function before(a: Queued, b: Queued): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  if (a.order !== b.order) return a.order < b.order;
  return a.seq < b.seq;
}

export class ReadyQueue<T extends Queued> {
  private heap: T[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(item: T): void {
    const h = this.heap;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(item, h[p])) break;
      h[i] = h[p];
      i = p;
    }
    h[i] = item;
  }

  pop(): T | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      let i = 0;
      const n = h.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && before(h[r], h[l]) ? r : l;
        if (!before(h[c], last)) break;
        h[i] = h[c];
        i = c;
      }
      h[i] = last;
    }
    return top;
  }

  /** Removes and returns everything (used when a run stops). */
  drain(): T[] {
    const all = this.heap;
    this.heap = [];
    return all;
  }
}

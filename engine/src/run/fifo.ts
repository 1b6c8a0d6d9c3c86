// A first-in first-out queue over one array that is reused, never shrunk: the scheduler empties its
// queues many times per run (once per step on a chain), and `array.length = 0` gave the backing
// store back each time, so the next push allocated a new one.

export class Fifo<T> {
  private items: (T | undefined)[] = [];
  private head = 0;
  private tail = 0;

  get size(): number {
    return this.tail - this.head;
  }

  push(x: T): void {
    if (this.tail < this.items.length) this.items[this.tail] = x;
    else this.items.push(x);
    this.tail++;
  }

  /** The oldest item, or undefined when empty. */
  first(): T | undefined {
    return this.head < this.tail ? this.items[this.head] : undefined;
  }

  /** The newest item, or undefined when empty. */
  last(): T | undefined {
    return this.head < this.tail ? this.items[this.tail - 1] : undefined;
  }

  shift(): T | undefined {
    if (this.head === this.tail) return undefined;
    const items = this.items;
    const x = items[this.head];
    items[this.head++] = undefined;
    if (this.head === this.tail) {
      this.head = 0;
      this.tail = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.tail) {
      // Mostly consumed: move the rest to the front so that the array does not grow without end.
      items.copyWithin(0, this.head, this.tail);
      items.fill(undefined, this.tail - this.head, this.tail);
      this.tail -= this.head;
      this.head = 0;
    }
    return x;
  }

  /** Removes and returns everything, oldest first. */
  drain(): T[] {
    const out = this.items.slice(this.head, this.tail) as T[];
    this.items = [];
    this.head = 0;
    this.tail = 0;
    return out;
  }
}

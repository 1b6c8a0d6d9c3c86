// Slot accounting: the run's maxConcurrency and every enclosing block's are each a SlotGroup. A leaf
// step needs one free slot in every group it belongs to; blocks take none. A ready step whose group
// is full waits parked on that group and goes back to the ready queue when the group frees a slot
// (Executor.releaseSlots), so a full block never holds up ready steps elsewhere.

export class SlotGroup<T> {
  running = 0;
  /** Steps that were popped from the ready queue while this group was full. */
  parked: T[] = [];
  /** Highest number of steps that ran at once in this group (for tests and the summary). */
  peak = 0;

  constructor(
    readonly limit: number,
    readonly name: string,
  ) {}
}

/** The first full group in `groups`, or undefined when the step may start. */
export function firstFull<T>(groups: SlotGroup<T>[]): SlotGroup<T> | undefined {
  for (let i = 0; i < groups.length; i++) if (groups[i].running >= groups[i].limit) return groups[i];
  return undefined;
}

export function acquire<T>(groups: SlotGroup<T>[]): void {
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    g.running++;
    if (g.running > g.peak) g.peak = g.running;
  }
}

// What a Runs view row shows apart from time, as a string to compare: the view refreshes a node only
// when this changed (or once a second, for moving durations and the run's counts). A refresh of a
// node makes VS Code fetch again everything expanded under it, so the run's row, marked at every
// event of a big run, refetched the whole tree several times a second. No `vscode` import.
import type { ModelNode, RunModel } from '../runs/run-model.js';

/** How many children a node may have before new ones are shown only once a second. */
export const MANY_CHILDREN = 50;

export interface Look {
  /** Status, names and the like: a change is shown at the next refresh. */
  face: string;
  /** How many children it has: a change is shown at once for a small node, once a second for a big one. */
  children: number;
}

export function lookOf(model: RunModel, n: ModelNode): Look {
  const status = model.statusOf(n);
  const children = n.children.length;
  switch (n.type) {
    case 'run': return { face: `${status}|${n.workflow}`, children };
    case 'stage': return { face: status, children };
    case 'branch': return { face: status, children };
    case 'iteration': return { face: `${status}|${n.item ?? ''}`, children };
    case 'step': return { face: `${status}|${n.attempt}|${n.durationMs ?? ''}|${n.name}|${n.kind}`, children };
  }
}

/** Whether a node that looked `before` and looks `now` is refreshed now ('now'), at the next tick ('tick'), or not. */
export function refreshOf(before: Look | undefined, now: Look): 'now' | 'tick' | undefined {
  if (!before || before.face !== now.face) return 'now';
  if (before.children === now.children) return undefined;
  return Math.max(before.children, now.children) > MANY_CHILDREN ? 'tick' : 'now';
}

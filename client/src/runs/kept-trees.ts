// Which finished runs keep their tree in the Runs view (run-store.ts): the most recently finished or
// asked for, newest first, while their step nodes together stay within a budget. The rest are held
// as their run row and read again from their record when asked for. A budget in nodes, not in runs:
// a history of ordinary runs (tens of steps each) keeps every tree, and an expanded row never
// collapses under the user because other runs finished, while a history of 2,000-item foreach runs
// (46,007 nodes each) keeps one. No `vscode` import.

/** Step nodes the finished runs' trees may hold together (about 10 MB of the extension host's heap). */
export const KEEP_STEPS = 20_000;

/**
 * The ids to keep, from `recent` (newest first, each with its tree's step count): each that still
 * fits in `budget`, newest first, and always the newest one whatever its size (the run a user just
 * ran or opened); a big run that does not fit does not stop older small ones from staying.
 */
export function keptTrees(recent: readonly { id: string; steps: number }[], budget = KEEP_STEPS): Set<string> {
  const keep = new Set<string>();
  let used = 0;
  for (const r of recent) {
    if (keep.size > 0 && used + r.steps > budget) continue;
    keep.add(r.id);
    used += r.steps;
  }
  return keep;
}

// "Did you mean ...?": the closest candidate by edit distance, for unknown ids, keys and names.
import { editDistance } from '../model/edit-distance.js';

/** The most edits a suggestion may be away, however long the name. */
const MAX_EDITS = 10;

/** The candidate closest to `name`, if it is close enough to be a plausible typo. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  // Short names are too easy to reach by accident: `7` is one edit from every one-letter id. At most
  // ten edits, the limit of a 30-letter name: the distance is measured within the limit of the diagonal.
  const limit = name.length <= 2 ? 0 : name.length <= 4 ? 1 : Math.min(MAX_EDITS, Math.max(2, Math.floor(name.length / 3)));
  for (const c of candidates) {
    if (c === name) continue;
    // The distance is at least the difference in length: a candidate that cannot be within the
    // limit, or beat the best so far, is not measured.
    const atLeast = Math.abs(c.length - name.length);
    if (atLeast > limit || atLeast >= bestDistance) continue;
    const d = editDistance(name, c, Math.min(limit, bestDistance));
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

export function didYouMean(name: string, candidates: Iterable<string>): { text: string; suggestion?: string } {
  return meaning(closest(name, candidates));
}

/** "did you mean `suggestion`?" for a name already chosen (another tool's word for a Weft one); no text without one. */
export function meaning(suggestion: string | undefined): { text: string; suggestion?: string } {
  return { text: suggestion ? `; did you mean '${suggestion}'?` : '', suggestion };
}

// "Did you mean ...?": the closest candidate by edit distance, for unknown ids, keys and names.

/** One row of the distance table, reused (grown as needed): `closest` runs over every id of a workflow. */
let row = new Float64Array(64);

/**
 * Levenshtein distance where a change of letter case alone costs 0.5. Once every entry of a row is
 * over `max`, the distance is too: it returns that row's smallest entry, which is more than `max`.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (row.length <= b.length) row = new Float64Array(b.length * 2 + 1);
  const prev = row;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : sameLetterOtherCase(ca, cb, a[i - 1], b[j - 1]) ? 0.5 : 1;
      const d = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + cost);
      prev[j] = d;
      if (d < rowMin) rowMin = d;
      diag = tmp;
    }
    if (rowMin > max) return rowMin;
  }
  return prev[b.length];
}

function sameLetterOtherCase(ca: number, cb: number, sa: string, sb: string): boolean {
  if (ca < 128 && cb < 128) return (ca | 32) === (cb | 32) && (ca | 32) >= 97 && (ca | 32) <= 122;
  return sa.toLowerCase() === sb.toLowerCase();
}

/** The candidate closest to `name`, if it is close enough to be a plausible typo. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  // Short names are too easy to reach by accident: `7` is one edit from every one-letter id.
  const limit = name.length <= 2 ? 0 : name.length <= 4 ? 1 : Math.max(2, Math.floor(name.length / 3));
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
  const suggestion = closest(name, candidates);
  return { text: suggestion ? `; did you mean '${suggestion}'?` : '', suggestion };
}

// The one edit distance behind every "did you mean ...?": for schema keys and values (model/) and for
// step ids, inputs and properties (analysis/).

/** Two rows of the distance table and the one before them, reused (grown as needed). */
let rows = [new Float64Array(64), new Float64Array(64), new Float64Array(64)];

/**
 * Optimal string alignment distance: insertions, deletions, substitutions, and a swap of two adjacent
 * letters, each one edit; a change of letter case alone costs half. Once two rows in a row are all over
 * `max`, so is the distance: the result is then some number over `max`, not the distance. With a
 * finite `max`, only the cells within `max` of the diagonal are computed (a path that leaves that band
 * has made more than `max` insertions or deletions), so two long ids cost their length times the band,
 * not the product of their lengths (two ids of 100,000 letters took two minutes).
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return Math.abs(n - m);
  const band = max === Infinity ? Math.max(n, m) : Math.ceil(max);
  if (rows[0].length <= m + 1) rows = rows.map(() => new Float64Array(m * 2 + 2));
  let [before, prev, cur] = rows;
  for (let j = 0; j <= m; j++) prev[j] = j <= band ? j : Infinity;
  let prevMin = 0;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - band);
    const hi = Math.min(m, i + band);
    cur[lo - 1] = lo === 1 ? i : Infinity;
    if (hi < m) cur[hi + 1] = Infinity;
    let rowMin = lo === 1 ? i : Infinity;
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : sameLetterOtherCase(ca, cb, a[i - 1], b[j - 1]) ? 0.5 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb && before[j - 2] + 1 < d) d = before[j - 2] + 1;
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max && prevMin > max) return rowMin;
    prevMin = rowMin;
    [before, prev, cur] = [prev, cur, before];
  }
  return prev[m];
}

function sameLetterOtherCase(ca: number, cb: number, sa: string, sb: string): boolean {
  if (ca < 128 && cb < 128) return (ca | 32) === (cb | 32) && (ca | 32) >= 97 && (ca | 32) <= 122;
  return sa.toLowerCase() === sb.toLowerCase();
}

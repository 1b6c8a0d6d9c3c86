// A bench figure printed beside its target: with the decimals that show which side of the limit it
// is on, for every bench (analyser, engine, lsp). A figure rounded onto the other side read as met
// next to MISS ("0.50x <= 0.5x" for 0.5036, "95.0% >= 95%" for 94.96%).

/**
 * `value` with `digits` decimals, or more (up to 4) where fewer would round it onto the other side
 * of `limit`: at most `limit` when `atMost` (the default), at least `limit` otherwise.
 */
export function versus(value: number, limit: number, digits: number, atMost = true): string {
  const within = (v: number) => (atMost ? v <= limit : v >= limit);
  let d = digits;
  while (d < 4 && within(Number(value.toFixed(d))) !== within(value)) d++;
  return value.toFixed(d);
}

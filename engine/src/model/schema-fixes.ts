// Fixes for two schema errors people bring from other tools, given as the diagnostic's
// data.suggestion (the editor's quick fix writes it over the diagnostic's range):
// - a YAML 1.1 boolean word where true or false goes (`continueOnError: yes`, `on`, `no`, `off`):
//   YAML 1.2, which Weft reads, takes them as text, so the value is not a boolean;
// - GitHub Actions' `timeout-minutes: 10` on a step: Weft writes `timeout: 10m`.
// Kept apart from schema-explain.ts, which decides where the diagnostic goes and says what is wrong.

/** YAML 1.1's words for true and false (any case), and quoted `"true"`/`"false"`, as the boolean they mean. */
export function booleanWord(value: unknown): 'true' | 'false' | undefined {
  if (typeof value !== 'string') return undefined;
  const w = value.toLowerCase();
  if (w === 'yes' || w === 'y' || w === 'on' || w === 'true') return 'true';
  if (w === 'no' || w === 'n' || w === 'off' || w === 'false') return 'false';
  return undefined;
}

/**
 * A number of minutes as a Weft duration (`10` -> `10m`, `1.5` -> `90s`, `0.01` -> `600ms`), or
 * undefined when it is not a positive number that whole milliseconds can write.
 */
export function minutesAsDuration(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return undefined;
  if (Number.isInteger(value)) return `${value}m`;
  const seconds = Math.round(value * 60 * 1000) / 1000; // 0.1 minutes is 6 seconds, not 6.000000000000001
  if (Number.isInteger(seconds)) return `${seconds}s`;
  const ms = Math.round(value * 60_000 * 1000) / 1000;
  return Number.isInteger(ms) ? `${ms}ms` : undefined;
}

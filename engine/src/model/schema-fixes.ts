// Fixes for schema errors people bring from other tools, given as the diagnostic's
// data.suggestion (the editor's quick fix writes it over the diagnostic's range):
// - a YAML 1.1 boolean word where true or false goes (`continueOnError: yes`, `on`, `no`, `off`):
//   YAML 1.2, which Weft reads, takes them as text, so the value is not a boolean;
// - a number written in quotes (`maxConcurrency: "4"`), which is text;
// - GitHub Actions' `timeout-minutes: 10` on a step: Weft writes `timeout: 10m`;
// - a mapping written as its one required value (`workflow: ./file`, as `uses:` names a file).
// Kept apart from schema-explain.ts, which decides where the diagnostic goes and says what is wrong.
import { parseYamlData } from './yaml-parse.js';

/** YAML 1.1's words for true and false (any case), and quoted `"true"`/`"false"`, as the boolean they mean. */
export function booleanWord(value: unknown): 'true' | 'false' | undefined {
  if (typeof value !== 'string') return undefined;
  const w = value.toLowerCase();
  if (w === 'yes' || w === 'y' || w === 'on' || w === 'true') return 'true';
  if (w === 'no' || w === 'n' || w === 'off' || w === 'false') return 'false';
  return undefined;
}

/** Text that is a plain decimal number (`4`, `-1`, `0.5`), as written; undefined otherwise. */
export function quotedNumber(value: unknown): string | undefined {
  return typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? value : undefined;
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

/**
 * `{ key: value }`, the mapping a value written alone stands for (`workflow: ./file`, `http: URL`),
 * when that text reads back as exactly that mapping (no `: ` or trailing `:`, line break, quote or
 * indicator in the value changes what YAML makes of it); undefined otherwise.
 */
export function shorthandMapping(key: string, value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '' || /[\r\n]/.test(value)) return undefined;
  const fix = `{ ${key}: ${value.trim()} }`;
  try {
    const back = parseYamlData(fix) as Record<string, unknown> | null;
    return back && Object.keys(back).length === 1 && back[key] === value.trim() ? fix : undefined;
  } catch {
    return undefined;
  }
}

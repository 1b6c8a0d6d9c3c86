// Secret redaction: values of API-key variables (`apiKeyEnv`, the providers' usual ones), of every
// env var whose name ends in _KEY, _TOKEN or _SECRET, and of RunOptions.secrets are replaced by
// `***` in every event, log line, output file and record. Values shorter than 4 characters are not
// treated as secrets (they would redact ordinary text everywhere).
import type { RunEvent } from './events.js';
import { setOwn } from '../model/own-keys.js';

export const SECRET_NAME = /(_KEY|_TOKEN|_SECRET)$/i;
export const MASK = '***';

export function secretValues(
  env: Record<string, string | undefined>,
  secrets: Record<string, string> | undefined,
  keyEnvNames: string[],
): string[] {
  const names = new Set(keyEnvNames);
  const values = new Set<string>();
  for (const [k, v] of Object.entries(env)) if (v && (SECRET_NAME.test(k) || names.has(k))) values.add(v);
  for (const v of Object.values(secrets ?? {})) if (v) values.add(v);
  return [...values].filter((v) => v.length >= 4);
}

/**
 * `text` cut to at most `max` characters (the last one `…` when cut), redacted first: cutting first
 * could leave the start of a secret that straddles the cut, which redaction no longer recognises.
 * The cut never splits a surrogate pair (half an emoji is not text).
 */
export function clip(text: string, max: number, redact?: (text: string) => string): string {
  const safe = redact ? redact(text) : text;
  if (safe.length <= max) return safe;
  let end = max - 1;
  if ((safe.charCodeAt(end - 1) & 0xfc00) === 0xd800) end--;
  return safe.slice(0, end) + '…';
}

/**
 * `text` cut to at most `maxBytes` bytes of UTF-8 (the interfaces spec's "at most 4 KB of text" for
 * an output preview; 4,096 characters of CJK text would be 12 KB), the last character `…` when cut,
 * redacted first as in `clip`. The cut never splits a surrogate pair; a lone surrogate counts as the
 * 3 bytes of the replacement character it is written as.
 */
export function clipBytes(text: string, maxBytes: number, redact?: (text: string) => string): string {
  const safe = redact ? redact(text) : text;
  if (safe.length * 3 <= maxBytes) return safe; // at most 3 bytes per UTF-16 unit
  const budget = maxBytes - 3; // what may stay before the `…` (3 bytes)
  let bytes = 0;
  let cut = -1;
  for (let i = 0; i < safe.length; i++) {
    const c = safe.charCodeAt(i);
    const pair = (c & 0xfc00) === 0xd800 && (safe.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    const w = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    if (cut < 0 && bytes + w > budget) cut = i;
    bytes += w;
    if (bytes > maxBytes) return safe.slice(0, cut) + '…';
    if (pair) i++;
  }
  return safe;
}

export class Redactor {
  private re: RegExp | undefined;
  private readonly values: Set<string>;
  private spelled: readonly string[] = [];

  constructor(values: string[]) {
    this.values = new Set(values.filter((v) => v.length >= 4));
    this.build();
  }

  /**
   * Redacts `values` too from now on: a called file's `env:` is evaluated when its `workflow` step
   * starts, after the run's redactor was made, and its secret-named values are secrets as well.
   */
  add(values: string[]): void {
    const before = this.values.size;
    for (const v of values) if (v.length >= 4) this.values.add(v);
    if (this.values.size !== before) this.build();
  }

  /** The values redacted (in each of their spellings), longest first. */
  get secrets(): readonly string[] {
    return this.spelled;
  }

  private build(): void {
    const sorted = [...new Set([...this.values].flatMap(spellings))].sort((a, b) => b.length - a.length);
    this.spelled = sorted;
    this.re = sorted.length ? new RegExp(sorted.map(escape).join('|'), 'g') : undefined;
  }

  get active(): boolean {
    return this.re !== undefined;
  }

  text(s: string): string {
    if (!this.re) return s;
    this.re.lastIndex = 0;
    return this.re.test(s) ? s.replace(this.re, MASK) : s;
  }

  /**
   * `v` with every string redacted (object keys included): a copy of each array and object that
   * held a secret, and `v` itself, untouched, when nothing in it did. So `value(v) !== v` says
   * exactly that a secret was masked in it (a stored output then loses its hash, start-run.ts).
   */
  value<T>(v: T): T {
    if (!this.re) return v;
    return this.walk(v) as T;
  }

  event<T extends RunEvent>(ev: T): T {
    return this.value(ev);
  }

  private walk(v: unknown): unknown {
    if (typeof v === 'string') return this.text(v);
    if (Array.isArray(v)) {
      let out: unknown[] | undefined;
      for (let i = 0; i < v.length; i++) {
        const x = this.walk(v[i]);
        if (!out && x !== v[i]) out = v.slice(0, i);
        out?.push(x);
      }
      return out ?? v;
    }
    if (v && typeof v === 'object') {
      const entries = Object.entries(v);
      let out: Record<string, unknown> | undefined;
      for (let i = 0; i < entries.length; i++) {
        const [k, x] = entries[i]!;
        const key = this.text(k);
        const value = this.walk(x);
        if (!out && (key !== k || value !== x)) {
          out = {};
          for (let j = 0; j < i; j++) setOwn(out, entries[j]![0], entries[j]![1]);
        }
        if (out) setOwn(out, key, value);
      }
      return out ?? v;
    }
    return v;
  }
}

/**
 * A secret as it may reach a record in other words than its own, as GitHub Actions' runner masks a
 * secret's escaped forms too: percent-encoded (URLSearchParams encodes an http step's `query`
 * values, whose failure quotes the URL; `new URL` a templated URL's odd characters) and JSON-escaped
 * (a password holding `"` or `\` in an object's preview, or in text a template made of an object),
 * once and twice (an output holding such text, written into a JSON record); in lower case (`new URL`
 * lowers a host name, and an http failure quotes it); and base64-encoded (base64Spellings).
 */
function spellings(s: string): string[] {
  const json = JSON.stringify(s).slice(1, -1);
  const out = [s, json, JSON.stringify(json).slice(1, -1), new URLSearchParams([['k', s]]).toString().slice(2), ...base64Spellings(s)];
  // Lowered only from 8 characters on: `FOO_KEY=NAME` would mask every `name`.
  if (s.length >= 8) out.push(s.toLowerCase());
  try {
    out.push(encodeURIComponent(s), encodeURI(s));
  } catch {
    /* a lone surrogate: no percent-encoding */
  }
  return out;
}

/**
 * The base64 and base64url text of a secret's bytes wherever they start in what is encoded: `curl -v
 * -u user:$TOKEN` prints `Basic <base64 of user:token>`, where the token starts 0, 1 or 2 bytes into a
 * 3-byte group. From the first whole group on (the secret less 0, 1 or 2 bytes) its encoding is the
 * same whatever came before; the last, partial group depends on what follows, so it is left out.
 * As GitHub Actions' runner masks base64 (its Base64StringEscapeShift1/2 encoders). Forms shorter
 * than 8 characters are left out, as the lower case is under 8 characters.
 */
function base64Spellings(s: string): string[] {
  const bytes = Buffer.from(s, 'utf8');
  const out: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const from = bytes.subarray(shift);
    const whole = from.subarray(0, from.length - (from.length % 3));
    // Under 8 characters of base64 (6 bytes), a form turns up by chance in any long base64 text.
    if (whole.length < 6) continue;
    out.push(whole.toString('base64'), whole.toString('base64url'));
  }
  return out;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// `http`: one request with Node's fetch (undici), aborted with the attempt. `query` is appended to
// the URL, an object `body` is sent as JSON, `expect` lists accepted status codes (default 2xx).
// The output is the body, JSON-parsed when the response says JSON (or `parse` asks for it).
import { toText } from '../../template/evaluate.js';
import { readTextWithin } from './output-limit.js';
import type { Action, ActionContext, ActionResult } from './types.js';
import { asObject, parseOutput, StepError } from './types.js';
import { clip } from '../redact.js';

function accepted(expect: unknown, status: number): boolean {
  if (expect === undefined || expect === null) return status >= 200 && status < 300;
  const list = Array.isArray(expect) ? expect : [expect];
  return list.some((e) => {
    if (typeof e === 'number') return e === status;
    const t = String(e).trim().toLowerCase();
    if (/^\dxx$/.test(t)) return Math.floor(status / 100) === Number(t[0]);
    return Number(t) === status;
  });
}

export const httpAction: Action = async (ctx: ActionContext): Promise<ActionResult> => {
  const cfg = asObject(ctx.config, 'url');
  const method = (typeof cfg.method === 'string' ? cfg.method : 'GET').toUpperCase();
  let url: URL;
  try {
    url = new URL(toText(cfg.url));
  } catch {
    throw new StepError(`http: invalid url '${toText(cfg.url)}'`);
  }
  if (cfg.query && typeof cfg.query === 'object') {
    for (const [k, v] of Object.entries(cfg.query)) url.searchParams.append(k, toText(v));
  }
  const headers: Record<string, string> = {};
  if (cfg.headers && typeof cfg.headers === 'object') for (const [k, v] of Object.entries(cfg.headers)) headers[k.toLowerCase()] = toText(v);
  let body: string | undefined;
  if (cfg.body !== undefined && cfg.body !== null) {
    if (typeof cfg.body === 'string') body = cfg.body;
    else {
      body = JSON.stringify(cfg.body);
      headers['content-type'] ??= 'application/json';
    }
  }
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body, signal: ctx.signal });
  } catch (e) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    const cause = (e as { cause?: { message?: string } }).cause?.message;
    throw new StepError(`http: ${method} ${url.href}: ${cause ?? (e as Error).message}`);
  }
  let text: string;
  try {
    text = await readTextWithin(res.body, ctx.maxOutputBytes, `http: ${method} ${url.href}: the response`, res.headers);
  } catch (e) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    throw e;
  }
  const resHeaders: Record<string, string> = {};
  res.headers.forEach((v, k) => (resHeaders[k] = v));
  const extra = { statusCode: res.status, headers: resHeaders };
  if (!accepted(cfg.expect, res.status)) {
    throw new StepError(`http: ${method} ${url.href} returned ${res.status}${text ? `: ${clip(text, 200, ctx.redact)}` : ''}`, extra);
  }
  const isJson = /\bjson\b/i.test(res.headers.get('content-type') ?? '');
  const parse = cfg.parse ?? (ctx.step.raw as Record<string, unknown>).parse ?? (isJson ? 'json' : 'text');
  if (parse === 'json') return { output: text === '' ? null : parseJsonText(text, `http: ${method} ${url.href}: the response`, extra), extra };
  try {
    return { output: parseOutput(text, parse), extra };
  } catch (e) {
    throw new StepError((e as Error).message, extra);
  }
};

/**
 * `text` parsed as JSON; else a StepError saying what is wrong and where: `<what> is not valid JSON:
 * unexpected token '}' at line 2, column 10 (position 18)`. V8's message names the problem, but
 * not always the position (`Unexpected token`, `Unexpected end`), and quotes the text itself.
 */
export function parseJsonText(text: string, what: string, extra: Record<string, unknown> = {}): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const given = / at position (\d+)/.exec(message);
    const at = given ? Number(given[1]) : jsonErrorAt(text);
    const problem = message
      .replace(/^(Unexpected token .+?), (\.\.\.)?".*is not valid JSON$/s, '$1')
      .replace(/( in JSON)? at position \d+.*$/s, '')
      .replace(/^\w/, (c) => c.toLowerCase());
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    throw new StepError(`${what} is not valid JSON: ${problem} at line ${line}, column ${column} (position ${at})`, extra);
  }
}

/** Where JSON parsing of `text` stops: the offset of the first character that cannot continue valid JSON (text.length if it ends early). */
function jsonErrorAt(text: string): number {
  let i = 0;
  const skip = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const string = (): boolean => {
    if (text[i] !== '"') return false;
    for (i++; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) return i++, true;
      if (c < 0x20) return false;
      if (c === 0x5c) {
        i++;
        if (text[i] === 'u') {
          for (let k = 0; k < 4; k++) if (!/[0-9a-fA-F]/.test(text[++i] ?? '')) return false;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) return false;
      }
    }
    return false;
  };
  const digits = (): boolean => {
    const from = i;
    while (i < text.length && text[i] >= '0' && text[i] <= '9') i++;
    return i > from;
  };
  const number = (): boolean => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else if (!digits()) return false;
    if (text[i] === '.' && (i++, !digits())) return false;
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (!digits()) return false;
    }
    return true;
  };
  const word = (): boolean => {
    const w = ['true', 'false', 'null'].find((x) => x[0] === text[i]);
    if (!w) return false;
    for (const ch of w) if (text[i] === ch) i++;
    else return false;
    return true;
  };
  const closers: string[] = [];
  for (;;) {
    // A value.
    skip();
    if (text[i] === '{' || text[i] === '[') {
      const close = text[i] === '{' ? '}' : ']';
      i++;
      skip();
      if (text[i] === close) i++;
      else {
        closers.push(close);
        if (close === '}') {
          if (!string()) return i;
          skip();
          if (text[i] !== ':') return i;
          i++;
        }
        continue;
      }
    } else if (!(text[i] === '"' ? string() : text[i] === '-' || (text[i] >= '0' && text[i] <= '9') ? number() : word())) return i;
    // After a value: a comma, a closing bracket, or the end.
    for (;;) {
      skip();
      const close = closers.at(-1);
      if (close === undefined) return i;
      if (text[i] === close) {
        i++;
        closers.pop();
        continue;
      }
      if (text[i] !== ',') return i;
      i++;
      if (close === '}') {
        skip();
        if (!string()) return i;
        skip();
        if (text[i] !== ':') return i;
        i++;
      }
      break;
    }
  }
}

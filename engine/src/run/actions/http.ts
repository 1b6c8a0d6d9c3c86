// `http`: one request with the fetch step-fetch.ts gives the step (the global one, unless a proxy
// or a time limit over 5 minutes needs undici's), aborted with the attempt. `query` is appended to
// the URL, an object `body` is sent as JSON, `expect` lists accepted status codes (default 2xx;
// one that names a redirect status stops redirects from being followed, so the step sees it).
// The output is the body, JSON-parsed when the response says JSON (or `parse` asks for it).
import { httpRequest } from './http-request.js';
import { retryAfterMs } from './retry-after.js';
import { readTextWithin } from './output-limit.js';
import type { Action, ActionContext, ActionResult } from './types.js';
import { StepError } from './types.js';
import { parseOutput } from './parse-output.js';
import { parseJsonText } from './json-text.js';
import { badPortMessage } from './blocked-ports.js';
import { clip } from '../redact.js';
import { getOwn, setOwn } from '../../model/own-keys.js';
import { fetchFailure, idleLimitError, stepFetch } from './step-fetch.js';

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

/**
 * Whether `expect` accepts a redirect status (301, 302, 303, 307, 308, or the class `3xx`): such a
 * step checks the redirect itself, as `curl` without `-L` sees it, so the redirect is not followed.
 */
function expectsRedirect(expect: unknown): boolean {
  if (expect === undefined || expect === null) return false;
  return [301, 302, 303, 307, 308].some((status) => accepted(expect, status));
}

export const httpAction: Action = async (ctx: ActionContext): Promise<ActionResult> => {
  const { cfg, method, url, headers, body } = httpRequest(ctx.config);
  let res: Response;
  try {
    // A step that expects a redirect gets it; any other follows redirects (fetch's default).
    const redirect = expectsRedirect(cfg.expect) ? 'manual' : 'follow';
    res = await stepFetch(ctx)(url, { method, headers, body, redirect, signal: ctx.signal });
  } catch (e) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    const idle = idleLimitError(e, `http: ${method} ${url.href}`);
    if (idle) throw idle;
    const cause = (e as { cause?: { message?: string } }).cause?.message;
    if (cause === 'bad port') throw new StepError(badPortMessage(method, url));
    throw new StepError(`http: ${method} ${url.href}: ${fetchFailure(e) ?? (e as Error).message}`);
  }
  let text: string;
  try {
    text = await readTextWithin(res.body, ctx.maxOutputBytes, `http: ${method} ${url.href}: the response`, res.headers);
  } catch (e) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    throw e;
  }
  const resHeaders: Record<string, string> = {};
  // forEach gives Set-Cookie once per value (fetch combines every other header): join them as
  // Headers.get does, instead of keeping the last.
  res.headers.forEach((v, k) => {
    const before = getOwn(resHeaders, k);
    setOwn(resHeaders, k, before === undefined ? v : `${before}, ${v}`);
  });
  const extra = { statusCode: res.status, headers: resHeaders };
  if (!accepted(cfg.expect, res.status)) {
    throw new StepError(`http: ${method} ${url.href} returned ${res.status}${text ? `: ${clip(text, 200, ctx.redact)}` : ''}`, extra, retryAfterMs(res.headers));
  }
  const isJson = /\bjson\b/i.test(res.headers.get('content-type') ?? '');
  const parse = cfg.parse ?? (isJson ? 'json' : 'text');
  if (parse === 'json') return { output: text === '' ? null : parseJsonText(text, `http: ${method} ${url.href}: the response`, extra), extra };
  try {
    return { output: parseOutput(text, parse), extra };
  } catch (e) {
    throw new StepError((e as Error).message, extra);
  }
};

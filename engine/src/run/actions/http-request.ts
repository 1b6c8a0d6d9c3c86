// The request an http step's config describes, or why it can never be sent (a URL that does not parse
// or is not http(s), a GET or HEAD with a body, a header fetch cannot send); a mapping `body` is
// JSON, or a URL-encoded form under a form content type. The action builds its
// request here, and the executor asks first (actions/index.ts configProblem), so that such a step
// fails before it starts instead of failing, and being retried, the same way on every attempt.
import { headerProblem } from './header-problem.js';
import { toText } from '../../template/evaluate.js';
import { asObject, StepError, stepErrorOf } from './types.js';
import { setOwn } from '../../model/own-keys.js';

export interface HttpRequest {
  /** The config as an object (`http: URL` is `{url: URL}`). */
  cfg: Record<string, unknown>;
  method: string;
  /** With `query` appended. */
  url: URL;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string | undefined;
}

/** Whether a content type is a URL-encoded form's (`application/x-www-form-urlencoded; charset=utf-8`). */
function isForm(contentType: string | undefined): boolean {
  return contentType !== undefined && /^\s*application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType);
}

/**
 * A mapping as a URL-encoded form (`a=1&b=x+y`), as curl --data-urlencode, Python's requests
 * (`data=dict`) and an HTML form send it: a list repeats its key, any other value is its text (an
 * object its JSON); a null value is sent empty.
 */
function formBody(fields: Record<string, unknown>): string {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) {
    for (const item of Array.isArray(v) ? v : [v]) form.append(k, toText(item));
  }
  return form.toString();
}

/** The request of an http step's (evaluated) config; throws a StepError when it can never be sent. */
export function httpRequest(config: unknown): HttpRequest {
  const cfg = asObject(config, 'url');
  const method = (typeof cfg.method === 'string' ? cfg.method : 'GET').toUpperCase();
  let url: URL;
  try {
    url = new URL(toText(cfg.url));
  } catch {
    throw new StepError(`http: invalid url '${toText(cfg.url)}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    // fetch's own words were undici's `not implemented... yet...` (file:) and `unknown scheme`
    // (ftp:), and a data: URL "succeeded" without a request.
    const instead = url.protocol === 'file:' ? '; read a file with a `file` step' : '';
    throw new StepError(`http: ${method} ${url.href}: an http step sends http:// and https:// URLs only, not ${url.protocol}${instead}`);
  }
  if (cfg.query && typeof cfg.query === 'object') {
    for (const [k, v] of Object.entries(cfg.query)) url.searchParams.append(k, toText(v));
  }
  const headers: Record<string, string> = {};
  if (cfg.headers && typeof cfg.headers === 'object') for (const [k, v] of Object.entries(cfg.headers)) setOwn(headers, k.toLowerCase(), toText(v));
  let body: string | undefined;
  if (cfg.body !== undefined && cfg.body !== null) {
    if (typeof cfg.body === 'string') body = cfg.body;
    else if (isForm(headers['content-type']) && typeof cfg.body === 'object' && !Array.isArray(cfg.body)) body = formBody(cfg.body as Record<string, unknown>);
    else {
      body = JSON.stringify(cfg.body);
      headers['content-type'] ??= 'application/json';
    }
  }
  if (body !== undefined && (method === 'GET' || method === 'HEAD')) {
    // fetch's own words were `Request with GET/HEAD method cannot have body.`
    throw new StepError(`http: ${method} ${url.href}: a ${method} request cannot have a body; give the step a \`method\` (POST, PUT, ...), or send the data in \`query\``);
  }
  for (const [k, v] of Object.entries(headers)) {
    const problem = headerProblem(k, v);
    if (problem) throw new StepError(`http: ${method} ${url.href}: ${problem}`);
  }
  return { cfg, method, url, headers, body };
}

/** Why an http step's config can never be sent, or undefined. */
export function httpConfigProblem(config: unknown): string | undefined {
  return stepErrorOf(() => httpRequest(config));
}

// The fetch that http and llm steps use. Node's fetch ends a request after 300 s without the
// response's headers, or between two pieces of its body (undici's `headersTimeout` and
// `bodyTimeout`), whatever the step's `timeout` says. A step whose time limit (its own timeout, an
// enclosing block's, the run's) is longer than that is sent with undici's own fetch and a dispatcher
// without those limits: the time limit bounds it instead. Node's fetch also ignores the proxy
// variables that curl and the step's own shell commands honour: a request that the run's environment
// sends through a proxy (proxy-env.ts) goes through undici's ProxyAgent. In VS Code the editor's fetch
// applies the editor's proxy and certificate settings (`editorFetch`): a step without a longer limit
// keeps it. Every other request uses the global fetch as it is; when its limits end a request, the
// error names them and the cure.
import type { Dispatcher } from 'undici';
import { formatDuration } from '../../model/duration.js';
import { proxyFor, type ProxyChoice } from './proxy-env.js';
import { StepError, type ActionContext } from './types.js';

/**
 * The idle limits of the global fetch: undici's defaults. A test that gives the global fetch a
 * dispatcher with shorter limits sets this to match.
 */
export const idleLimit = { ms: 300_000 };

/** The dispatchers made so far, by proxy and limit (a proxy's connections are reused across steps). */
const dispatchers = new Map<string, Dispatcher>();

/** undici's own fetch through `proxy` (undefined: directly), with idle limits of `limitMs` (0: none). */
async function undiciFetch(input: string | URL, init: RequestInit | undefined, proxy: ProxyChoice | undefined, limitMs: number): Promise<Response> {
  // Loaded on first use: most runs never need it, and it would add to every start of `weft`.
  const undici = await import('undici');
  const key = `${proxy?.url.href ?? ''} ${limitMs}`;
  let dispatcher = dispatchers.get(key);
  if (!dispatcher) {
    const limits = { headersTimeout: limitMs, bodyTimeout: limitMs };
    // An http URL goes to the proxy as a plain request in absolute form, as curl sends it (many
    // proxies allow CONNECT to port 443 only); an https one through a CONNECT tunnel. The factory
    // gives the plain requests' connection to the proxy the same limits.
    dispatcher = proxy
      ? new undici.ProxyAgent({ uri: proxy.url.href, proxyTunnel: false, ...limits, factory: (origin, opts) => new undici.Pool(origin, { ...opts, ...limits }) })
      : new undici.Agent(limits);
    dispatchers.set(key, dispatcher);
  }
  try {
    // undici's fetch takes and returns the WHATWG types of the global one; its typings are its own.
    return (await undici.fetch(input, { ...(init as object), dispatcher } as never)) as unknown as Response;
  } catch (e) {
    throw proxy ? throughProxy(e, proxy) : e;
  }
}

/** A failed fetch's error whose cause also says which proxy it went through. */
function throughProxy(e: unknown, proxy: ProxyChoice): unknown {
  const cause = (e as { cause?: { message?: unknown; code?: unknown } })?.cause;
  if (!(e instanceof Error) || !cause || typeof cause.message !== 'string') return e;
  return new TypeError(e.message, { cause: Object.assign(new Error(`${cause.message.trim()} (through ${proxy.shown})`), { code: cause.code }) });
}

/**
 * The fetch for a step: its shortest time limit (`timeLimitMs`, undefined: none), the environment
 * that names its proxies, and whether the global fetch is the editor's.
 */
export function stepFetch(ctx: Pick<ActionContext, 'timeLimitMs' | 'env' | 'editorFetch'>): typeof fetch {
  const long = ctx.timeLimitMs !== undefined && ctx.timeLimitMs > idleLimit.ms;
  if (ctx.editorFetch && !long) return (input, init) => globalThis.fetch(input, init);
  return (async (input: string | URL, init?: RequestInit) => {
    const proxy = proxyFor(new URL(input), ctx.env);
    if (!proxy && !long) return globalThis.fetch(input, init);
    return undiciFetch(input, init, proxy, long ? 0 : idleLimit.ms);
  }) as unknown as typeof fetch;
}

/**
 * Why a fetch got no response, from its error's cause, in plain words with the library's own kept in
 * parentheses (a proxy's ` (through ...)` stays at the end): `the server closed the connection
 * without sending a response (other side closed)`, as curl says "Empty reply from server". Other
 * causes as the library gives them; undefined when the error has no cause.
 */
export function fetchFailure(e: unknown): string | undefined {
  const cause = (e as { cause?: { message?: unknown; code?: unknown } })?.cause;
  if (!cause || typeof cause.message !== 'string') return undefined;
  const [, own, through = ''] = /^([\s\S]*?)((?: \(through .*\))?)$/.exec(cause.message.trim())!;
  const words = plainWords(String(cause.code ?? ''), own);
  return words === undefined ? cause.message : `${words} (${own})${through}`;
}

function plainWords(code: string, message: string): string | undefined {
  if (code === 'UND_ERR_SOCKET' && /other side closed/.test(message)) return 'the server closed the connection without sending a response';
  if (code === 'ECONNRESET') return 'the server reset the connection';
  if (code === 'ECONNREFUSED') {
    const at = /ECONNREFUSED (\S+)/.exec(message)?.[1];
    return `nothing accepted the connection${at ? ` at ${at}` : ''}`;
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    const host = /(?:ENOTFOUND|EAI_AGAIN) (\S+)/.exec(message)?.[1];
    return `the host name${host ? ` '${host}'` : ''} could not be resolved`;
  }
  return undefined;
}

/**
 * The StepError for an idle limit that ended a request (`what` names the request or its body), or
 * undefined when `e` is something else.
 */
export function idleLimitError(e: unknown, what: string): StepError | undefined {
  const code = (e as { cause?: { code?: unknown } })?.cause?.code ?? (e as { code?: unknown })?.code;
  const limit = formatDuration(idleLimit.ms);
  const cure = `the limit of a request whose step has no longer time limit; give the step a \`timeout\` over ${limit} to wait longer`;
  if (code === 'UND_ERR_HEADERS_TIMEOUT') return new StepError(`${what}: no response within ${limit} (${cure})`);
  if (code === 'UND_ERR_BODY_TIMEOUT') return new StepError(`${what} stalled: nothing received for ${limit} (${cure})`);
  return undefined;
}

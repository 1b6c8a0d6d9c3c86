// The fetch that http and llm steps use. Node's fetch ends a request after 300 s without the
// response's headers, or between two pieces of its body (undici's `headersTimeout` and
// `bodyTimeout`), whatever the step's `timeout` says. A step whose time limit (its own timeout, an
// enclosing block's, the run's) is longer than that is sent with undici's own fetch and a dispatcher
// without those limits: the time limit bounds it instead. Every other step uses the global fetch as it
// is (in VS Code, the editor's, with its proxy support); when its limits end a request, the error
// names them and the cure.
import type { Agent } from 'undici';
import { formatDuration } from '../../model/duration.js';
import { StepError } from './types.js';

/**
 * The idle limits of the global fetch: undici's defaults. A test that gives the global fetch a
 * dispatcher with shorter limits sets this to match.
 */
export const idleLimit = { ms: 300_000 };

let unlimited: Agent | undefined;

/** The fetch for a step whose shortest time limit is `limitMs` (undefined: none). */
export function stepFetch(limitMs: number | undefined): typeof fetch {
  if (limitMs === undefined || limitMs <= idleLimit.ms) return (input, init) => globalThis.fetch(input, init);
  return (async (input: string | URL, init?: RequestInit) => {
    // Loaded on first use: most runs never need it, and it would add to every start of `weft`.
    const undici = await import('undici');
    const dispatcher = (unlimited ??= new undici.Agent({ headersTimeout: 0, bodyTimeout: 0 }));
    // undici's fetch takes and returns the WHATWG types of the global one; its typings are its own.
    return undici.fetch(input, { ...(init as object), dispatcher } as never);
  }) as unknown as typeof fetch;
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

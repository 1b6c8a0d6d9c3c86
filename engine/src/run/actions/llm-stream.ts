// What the streaming LLM providers (llm-openai.ts, llm-anthropic.ts) share: taking a reply that is an
// event stream or failing with the provider's message, reading an event's JSON, and wording a stream
// that sent an error or ended early. Its own module so that neither provider imports the other.
import { clip } from '../redact.js';
import { ERROR_BODY_BYTES, readTextWithin } from './output-limit.js';
import type { SseEvent } from './sse.js';
import { StepError } from './types.js';
import { retryAfterMs } from './retry-after.js';
import type { LlmReply, LlmRequest } from './llm.js';

/**
 * The body of a reply that is an event stream; else fails with the provider's message (the start of
 * the body): an error status, or a JSON error or an HTML page sent with a 200.
 */
export async function expectEventStream(res: Response, req: LlmRequest): Promise<ReadableStream<Uint8Array>> {
  const type = res.headers.get('content-type');
  const isStream = !type || /\btext\/event-stream\b/i.test(type);
  if (res.ok && res.body && isStream) return res.body;
  const message = providerMessage(await readTextWithin(res.body, ERROR_BODY_BYTES, undefined).catch(() => ''), req.redact);
  if (!res.ok || !res.body) throw new StepError(`llm: ${req.provider} returned ${res.status}: ${message}`, {}, retryAfterMs(res.headers));
  throw new StepError(`llm: ${req.provider} answered ${res.status} with ${type!.split(';')[0].trim()} instead of an event stream: ${message}`);
}

/** An event's data as a JSON object (the SDKs fail on data that is not JSON, as Weft does); an `error` event may be plain text. */
export function eventJson(ev: SseEvent, n: number, req: LlmRequest): Record<string, unknown> {
  let data: unknown;
  try {
    data = JSON.parse(ev.data);
  } catch {
    if (ev.event === 'error') throw new StepError(`llm: ${req.provider}: ${clip(ev.data, 300, req.redact)}`);
    throw new StepError(`llm: ${req.provider}: the reply's event ${n} is not JSON: ${clip(ev.data, 200, req.redact)}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new StepError(`llm: ${req.provider}: the reply's event ${n} is not a JSON object: ${clip(ev.data, 200, req.redact)}`);
  }
  return data as Record<string, unknown>;
}

/** The text of an `error` a stream sent: a string, an object's `message`, or the JSON itself. */
export function errorText(error: unknown, redact?: (text: string) => string): string {
  if (typeof error === 'string') return clip(error, 300, redact);
  const message = (error as { message?: unknown })?.message;
  if (typeof message === 'string') return clip(message, 300, redact);
  return clip(JSON.stringify(error), 300, redact);
}

/** The error of a stream that ended without its provider's end marker (`missing`): the reply may be cut off. */
export function endedEarly(req: LlmRequest, missing: string, text: string): StepError {
  return new StepError(`llm: ${req.provider}: the reply ended before the model finished (${missing}); the ${text.length} characters received are in the step log`);
}

/**
 * The error of a whole reply that holds no answer (no choices, withheld, refused): `why` says which;
 * the model and usage the provider reported stay on the step.
 */
export function incompleteReply(req: LlmRequest, reply: LlmReply, why: string): StepError {
  return new StepError(`llm: ${req.provider}: ${why}`, { model: reply.model, usage: reply.usage ?? null });
}

/** The provider's error message, or the start of its response (secrets masked before the cut). */
function providerMessage(text: string, redact?: (text: string) => string): string {
  try {
    const j = JSON.parse(text);
    const message = j?.error?.message ?? j?.message;
    if (typeof message === 'string') return message;
  } catch {
    /* not JSON: the text itself */
  }
  return clip(text, 300, redact);
}

// Server-sent events over a fetch response body (both providers stream this way): yields each
// event's name and data as they arrive, so tokens reach the step.log stream immediately.
import { bodyReadError, ByteBudget, outputTooLarge } from './output-limit.js';

export interface SseEvent {
  event: string;
  data: string;
}

/**
 * The events of `body`, which may carry at most `limit` bytes in all: past it the body is cancelled
 * and `outputTooLarge(what)` thrown (a server that never stops, or never ends an event). A stream that
 * breaks off fails with `bodyReadError` (`encoding` is the response's content-encoding).
 */
export async function* readSse(body: ReadableStream<Uint8Array>, limit: number, what: string, encoding?: string | null): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder();
  const budget = new ByteBudget(limit);
  let buf = '';
  const reader = body.getReader();
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (e) {
        throw bodyReadError(e, what, encoding);
      }
      const { value, done } = chunk;
      if (done) break;
      if (!budget.add(value)) {
        await reader.cancel().catch(() => undefined);
        throw outputTooLarge(what, limit);
      }
      buf += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
      let idx: number;
      while ((idx = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, idx);
        buf = buf.slice(idx + 2);
        const ev = parseBlock(block);
        if (ev) yield ev;
      }
    }
    const ev = parseBlock(buf);
    if (ev) yield ev;
  } finally {
    reader.releaseLock();
  }
}

function parseBlock(block: string): SseEvent | undefined {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (!line || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return undefined;
  return { event, data: data.join('\n') };
}

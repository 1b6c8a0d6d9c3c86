// Server-sent events over a fetch response body (both providers stream this way): yields each
// event's name and data as they arrive, so tokens reach the step.log stream immediately. Lines are
// cut as the bytes come (CR, LF or CRLF, even split between two reads), and each byte is looked at
// once: a line that never ends costs time in proportion to its length up to the limit.
import { chunksWithin } from './output-limit.js';

export interface SseEvent {
  event: string;
  data: string;
}

/** Turns lines into events, per the EventSource rules (a blank line dispatches; `event`, `data`; `:` comments). */
class EventBuilder {
  private event = '';
  private data: string[] = [];

  /** Takes one line; returns the event a blank line completes. */
  line(line: string): SseEvent | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    return undefined;
  }

  dispatch(): SseEvent | undefined {
    const ev = this.data.length ? { event: this.event || 'message', data: this.data.join('\n') } : undefined;
    this.event = '';
    this.data = [];
    return ev;
  }
}

/**
 * The events of `body`, which may carry at most `limit` bytes in all: past it the body is cancelled
 * and `outputTooLarge(what)` thrown (a server that never stops, or never ends an event). A stream that
 * breaks off fails with `bodyReadError` (`encoding` is the response's content-encoding). An event
 * the stream ends in without its blank line is still delivered.
 */
export async function* readSse(body: ReadableStream<Uint8Array>, limit: number, what: string, encoding?: string | null): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder();
  const builder = new EventBuilder();
  let partial: string[] = []; // the current line's text so far, piece by piece
  let afterCr = false; // the last read ended in CR: an LF first in the next one is part of its line ending
  function* lines(text: string): Generator<SseEvent> {
    let start = afterCr && text.startsWith('\n') ? 1 : 0;
    if (text.length) afterCr = false;
    const ends = /\r\n?|\n/g;
    ends.lastIndex = start;
    for (let m = ends.exec(text); m; m = ends.exec(text)) {
      partial.push(text.slice(start, m.index));
      const ev = builder.line(partial.join(''));
      partial = [];
      if (ev) yield ev;
      start = m.index + m[0].length;
      if (m[0] === '\r' && start === text.length) afterCr = true;
    }
    if (start < text.length) partial.push(text.slice(start));
  }
  for await (const value of chunksWithin(body, limit, what, encoding)) yield* lines(decoder.decode(value, { stream: true }));
  yield* lines(decoder.decode());
  if (partial.length) {
    const ev = builder.line(partial.join(''));
    if (ev) yield ev;
  }
  const ev = builder.dispatch();
  if (ev) yield ev;
}

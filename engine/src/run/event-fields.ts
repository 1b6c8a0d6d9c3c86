// What a step's events carry besides their status: the output preview of step.finished and the
// foreach item of step.started and step.finished, both masked and cut (interfaces spec: at most 4 KB
// of output text). Used by the executor (executor.ts) and each attempt (attempts.ts).
import { ITEM_PREVIEW_LIMIT, type RunEvent } from './events.js';
import { clip, clipBytes } from './redact.js';

/** `step.finished.output`: at most 4 KB of text (interfaces spec), counted in UTF-8 bytes. */
const PREVIEW_BYTES = 4096;

/** `ev` with `item` set when there is one (no `item: undefined` key in the record). */
export function withItem<E extends RunEvent & { item?: string }>(ev: E, item: string | undefined): E {
  if (item !== undefined) ev.item = item;
  return ev;
}

/** `step.finished.output`: the output as text (JSON for non-strings), secrets masked, cut to PREVIEW_BYTES. */
export function preview(value: unknown, redact?: (text: string) => string): string | undefined {
  if (value === undefined || value === null) return undefined;
  return clipBytes(typeof value === 'string' ? value : JSON.stringify(value), PREVIEW_BYTES, redact);
}

/** The `item` of a step's events: its iteration's item on one line, secrets masked, then cut. */
export function itemPreview(item: unknown, redact?: (text: string) => string): string {
  const text = typeof item === 'string' ? item : (JSON.stringify(item) ?? String(item));
  return clip((redact ? redact(text) : text).replace(/\s+/g, ' ').trim(), ITEM_PREVIEW_LIMIT);
}

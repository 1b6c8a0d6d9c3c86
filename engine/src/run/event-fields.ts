// What a step's events carry besides their status: the output preview of step.finished and the
// foreach item of step.started and step.finished, both masked and cut (interfaces spec: at most 4 KB
// of output text). Used by the executor (executor.ts) and each attempt (attempts.ts).
import { ITEM_PREVIEW_LIMIT, type RunEvent } from './events.js';
import { jsonHead } from './json-pieces.js';
import { clip, clipBytes } from './redact.js';

/** `step.finished.output`: at most 4 KB of text (interfaces spec), counted in UTF-8 bytes. */
const PREVIEW_BYTES = 4096;

/** `ev` with `item` set when there is one (no `item: undefined` key in the record). */
export function withItem<E extends RunEvent & { item?: string }>(ev: E, item: string | undefined): E {
  if (item !== undefined) ev.item = item;
  return ev;
}

/**
 * `step.finished.output`: the output as text (JSON for non-strings), secrets masked, cut to
 * PREVIEW_BYTES. Only the head of the text is made (json-pieces.ts): a block's output made whole
 * could be past what a string holds (20 items of 40 MB), which threw out of here and crashed the
 * host. `reach`: the longest text `redact` masks; the head is masked before it is cut, and is long
 * enough that what is kept ends before any secret the head's end may have split.
 */
export function preview(value: unknown, redact?: (text: string) => string, reach = 0): string | undefined {
  if (value === undefined || value === null) return undefined;
  for (let want = PREVIEW_BYTES + reach + 1; ; want *= 2) {
    const head = typeof value === 'string' ? { text: value.slice(0, want), cut: value.length > want } : jsonHead(value, want);
    if (!head.cut) return clipBytes(head.text, PREVIEW_BYTES, redact);
    const safe = redact ? redact(head.text) : head.text;
    // Masks shorten the text before the end: what is kept must still end before the last `reach` characters.
    if (safe.length - reach > PREVIEW_BYTES) return clipBytes(safe, PREVIEW_BYTES);
  }
}

/** The `item` of a step's events: its iteration's item on one line, secrets masked, then cut. */
export function itemPreview(item: unknown, redact?: (text: string) => string): string {
  const text = typeof item === 'string' ? item : (JSON.stringify(item) ?? String(item));
  return clip((redact ? redact(text) : text).replace(/\s+/g, ' ').trim(), ITEM_PREVIEW_LIMIT);
}

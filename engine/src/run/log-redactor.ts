// Redaction of streamed logs. A process writes in chunks of whatever size the pipe delivers, and an
// LLM streams a token at a time, so a secret can arrive split across two `step.log` events, where a
// per-event redaction never sees it whole. Per step and stream, the end of a chunk that could be the
// start of a secret is held back and put in front of the next chunk; what is held is written out
// (it was not a secret) when the step retries or finishes, or the run ends, before that event.
import type { RunEvent, StepLogEvent } from './events.js';
import type { Redactor } from './redact.js';

export class LogRedactor {
  private readonly held = new Map<string, StepLogEvent>();

  constructor(private readonly redactor: Redactor) {}

  /** The redacted events to write in place of `ev`: none, `ev` itself, or held text followed by `ev`. */
  pass(ev: RunEvent): RunEvent[] {
    if (ev.type === 'step.log') return this.log(ev);
    const out: RunEvent[] = [];
    if (this.held.size && (ev.type === 'step.finished' || ev.type === 'step.retrying' || ev.type === 'run.finished')) {
      for (const [key, h] of this.held) {
        if (ev.type !== 'run.finished' && !key.startsWith(`${ev.path}\u0000`)) continue;
        this.held.delete(key);
        out.push({ ...h, ts: ev.ts });
      }
    }
    out.push(this.redactor.event(ev));
    return out;
  }

  private log(ev: StepLogEvent): RunEvent[] {
    const key = `${ev.path}\u0000${ev.stream}`;
    const before = this.held.get(key);
    const text = this.redactor.text(before ? before.text + ev.text : ev.text);
    const hold = this.partialSecretAtEnd(text);
    // The event's other fields, redacted; its text is the one redacted above.
    const safe = this.redactor.event({ ...ev, text: '' });
    if (hold) this.held.set(key, { ...safe, text: text.slice(text.length - hold) });
    else this.held.delete(key);
    const shown = text.slice(0, text.length - hold);
    return shown ? [{ ...safe, text: shown }] : [];
  }

  /** The length of the longest end of `text` that is the start (not the whole) of a secret. */
  private partialSecretAtEnd(text: string): number {
    let longest = 0;
    for (const s of this.redactor.secrets) {
      for (let k = Math.min(s.length - 1, text.length); k > longest; k--) {
        if (text.endsWith(s.slice(0, k))) {
          longest = k;
          break;
        }
      }
    }
    return longest;
  }
}

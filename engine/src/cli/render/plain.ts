// One plain line per event, for CI logs and pipes (no cursor movement, no spinner). Logs are printed
// line by line with the step's path in front, so interleaved parallel output stays readable.
import type { RunEvent } from '../../run/events.js';
import { dur, paint, statusColor, symbol, type Style } from './ansi.js';
import { ERROR_CHARS, oneLine } from './tree.js';

export class PlainPrinter {
  /**
   * What each step's stream printed after its last newline, in the pieces it came in: joined only
   * once a newline ends it. (It was one string, joined with each new piece and split again: a line
   * of 50 MB without a newline, in 64 KB pieces, took 16 s, in which the run did nothing else.)
   */
  private partial = new Map<string, string[]>();

  constructor(
    private readonly write: (s: string) => void,
    private readonly style: Style = { color: false },
  ) {}

  event(ev: RunEvent): void {
    const s = this.style;
    switch (ev.type) {
      case 'run.started':
        this.write(`run ${ev.runId} ${ev.workflow} (${ev.file})${ev.dryRun ? ' [dry run]' : ''}${ev.resumedFrom ? ` resuming ${ev.resumedFrom}` : ''}\n`);
        break;
      case 'step.started':
        this.write(`${paint(s, 'cyan', '▶')} ${ev.path} started${ev.attempt > 1 ? ` (attempt ${ev.attempt})` : ''}${ev.item !== undefined && ev.attempt === 1 ? ` ${paint(s, 'gray', `· item ${ev.item}`)}` : ''}\n`);
        break;
      case 'step.retrying':
        // The next attempt writes its output anew: what this one left without a newline ends here.
        this.flushLogs(ev.path);
        this.write(`${paint(s, 'yellow', '↻')} ${ev.path} attempt ${ev.attempt} failed: ${oneLine(ev.error, ERROR_CHARS)}; retrying in ${dur(ev.delayMs)}\n`);
        break;
      case 'step.log': {
        const key = `${ev.path}\0${ev.stream}`;
        const held = this.partial.get(key);
        const nl = ev.text.lastIndexOf('\n');
        if (nl < 0) {
          if (held) held.push(ev.text);
          else this.partial.set(key, [ev.text]);
          break;
        }
        const lines = ((held ? held.join('') : '') + ev.text.slice(0, nl)).split('\n');
        const rest = ev.text.slice(nl + 1);
        if (rest) this.partial.set(key, [rest]);
        else this.partial.delete(key);
        // One write per event, not per line: a pipe whose reader is slower than the step (`weft run
        // x | less`) queues every write in memory with its own overhead, which for a step printing
        // short lines (`seq 1 1500000`, 10 MB) was 3 times its text (400 MB more than into a file).
        const prefix = `  ${paint(s, 'gray', `${ev.path} |`)} `;
        this.write(prefix + lines.join(`\n${prefix}`) + '\n');
        break;
      }
      case 'step.finished': {
        this.flushLogs(ev.path);
        const sym = paint(s, statusColor(ev.status), symbol(ev.status));
        let text = `${sym} ${ev.path} ${ev.status}`;
        if (ev.status !== 'skipped') text += ` in ${dur(ev.durationMs)}`;
        if (ev.attempts > 1) text += ` after ${ev.attempts} attempts`;
        if (ev.reused) text += ' (reused)';
        if (ev.error) text += `: ${oneLine(ev.error, ERROR_CHARS)}`;
        else if (ev.output !== undefined && ev.kind !== 'parallel' && ev.kind !== 'foreach') text += ` → ${oneLine(ev.output, 80)}`;
        this.write(text + '\n');
        break;
      }
      case 'run.finished':
        // What the steps left without a newline; the run's end itself is the summary's first line
        // (render/summary.ts, printed next with the counts): a line here said it twice.
        for (const key of this.partial.keys()) this.flushLogs(key.split('\0')[0]);
        break;
    }
  }

  private flushLogs(path: string): void {
    for (const [key, rest] of this.partial) {
      if (!key.startsWith(path + '\0')) continue;
      if (rest.length) this.write(`  ${paint(this.style, 'gray', `${path} |`)} ${rest.join('')}\n`);
      this.partial.delete(key);
    }
  }
}

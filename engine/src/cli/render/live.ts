// The live view on a terminal: redraws the run tree in place (at most ~12 times a second, and on
// every event burst), spinner included, then leaves the final tree on screen.
import type { RunEvent } from '../../run/events.js';
import { type Style } from './ansi.js';
import { RunState } from './run-state.js';
import { renderTree } from './tree.js';

export interface Terminal {
  write(s: string): void;
  columns: number;
  rows: number;
}

/** Cuts a line with ANSI colour codes to `width` visible characters. */
export function fitLine(s: string, width: number): string {
  let visible = 0;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\x1b') {
      const m = /^\x1b\[[0-9;]*m/.exec(s.slice(i));
      if (m) {
        out += m[0];
        i += m[0].length - 1;
        continue;
      }
    }
    if (visible >= width) {
      out += '\x1b[0m';
      break;
    }
    out += s[i];
    visible++;
  }
  return out;
}

export class LiveView {
  readonly state = new RunState();
  private drawn = 0;
  private frame = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private dirty = false;
  /** Set by stop(): a redraw still scheduled (setImmediate) would move up over what is printed after the tree. */
  private stopped = false;

  constructor(
    private readonly term: Terminal,
    private readonly style: Style,
  ) {}

  start(): void {
    this.term.write('\x1b[?25l');
    this.timer = setInterval(() => {
      this.frame++;
      this.draw();
    }, 80);
  }

  event(ev: RunEvent): void {
    this.state.apply(ev);
    if (!this.dirty && !this.stopped) {
      this.dirty = true;
      setImmediate(() => {
        if (!this.stopped) this.draw();
      });
    }
  }

  draw(final = false): void {
    this.dirty = false;
    // The last drawing stays in the scrollback, so it shows the whole tree, however tall.
    const maxLines = final ? undefined : Math.max(5, this.term.rows - 1);
    const lines = renderTree(this.state, { now: Date.now(), frame: this.frame, style: this.style, maxLines });
    const width = Math.max(20, this.term.columns - 1);
    let s = this.drawn > 0 ? `\x1b[${this.drawn}A\r\x1b[0J` : '';
    s += lines.map((l) => fitLine(l, width)).join('\n') + '\n';
    this.term.write(s);
    this.drawn = lines.length;
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.draw(true);
    this.term.write('\x1b[?25h');
  }
}

// The live view on a terminal: redraws the run tree in place (at most ~12 times a second, and on
// every event burst), spinner included, then leaves the final tree on screen.
import type { RunEvent } from '../../run/events.js';
import { type Style } from './ansi.js';
import { cellWidth, shownChar } from './cell-width.js';
import { RunState } from './run-state.js';
import { renderTree } from './tree.js';

export interface Terminal {
  write(s: string): void;
  columns: number;
  rows: number;
}

/**
 * Cuts a line with ANSI colour codes to `width` terminal columns, so that it takes exactly one row:
 * a character takes the columns the terminal gives it (two for CJK text and emoji, none for a
 * combining mark: cell-width.ts), and a control character that reached the line from a step's
 * `name:`, item or error (a newline, a tab, an escape sequence a tool wrote to stderr) is shown as a
 * space or `�` instead of moving the cursor. The redraw moves up by the count of lines, so a line
 * that wrapped or broke left a stale copy of part of the tree on every redraw.
 */
export function fitLine(s: string, width: number): string {
  let visible = 0;
  let out = '';
  for (let i = 0; i < s.length; ) {
    if (s[i] === '\x1b') {
      const m = /^\x1b\[[0-9;]*m/.exec(s.slice(i, i + 16));
      if (m) {
        out += m[0];
        i += m[0].length;
        continue;
      }
    }
    const ch = String.fromCodePoint(s.codePointAt(i)!);
    i += ch.length;
    const shown = shownChar(ch);
    // An emoji's variation selector (U+FE0F) asks for the picture, which takes two columns where the
    // terminal honours it: counted as one, the line could wrap. Where it does not, a column is spare.
    const w = s.charCodeAt(i) === 0xfe0f ? 2 : cellWidth(shown);
    if (visible + w > width) {
      out += '\x1b[0m';
      break;
    }
    out += shown;
    visible += w;
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

  /**
   * Lets `write` put something else on the terminal (weft's own message on stderr, such as the
   * cancel notice after Ctrl-C) while the tree is shown: the tree is cleared, `write` runs, and the
   * tree is drawn again below what it wrote. Written beside the tree, the message was cleared by the
   * next redraw, which moved up by the tree's height from the rows below the message, and left the
   * tree's first rows twice on the screen.
   */
  above(write: () => void): void {
    // Once stopped, the final tree stays and what follows goes below it.
    if (this.stopped) return write();
    if (this.drawn > 0) this.term.write(`\x1b[${this.drawn}A\r\x1b[0J`);
    this.drawn = 0;
    write();
    this.draw();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.draw(true);
    this.term.write('\x1b[?25h');
  }
}

// The bytes of a `weft-output:` document (steps.ts OutputProvider) as VS Code opens it. A step's
// output text can be many MB. Opening the document, VS Code 1.100 (seen in code-server) calls
// readFile and stat at the same time, then stat again. So the first call builds the text, the calls
// made while it is being built and for `holdMs` after it share those bytes, and then they are
// dropped. One open builds once. stat and readFile agree on the size even while the step runs and
// its output grows. Nothing is kept once the open is over. A later call (a reopen, a revert) builds
// afresh, and so does a second readFile within the window, or any call once the step changed (`forget`:
// an open editor follows its running step, output-follow.ts). Before, stat cached every output ever shown
// for the whole session and gave later stats that stale size, and readFile built the text again.
// Each build has its own mtime (when it was built): stat used to say `mtime: Date.now()`, so VS Code's
// second stat saw a changed file and read the open document again, a second build per open (seen in
// code-server). No `vscode` import.

export interface Built {
  bytes: Uint8Array;
  /** When these bytes were built: the same for every call that shares them. */
  mtime: number;
}

interface Entry {
  built: Promise<Built>;
  /** A readFile has had these bytes: the next readFile builds afresh. */
  read: boolean;
  timer?: ReturnType<typeof setTimeout>;
}

export class OutputBytes {
  private readonly entries = new Map<string, Entry>();
  /** How many times a text was built (the test accessor reads it). */
  builds = 0;
  private lastMtime = 0;

  constructor(private readonly holdMs = 2000) {}

  stat(key: string, build: () => Promise<Uint8Array>): Promise<Built> {
    return (this.entries.get(key) ?? this.start(key, build)).built;
  }

  read(key: string, build: () => Promise<Uint8Array>): Promise<Uint8Array> {
    const held = this.entries.get(key);
    const e = held && !held.read ? held : this.start(key, build);
    e.read = true;
    return e.built.then((b) => b.bytes);
  }

  /** Drops the bytes held for `key`: its text changed, so the next call builds afresh. */
  forget(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    clearTimeout(e.timer);
    this.entries.delete(key);
  }

  /** How many documents' bytes are held now. */
  get heldCount(): number { return this.entries.size; }

  private start(key: string, build: () => Promise<Uint8Array>): Entry {
    this.forget(key);
    this.builds++;
    // Each build a later mtime than the last, even within one millisecond: VS Code reloads an open
    // document on a change only when its mtime moved.
    const e: Entry = { built: (async () => ({ bytes: await build(), mtime: (this.lastMtime = Math.max(Date.now(), this.lastMtime + 1)) }))(), read: false };
    this.entries.set(key, e);
    const mine = () => this.entries.get(key) === e;
    e.built.then(
      () => { if (mine()) { e.timer = setTimeout(() => { if (mine()) this.entries.delete(key); }, this.holdMs); e.timer.unref?.(); } },
      () => { if (mine()) this.entries.delete(key); }, // a run deleted meanwhile: the next call tries again
    );
    return e;
  }
}

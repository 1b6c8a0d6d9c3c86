// The `weft.running` and `weft.runningFiles` context keys (menus: the palette's Cancel, the editor
// title's ▶/■ by file), given to VS Code only when their value changes. The status bar recomputes them
// on every store change (100 ms at most during a run), and each `setContext` is a round trip to the
// workbench that re-evaluates every `when` clause. No `vscode` import: the setter is passed in.

export type SetContext = (key: string, value: unknown) => unknown;

export interface RunningContext {
  running: boolean;
  /** The files with a live run (their paths), in the order first seen. */
  runningFiles: string[];
}

export class ContextKeys {
  private last: { running: boolean; files: string } | undefined;

  constructor(private readonly setContext: SetContext) {}

  /** Sets the keys from the live runs' files; returns the files (deduplicated). */
  update(liveFiles: string[]): RunningContext {
    const runningFiles = [...new Set(liveFiles)];
    const running = liveFiles.length > 0;
    const files = JSON.stringify(runningFiles);
    if (this.last?.running !== running) this.setContext('weft.running', running);
    if (this.last?.files !== files) this.setContext('weft.runningFiles', runningFiles);
    this.last = { running, files };
    return { running, runningFiles };
  }
}

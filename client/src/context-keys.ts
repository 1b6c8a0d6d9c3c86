// The `weft.running` and `weft.runningFiles` context keys (menus: the palette's Cancel, the editor
// title's ▶/■ by file), given to VS Code only when their value changes. The status bar recomputes them
// on every store change (100 ms at most during a run), and each `setContext` is a round trip to the
// workbench that re-evaluates every `when` clause. No `vscode` import: the setter is passed in, and so
// is the function that writes a file's path the way the `resourcePath` context key holds it (VS Code
// sets `resourcePath` to the editor's `uri.fsPath`: on Windows a lower-case drive letter, `c:\w\a`,
// where the engine's records say `C:\w\a`, and `in` compares strings exactly).

export type SetContext = (key: string, value: unknown) => unknown;
export type ResourcePath = (file: string) => string;

export interface RunningContext {
  running: boolean;
  /** The files with a live run (their paths), in the order first seen. */
  runningFiles: string[];
}

export class ContextKeys {
  private last: { running: boolean; files: string } | undefined;

  constructor(private readonly setContext: SetContext, private readonly resourcePath: ResourcePath = (f) => f) {}

  /** Sets the keys from the live runs' files; returns the files (as `resourcePath`s, deduplicated). */
  update(liveFiles: string[]): RunningContext {
    const runningFiles = [...new Set(liveFiles.map(this.resourcePath))];
    const running = liveFiles.length > 0;
    const files = JSON.stringify(runningFiles);
    if (this.last?.running !== running) this.setContext('weft.running', running);
    if (this.last?.files !== files) this.setContext('weft.runningFiles', runningFiles);
    this.last = { running, files };
    return { running, runningFiles };
  }
}

// An open step-output editor (`weft-output:` documents, steps.ts OutputProvider) follows its step:
// opened on a running step, it showed the text of that moment (the header saying `running`, the log
// so far) until closed and opened again, while GitHub Actions' log view follows a running job. Now
// a change to the step in the Runs model (a log line, its status, its end) refreshes the documents
// showing it, at most once per `delayMs`: a chatty step writes many log lines a second, and each
// refresh builds the text again. No `vscode` import.
import type { ModelNode } from '../runs/run-model.js';

/** The run and step a `weft-output:/<runId>/<step path>.txt` document shows, from its URI's path. */
export function outputTarget(uriPath: string): { runId: string; stepPath: string } {
  const [, runId = '', ...rest] = uriPath.split('/');
  return { runId, stepPath: decodeURIComponent(rest.join('/')).replace(/\.txt$/, '') };
}

/** `<runId>/<step path>` of each step among the changed nodes. */
export function changedSteps(nodes: readonly ModelNode[]): Set<string> {
  const out = new Set<string>();
  for (const n of nodes) {
    if (n.type !== 'step') continue;
    let root: ModelNode = n;
    while (root.parent) root = root.parent;
    if (root.type === 'run') out.add(`${root.runId}/${n.path}`);
  }
  return out;
}

/** Gathers the documents to refresh and hands them over together, `delayMs` after the first. */
export class RefreshQueue<T> {
  private readonly pending = new Map<string, T>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly flush: (items: T[]) => void, private readonly delayMs = 250) {}

  add(key: string, item: T): void {
    this.pending.set(key, item);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      const items = [...this.pending.values()];
      this.pending.clear();
      this.flush(items);
    }, this.delayMs);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }
}

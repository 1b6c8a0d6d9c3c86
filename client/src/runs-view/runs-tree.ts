// The `weft.runs` tree: runs newest first, each with its parallel execution tree. Updates are pushed
// per node and throttled (at most one refresh per node every 150 ms, however many events arrive), and
// running nodes tick once a second so their durations move.
import * as vscode from 'vscode';
import type { RunStore } from '../runs/run-store.js';
import type { ModelNode, RunModel } from '../runs/run-model.js';
import { treeItem } from './tree-items.js';

export interface RunsElement { model: RunModel; node: ModelNode }

export class RunsTreeProvider implements vscode.TreeDataProvider<RunsElement>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<RunsElement | RunsElement[] | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly elements = new WeakMap<ModelNode, RunsElement>();
  private pending = new Set<ModelNode>();
  private structure = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly ticker: NodeJS.Timeout;
  private readonly sub: vscode.Disposable;
  /** Number of refreshes fired (for tests: proves throttling). */
  refreshes = 0;

  constructor(private readonly store: RunStore, private readonly throttleMs = 150) {
    this.sub = store.onDidChange(({ nodes, structure }) => {
      nodes.forEach((n) => this.pending.add(n));
      this.structure ||= structure;
      this.timer ??= setTimeout(() => this.flush(), this.throttleMs);
    });
    this.ticker = setInterval(() => {
      // A terminal run's steps too: a quiet step sends no event, and its duration froze at its first value.
      for (const e of store.running()) for (const s of e.model.allSteps()) if (s.status === 'running' || s.status === 'retrying') this.pending.add(s);
      if (this.pending.size) this.timer ??= setTimeout(() => this.flush(), this.throttleMs);
    }, 1000);
  }

  element(model: RunModel, node: ModelNode): RunsElement {
    let el = this.elements.get(node);
    if (!el) { el = { model, node }; this.elements.set(node, el); }
    return el;
  }

  private flush(): void {
    this.timer = undefined;
    const nodes = [...this.pending];
    this.pending.clear();
    this.refreshes++;
    if (this.structure) { this.structure = false; this.emitter.fire(undefined); return; }
    const els = nodes.map((n) => this.elements.get(n)).filter((e): e is RunsElement => !!e);
    if (els.length) this.emitter.fire(els);
  }

  getTreeItem(el: RunsElement): vscode.TreeItem {
    return treeItem(el.model, el.node);
  }

  getChildren(el?: RunsElement): RunsElement[] {
    if (!el) return this.store.list().map((e) => this.element(e.model, e.model.root));
    return el.node.children.map((c) => this.element(el.model, c));
  }

  getParent(el: RunsElement): RunsElement | undefined {
    return el.node.parent ? this.element(el.model, el.node.parent) : undefined;
  }

  dispose(): void {
    clearInterval(this.ticker);
    if (this.timer) clearTimeout(this.timer);
    this.sub.dispose();
    this.emitter.dispose();
  }
}

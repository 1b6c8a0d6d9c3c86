// The `weft.runs` tree: runs newest first, each with its parallel execution tree. Updates are pushed
// per node and throttled (at most one refresh every 150 ms, however many events arrive), only for
// nodes whose row changed (node-look.ts), and running nodes tick once a second so their durations
// and the run's counts move. Tooltips are built when hovered (resolveTreeItem).
import * as vscode from 'vscode';
import type { RunStore } from '../runs/run-store.js';
import type { ModelNode, RunModel } from '../runs/run-model.js';
import { tooltip, treeItem } from './tree-items.js';
import { lookOf, refreshOf, type Look } from './node-look.js';

export interface RunsElement { model: RunModel; node: ModelNode }

export class RunsTreeProvider implements vscode.TreeDataProvider<RunsElement>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<RunsElement | RunsElement[] | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly elements = new WeakMap<ModelNode, RunsElement>();
  private pending = new Set<ModelNode>();
  /** Nodes refreshed at the next flush whatever their look (the once-a-second tick). */
  private ticked = new Set<ModelNode>();
  /** Big nodes with new children, refreshed at the next tick (node-look.ts). */
  private deferred = new Set<ModelNode>();
  /** How each node looked when VS Code last got its item. */
  private readonly looks = new WeakMap<ModelNode, Look>();
  private structure = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly ticker: NodeJS.Timeout;
  private readonly sub: vscode.Disposable;
  /** Number of refreshes fired (for tests: proves throttling). */
  refreshes = 0;
  /** Calls VS Code made for items and children (for tests: what a refresh costs). */
  readonly calls = { items: 0, children: 0 };

  constructor(private readonly store: RunStore, private readonly throttleMs = 150) {
    this.sub = store.onDidChange(({ nodes, structure }) => {
      nodes.forEach((n) => this.pending.add(n));
      this.structure ||= structure;
      this.timer ??= setTimeout(() => this.flush(), this.throttleMs);
    });
    this.ticker = setInterval(() => {
      this.deferred.forEach((n) => this.ticked.add(n));
      this.deferred.clear();
      // A terminal run's steps too: a quiet step sends no event, and its duration froze at its first value.
      for (const e of store.running()) {
        this.ticked.add(e.model.root); // its "3/7 running"
        for (const s of e.model.activeSteps()) this.ticked.add(s); // kept by the model: no walk of the tree
      }
      if (this.pending.size || this.ticked.size) this.timer ??= setTimeout(() => this.flush(), this.throttleMs);
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
    const ticked = this.ticked;
    this.pending.clear();
    this.ticked = new Set();
    if (this.structure) { this.structure = false; this.refreshes++; this.emitter.fire(undefined); return; }
    const els: RunsElement[] = [];
    for (const n of new Set([...nodes, ...ticked])) {
      const el = this.elements.get(n);
      if (!el) continue; // never shown
      const how = ticked.has(n) ? 'now' : refreshOf(this.looks.get(n), lookOf(el.model, n));
      if (how === 'now') els.push(el);
      else if (how === 'tick') this.deferred.add(n);
    }
    if (els.length) { this.refreshes++; this.emitter.fire(els); }
  }

  /** What VS Code asks for a row; the look it gets is what later changes are compared with. */
  getTreeItem(el: RunsElement): vscode.TreeItem {
    this.calls.items++;
    this.looks.set(el.node, lookOf(el.model, el.node));
    return treeItem(el.model, el.node);
  }

  /**
   * A node's children as elements, for the test accessor (not counted, nothing recorded): a summarized
   * run's tree is read for the snapshot and not kept.
   */
  childrenOf(el?: RunsElement): RunsElement[] {
    if (!el) return this.store.list().map((e) => this.element(e.model, e.model.root));
    if (el.node.type === 'run' && el.model.summarized) {
      const entry = this.store.get(el.node.runId);
      const model = entry ? this.store.peek(entry) : el.model;
      return model.root.children.map((c) => this.element(model, c));
    }
    return el.node.children.map((c) => this.element(el.model, c));
  }

  resolveTreeItem(item: vscode.TreeItem, el: RunsElement): vscode.TreeItem {
    item.tooltip = tooltip(el.model, el.node);
    return item;
  }

  getChildren(el?: RunsElement): RunsElement[] {
    this.calls.children++;
    // Expanded: a finished run held as its summary gets its tree back from its record.
    if (el?.node.type === 'run' && el.model.summarized) {
      const entry = this.store.get(el.node.runId);
      if (entry) this.store.full(entry);
    }
    return this.childrenOf(el);
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

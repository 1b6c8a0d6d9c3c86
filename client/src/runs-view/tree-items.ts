// How one node of the Runs view looks: label, ThemeIcon by status (spinning while running),
// duration/attempt description and a contextValue the inline actions key on. The markdown tooltip
// (status, timings, error, output preview) is built only when hovered (resolveTreeItem): built for
// every item of every refresh, it cost the extension host more than the rest of the item.
import * as vscode from 'vscode';
import path from 'node:path';
import type { ModelNode, RunModel, StepNode } from '../runs/run-model.js';
import type { RunStatus, StepStatus } from '../../../engine/src/run/events.js';

type Status = StepStatus | RunStatus;

export function statusIcon(status: Status): vscode.ThemeIcon {
  switch (status) {
    case 'running': return new vscode.ThemeIcon('sync~spin', new vscode.ThemeColor('charts.blue'));
    case 'retrying': return new vscode.ThemeIcon('sync~spin', new vscode.ThemeColor('charts.orange'));
    case 'succeeded': return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    case 'failed': return new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
    case 'skipped': return new vscode.ThemeIcon('debug-step-over', new vscode.ThemeColor('disabledForeground'));
    case 'cancelled': return new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('testing.iconSkipped'));
    default: return new vscode.ThemeIcon('clock', new vscode.ThemeColor('disabledForeground'));
  }
}

export function formatMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(ms / 60_000);
  return `${m}m ${Math.round((ms % 60_000) / 1000)}s`;
}

function elapsed(start: number | undefined, end: number | undefined, duration: number | undefined, now: number): number | undefined {
  if (duration !== undefined) return duration;
  if (start === undefined) return undefined;
  return (end ?? now) - start;
}

export function treeItem(model: RunModel, n: ModelNode, now = Date.now()): vscode.TreeItem {
  const status = model.statusOf(n);
  // foreach / sub-workflow nodes get their children at run time: expandable from the start, so the
  // view does not remember them as leaves.
  const grows = n.type === 'step' && (n.kind === 'foreach' || n.kind === 'workflow');
  // A foreach's iterations start collapsed: a foreach of thousands of items, each expanded, had VS
  // Code fetch (and fetch again at each refresh of the run) every step of every iteration.
  // A finished run held as its summary has no children until it is expanded (run-store.ts full()).
  const collapsible = n.children.length === 0 && !grows && !(n.type === 'run' && model.summarized) ? vscode.TreeItemCollapsibleState.None
    : (n.type === 'run' && status !== 'running') || n.type === 'iteration' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded;
  const runId = model.root.runId;
  const item = new vscode.TreeItem(label(n), collapsible);
  // A run row whose tree was dropped is a new row to VS Code (collapsed, so not fetched again at once).
  item.id = n.type === 'run' && model.generation ? `${runId}/${n.key}~${model.generation}` : `${runId}/${n.key}`;
  item.iconPath = statusIcon(status);
  switch (n.type) {
    case 'run': {
      const r = n;
      const d = elapsed(r.startedAt, r.finishedAt, r.durationMs, now);
      item.description = [folderOf(r.file), new Date(r.startedAt || now).toLocaleTimeString(), r.status === 'running' ? runningCount(model) : formatMs(d)].filter(Boolean).join(' · ');
      item.contextValue = `run-${r.status}`;
      break;
    }
    case 'stage': {
      const count = n.children.length;
      item.description = count > 1 ? `${count} in parallel` : '';
      item.contextValue = 'stage';
      break;
    }
    case 'branch':
      item.description = 'branch';
      item.contextValue = 'branch';
      break;
    case 'iteration':
      item.contextValue = 'iteration';
      if (n.item !== undefined) {
        item.description = n.item;
      }
      break;
    case 'step': {
      const s = n;
      const d = elapsed(s.startedAt, s.finishedAt, s.durationMs, now);
      const parts: string[] = [];
      if (s.status !== 'pending' && s.status !== 'skipped') parts.push(formatMs(d));
      if (s.attempt > 1) parts.push(`attempt ${s.attempt}`);
      if (s.status === 'pending' && s.kind !== 'unknown') parts.push(s.kind);
      item.description = parts.filter(Boolean).join(' · ');
      item.contextValue = `step-${s.status}`;
      item.command = { command: 'weft.revealStep', title: 'Reveal Step', arguments: [{ runId, path: s.path }] };
      break;
    }
  }
  return item;
}

/** The node's tooltip, built when the item is hovered (the provider's resolveTreeItem). */
export function tooltip(model: RunModel, n: ModelNode, now = Date.now()): string | vscode.MarkdownString | undefined {
  switch (n.type) {
    case 'run': return runTooltip(model, elapsed(n.startedAt, n.finishedAt, n.durationMs, now));
    case 'stage': {
      const count = n.children.length;
      return new vscode.MarkdownString(`**Stage ${n.stage} of ${n.stageCount}**${count > 1 ? ` — ${count} steps in parallel` : ''}\n\nStages are for display: a step starts as soon as its own dependencies finish.`);
    }
    case 'iteration': return n.item !== undefined ? `Item ${n.index}: ${n.item}` : undefined;
    case 'step': return stepTooltip(n, model.statusOf(n), elapsed(n.startedAt, n.finishedAt, n.durationMs, now));
    default: return undefined;
  }
}

function label(n: ModelNode): string {
  switch (n.type) {
    case 'run': return n.workflow || n.runId;
    case 'stage': return `Stage ${n.stage}`;
    case 'branch': return n.name;
    case 'iteration': return `#${n.index}`;
    case 'step': return n.name !== n.id && n.kind !== 'unknown' ? `${n.id} — ${n.name}` : n.name;
  }
}

/**
 * In a multi-root workspace, the workspace folder of a run's file (else its own folder's name): two
 * folders' runs of a same-named workflow were two rows saying the same. Undefined with one folder.
 */
export function folderOf(file: string): string | undefined {
  if ((vscode.workspace.workspaceFolders?.length ?? 0) < 2 || !file) return undefined;
  const uri = /^[a-z][a-z0-9+.-]+:\/\//i.test(file) ? vscode.Uri.parse(file) : vscode.Uri.file(file);
  return vscode.workspace.getWorkspaceFolder(uri)?.name ?? path.basename(path.dirname(uri.fsPath));
}

function runningCount(model: RunModel): string {
  const c = model.leafCounts();
  return `${(c.by.running ?? 0) + (c.by.retrying ?? 0)}/${c.total} running`;
}

function runTooltip(model: RunModel, d: number | undefined): vscode.MarkdownString {
  const r = model.root;
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${esc(r.workflow || r.runId)}** — ${r.status}\n\n`);
  md.appendMarkdown(`Run \`${r.runId}\`  \n${esc(r.file)}  \nStarted ${new Date(r.startedAt).toLocaleString()}${d !== undefined ? `, ${formatMs(d)}` : ''}\n\n`);
  const counts = Object.entries(r.counts ?? {}).filter(([, v]) => v).map(([k, v]) => `${v} ${k}`).join(', ');
  if (counts) md.appendMarkdown(`${counts}\n`);
  if (r.error) md.appendMarkdown(`\n**Error:** ${esc(r.error)}\n`);
  return md;
}

function stepTooltip(s: StepNode, status: Status, d: number | undefined): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`$(${statusIcon(status).id.replace('~spin', '')}) **${esc(s.path)}** — ${status}${s.attempt > 1 ? ` (attempt ${s.attempt})` : ''}\n\n`);
  if (s.kind !== 'unknown') md.appendMarkdown(`${s.kind}${s.needs.length ? `, after ${s.needs.map((n) => `\`${n}\``).join(', ')}` : ''}\n\n`);
  if (s.startedAt) md.appendMarkdown(`Started ${new Date(s.startedAt).toLocaleTimeString()}${d !== undefined ? `, ${formatMs(d)}` : ''}\n\n`);
  if (s.error) md.appendMarkdown(`**Error:** ${esc(s.error)}\n\n`);
  const preview = s.output ?? s.logTail;
  if (preview) md.appendCodeblock(preview.length > 800 ? preview.slice(0, 800) + '\n…' : preview, 'text');
  return md;
}

function esc(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

// Shared helpers of the in-VS Code suite: the extension's API (with its test accessor), bounded
// polling, fixture URIs, the `weft` CLI, processes by command line, and screenshot requests served by the runner.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import fs from 'node:fs';
import path from 'node:path';
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import type { WeftApi } from '../../src/extension.js';
import type { TreeSnapshot } from '../../src/test-api.js';
import type { RunResult } from '../../src/commands/run.js';

/** What `weft.run` (and rerun, resume, run with inputs) returns. */
export type Started = RunResult;

/** Writes `name` into the workspace folder (or `dir`) and returns its Uri. */
export function writeWorkspaceFile(name: string, text: string, dir = workspaceDir()): vscode.Uri {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return vscode.Uri.file(file);
}

/** Runs the workflow at `uri` with the Run command; fails the test when it does not start. */
export async function startRun(uri: vscode.Uri): Promise<Extract<Started, { started: true }>> {
  const r = await vscode.commands.executeCommand<Started>('weft.run', uri);
  assert.ok(r.started, `run did not start: ${JSON.stringify(r)}`);
  return r;
}

export async function api(): Promise<WeftApi> {
  const ext = vscode.extensions.getExtension<WeftApi>('weft.weft');
  if (!ext) throw new Error('extension weft.weft is not installed');
  return ext.isActive ? ext.exports : ext.activate();
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor<T>(what: string, timeoutMs: number, probe: () => T | undefined | false | Promise<T | undefined | false>, everyMs = 50): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try { const v = await probe(); if (v !== undefined && v !== false) return v as T; } catch (e) { last = e; }
    await sleep(everyMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${last})` : ''}`);
}

export function workspaceDir(): string {
  return vscode.workspace.workspaceFolders![0].uri.fsPath;
}

/** The repo's built `weft` CLI (dist/cli.js), or undefined when it is not built (the test skips). */
export function weftCli(): string | undefined {
  const cli = path.join(process.env.WEFT_REPO_ROOT ?? path.resolve(workspaceDir(), '../../../../..'), 'dist', 'cli.js');
  return fs.existsSync(cli) ? cli : undefined;
}

/** `weft run <file>` through `cli` in `cwd` (the workspace folder), as a terminal starts it (the extension host's Node). */
export function weftRun(cli: string, file: string, stdio: StdioOptions = 'ignore', cwd = workspaceDir()): ChildProcess {
  return spawn(process.execPath, [cli, 'run', file], { cwd, stdio, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
}

export function fixture(name: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceDir(), name));
}

export async function open(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fixture(name));
  return vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
}

/** Processes whose command line contains `marker` (from /proc). */
export function processesWith(marker: string): number[] {
  const out: number[] = [];
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmd.includes(marker) && !cmd.includes('/proc')) out.push(Number(pid));
    } catch { /* exited */ }
  }
  return out;
}

export interface DomCheck { selector: string; min?: number; text?: string; frames?: string[] }
export interface DomResult extends DomCheck { count: number; ok: boolean; texts: string[] }

/**
 * Asks the runner (Playwright, outside VS Code) for a screenshot of the workbench into docs/images/,
 * and to check the page's DOM (what a person sees). Returns the checks' results, or undefined when
 * no runner serves requests (the @vscode/test-electron runner).
 */
export async function screenshot(name: string, opts: { clearNotifications?: boolean; checks?: DomCheck[]; click?: DomCheck; save?: boolean } = {}): Promise<DomResult[] | undefined> {
  const dir = process.env.WEFT_TEST_RESULTS ?? path.join(workspaceDir(), '..', 'results');
  if (!fs.existsSync(dir) || process.env.WEFT_NO_SCREENSHOTS) return undefined;
  if (opts.clearNotifications !== false) {
    await vscode.commands.executeCommand('notifications.clearAll');
    await sleep(300);
  }
  const done = path.join(dir, `shot-${name}.done`);
  fs.rmSync(done, { force: true }); // an answer to an earlier request of the same name
  fs.writeFileSync(path.join(dir, `shot-${name}.req`), JSON.stringify({ checks: opts.checks ?? [], click: opts.click, save: opts.save !== false }));
  try {
    await waitFor(`screenshot ${name}`, 15_000, () => fs.existsSync(done), 100);
    await sleep(50);
    return JSON.parse(fs.readFileSync(done, 'utf8')) as DomResult[];
  } catch { return undefined; }
}

/**
 * Asks the runner to check the page's DOM (no screenshot) until every check passes, or `timeoutMs`
 * passes: the renderer shows what the extension host knows a moment later (markers, hovers), so a
 * single look can be too early. Between looks it runs `again` (say, to show a hover once more).
 * Returns the last results, for assertDom; undefined when no runner answers.
 */
export async function domShows(name: string, checks: DomCheck[], timeoutMs = 10_000, again?: () => Promise<unknown>): Promise<DomResult[] | undefined> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const seen = await screenshot(name, { checks, save: false, clearNotifications: false });
    if (!seen || seen.every((r) => r.ok) || Date.now() > end) return seen;
    await sleep(300);
    await again?.();
  }
}

/** Asserts the runner's DOM checks (skipped when no runner answers). */
export function assertDom(results: DomResult[] | undefined): void {
  if (!results) return;
  const bad = results.filter((r) => !r.ok);
  if (bad.length) throw new Error(`the workbench does not show: ${JSON.stringify(bad)}`);
}

export function findNode(nodes: TreeSnapshot[], pred: (n: TreeSnapshot) => boolean): TreeSnapshot | undefined {
  for (const n of nodes) {
    if (pred(n)) return n;
    const hit = findNode(n.children, pred);
    if (hit) return hit;
  }
  return undefined;
}

export function allSteps(nodes: TreeSnapshot[]): TreeSnapshot[] {
  const out: TreeSnapshot[] = [];
  const walk = (n: TreeSnapshot) => { if (n.path) out.push(n); n.children.forEach(walk); };
  nodes.forEach(walk);
  return out;
}

export function runNode(a: WeftApi, runId: string): TreeSnapshot | undefined {
  return a.__test.tree(runId).find((r) => r.runId === runId);
}

/** Records a number for the runner to print (activation time and the like). */
export function metric(name: string, value: number): void {
  const dir = process.env.WEFT_TEST_RESULTS ?? path.join(workspaceDir(), '..', 'results');
  if (!fs.existsSync(dir)) return;
  const file = path.join(dir, 'metrics.json');
  const all = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, number> : {};
  all[name] = value;
  fs.writeFileSync(file, JSON.stringify(all, null, 2));
}

/** The record of run `runId` in the .weft/runs of `dir` (the workspace folder unless given). */
export function recordOf(runId: string, dir = workspaceDir()): string {
  return path.join(dir, '.weft', 'runs', `${runId}.jsonl`);
}

/** The events of a record, in order. */
export function recordEvents<T extends { type: string } = { type: string }>(record: string): T[] {
  return fs.readFileSync(record, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as T);
}

/** The most steps running at once, from a record's step.started / step.finished events. */
export function maxOverlap(record: string): number {
  let now = 0; let most = 0;
  for (const e of recordEvents(record)) {
    if (e.type === 'step.started') most = Math.max(most, ++now);
    else if (e.type === 'step.finished') now--;
  }
  return most;
}

/** The text of a step's output, as Show Step Output opens it. */
export async function stepOutput(runId: string, stepPath: string): Promise<string> {
  const e = await vscode.commands.executeCommand<vscode.TextEditor>('weft.showStepOutput', { runId, path: stepPath });
  return e.document.getText();
}

/** The hovers' text at `at` in `uri`, joined. */
export async function hoverText(uri: vscode.Uri, at: vscode.Position): Promise<string> {
  const hs = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
  return hs.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

/** Replaces the whole text of `editor` (unsaved), failing the test when the edit is not applied. */
export async function replaceText(editor: vscode.TextEditor, text: string): Promise<void> {
  const doc = editor.document;
  assert.ok(await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text)));
}

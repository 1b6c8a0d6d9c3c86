// Shared helpers of the in-VS Code suite: the extension's API (with its test accessor), bounded
// polling, fixture URIs, processes by command line, and screenshot requests served by the runner.
import * as vscode from 'vscode';
import fs from 'node:fs';
import path from 'node:path';
import type { WeftApi } from '../../src/extension.js';
import type { TreeSnapshot } from '../../src/test-api.js';

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

/** Asks the runner (Playwright) for a screenshot of the workbench; no-op without a runner. */
export async function screenshot(name: string, clearNotifications = true): Promise<boolean> {
  const dir = process.env.WEFT_TEST_RESULTS ?? path.join(workspaceDir(), '..', 'results');
  if (!fs.existsSync(dir)) return false;
  if (clearNotifications) {
    await vscode.commands.executeCommand('notifications.clearAll');
    await sleep(300);
  }
  fs.writeFileSync(path.join(dir, `shot-${name}.req`), name);
  try {
    await waitFor(`screenshot ${name}`, 15_000, () => fs.existsSync(path.join(dir, `shot-${name}.done`)), 100);
    return true;
  } catch { return false; }
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
  return a.__test.tree().find((r) => r.runId === runId);
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

// Every run the Runs view knows: live ones started in this window (fed by the engine's onEvent), and
// run records in `<folder>/.weft/runs/*.jsonl`, read on start and followed with a file watcher, so runs
// started by `weft run` in a terminal appear and update live. Change notifications are per node.
// A finished run is held as its run row only (status, counts, times, file, inputs: RunModel.summary)
// unless it is one of the few last finished or asked for: a record first seen finished is read at its
// two ends (record-ends.ts), and a run's tree is read from its record when it is asked for (full():
// expanded, revealed, shown in the graph or the editor, its step output opened). Trees of 2,000-item
// foreach runs held tens of MB each, and a history of weft.runs.keep (50) of them gigabytes.
import * as vscode from 'vscode';
import fs from 'node:fs';
import path from 'node:path';
import { RunModel, parseRecord, type ModelNode } from './run-model.js';
import { interruptedEnd, recordWriter } from './interrupted-run.js';
import { readRecordTail } from './record-tail.js';
import { readRecordEnds } from './record-ends.js';
import { keptTrees } from './kept-trees.js';
import { deleteRecord } from './delete-record.js';
import { isRunId } from '../../../engine/src/run/records.js';
import type { RunEvent } from '../../../engine/src/run/events.js';

export interface RunEntry {
  model: RunModel;
  runsDir: string;
  /** 'local': started in this window (events from the engine); 'record': read from its .jsonl file. */
  source: 'local' | 'record';
  /** Bytes of the .jsonl already applied (record runs). */
  offset: number;
  /** Whether its .jsonl was seen in the folder (a local run's record can fail to be written at all). */
  onDisk?: boolean;
}

export class RunStore implements vscode.Disposable {
  private readonly entries = new Map<string, RunEntry>();
  /** Finished runs with their tree, most recently finished or rebuilt first (kept-trees.ts says which stay). */
  private recent: string[] = [];
  /** Trees rebuilt from records (for tests: that a view asks for what it shows only). */
  rebuilds = 0;
  private readonly watchers: vscode.Disposable[] = [];
  private readonly watched = new Set<string>();
  private readonly changed = new vscode.EventEmitter<{ nodes: ModelNode[]; structure: boolean }>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** Runs, newest first. */
  list(): RunEntry[] {
    return [...this.entries.values()].sort((a, b) => (b.model.root.startedAt || Infinity) - (a.model.root.startedAt || Infinity));
  }

  get(runId: string): RunEntry | undefined {
    return this.entries.get(runId);
  }

  live(): RunEntry[] {
    return this.running().filter((e) => e.source === 'local');
  }

  /** Runs still going, this window's and a terminal's `weft run` alike (their durations move). */
  running(): RunEntry[] {
    return this.list().filter((e) => e.model.root.status === 'running');
  }

  /** An event from a run started in this window. */
  applyLocal(e: RunEvent, runsDir: string): void {
    let entry = this.entries.get(e.runId);
    const isNew = !entry;
    if (!entry) {
      entry = { model: new RunModel(e.runId), runsDir, source: 'local', offset: 0 };
      this.entries.set(e.runId, entry);
    }
    entry.source = 'local';
    // Whether it has a record to lose (one that could not be written at all never leaves the view).
    if (e.type === 'run.finished') entry.onDisk ||= fs.existsSync(path.join(runsDir, `${e.runId}.jsonl`));
    this.apply(entry, e, isNew);
  }

  /**
   * Reads every run record of a folder and follows the folder's `.weft/runs` with a watcher: each
   * workspace folder's, and the records of a file outside them once this window ran it there. Once
   * per folder.
   */
  watchFolder(runsDir: string): void {
    const key = path.resolve(runsDir);
    if (this.watched.has(key)) return;
    this.watched.add(key);
    this.readDir(runsDir);
    const pattern = new vscode.RelativePattern(vscode.Uri.file(runsDir), '*.jsonl');
    const w = vscode.workspace.createFileSystemWatcher(pattern);
    const onFile = (uri: vscode.Uri) => this.readRecord(runsDir, uri.fsPath);
    w.onDidCreate(onFile); w.onDidChange(onFile);
    w.onDidDelete((uri) => {
      const id = path.basename(uri.fsPath, '.jsonl');
      const e = this.entries.get(id);
      if (e && recordGone(e)) { this.entries.delete(id); this.changed.fire({ nodes: [], structure: true }); }
    });
    // A slow poll backs the watcher up (watchers can coalesce events or miss a folder created later):
    // it only stats the records and reads what was appended.
    const poll = setInterval(() => this.scan(runsDir), 2000);
    this.watchers.push(w, new vscode.Disposable(() => clearInterval(poll)));
  }

  private scan(runsDir: string): void {
    let files: string[];
    try { files = fs.readdirSync(runsDir).filter((f) => f.endsWith('.jsonl')); } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return;
      files = []; // the folder was deleted (`rm -rf .weft/runs`): its runs go below
    }
    // Records deleted behind the view's back: a watcher reports a deleted folder, not the files in it.
    const present = new Set(files.map((f) => path.basename(f, '.jsonl')));
    let removed = false;
    for (const [id, e] of this.entries) {
      if (e.runsDir !== runsDir) continue;
      if (present.has(id)) e.onDisk = true;
      else if (recordGone(e)) { this.entries.delete(id); removed = true; }
    }
    if (removed) this.changed.fire({ nodes: [], structure: true });
    for (const f of files) {
      const entry = this.entries.get(path.basename(f, '.jsonl'));
      if (entry?.source === 'local') continue;
      try {
        const file = path.join(runsDir, f);
        const stat = fs.statSync(file);
        if (!entry || stat.size > entry.offset) this.readRecord(runsDir, file);
        else if (entry.model.root.status === 'running') this.endIfInterrupted(entry, stat.mtimeMs);
      } catch { /* removed meanwhile */ }
    }
  }

  readDir(runsDir: string): void {
    let files: string[];
    try { files = fs.readdirSync(runsDir).filter((f) => f.endsWith('.jsonl')); } catch { return; }
    for (const f of files) this.readRecord(runsDir, path.join(runsDir, f));
  }

  private readRecord(runsDir: string, file: string): void {
    const runId = path.basename(file, '.jsonl');
    if (!isRunId(runId)) return; // `..jsonl`: not a run (delete-record.ts says why)
    let entry = this.entries.get(runId);
    if (entry?.source === 'local') return; // this window streams it already
    if (!entry) {
      // A record first seen finished (history, at start): its run row from its two ends, its tree when asked.
      const ends = readRecordEnds(file);
      if (ends && ends.started.runId === runId) {
        entry = { model: RunModel.summary(ends.started, ends.finished), runsDir, source: 'record', offset: ends.end, onDisk: true };
        this.entries.set(runId, entry);
        this.flush(entry, true);
        return;
      }
    } else if (entry.model.summarized) {
      this.full(entry); // written to after it finished: the tree first, then what came
      if (entry.model.summarized) return;
    }
    try {
      // Only what was appended, whole lines, a window at a time (a record can pass 2 GiB).
      for (let tail = readRecordTail(file, entry?.offset ?? 0); tail; tail = tail.more ? readRecordTail(file, entry!.offset) : undefined) {
        const isNew = !entry;
        if (!entry) { entry = { model: new RunModel(runId), runsDir, source: 'record', offset: 0, onDisk: true }; this.entries.set(runId, entry); }
        entry.offset = tail.end;
        if (tail.skipped) this.log.warn(`run ${runId}: an event of ${(tail.skipped / 2 ** 20).toFixed(0)} MB in ${file} is too large to read; passed over`);
        const events = parseRecord(tail.text);
        events.forEach((e, i) => this.apply(entry!, e, isNew && i === 0, i < events.length - 1));
        if (events.length === 0) this.flush(entry, isNew);
        if (!tail.more && entry.model.root.status === 'running') this.endIfInterrupted(entry, tail.mtimeMs);
      }
    } catch (err) {
      this.log.debug(`could not read run record ${file}: ${err}`);
    }
  }

  /**
   * A record run whose writer is gone (killed, a power cut, a record write that failed) gets no
   * run.finished: it is ended here, `cancelled` with the engine's note, instead of spinning forever.
   */
  private endIfInterrupted(entry: RunEntry, lastWriteMs: number): void {
    if (entry.source !== 'record') return;
    const fin = interruptedEnd(entry.model, lastWriteMs);
    if (!fin) return;
    this.log.warn(`run ${fin.runId} (${entry.model.root.file}): ${fin.error}; shown as cancelled`);
    this.apply(entry, fin, false);
  }

  private apply(entry: RunEntry, e: RunEvent, structure: boolean, batching = false): void {
    try { entry.model.apply(e); } catch (err) { this.log.warn(`run ${e.runId}: could not apply ${e.type}: ${err}`); }
    if (!batching) this.flush(entry, structure || e.type === 'run.started');
    if (e.type === 'run.finished') { this.touch(e.runId); if (!batching) this.trim(); }
  }

  /**
   * The run's model with its tree: a summarized run's is read from its record (and kept, as the
   * last asked for: kept-trees.ts). For what a user asks to see: expanding, revealing, the graph, the
   * editor's decorations, a step's output.
   */
  full(entry: RunEntry): RunModel {
    if (!entry.model.summarized) return entry.model;
    const rebuilt = this.rebuild(entry);
    if (!rebuilt) return entry.model;
    entry.model.adoptTree(rebuilt.model);
    entry.offset = rebuilt.end;
    this.rebuilds++;
    this.touch(entry.model.root.runId);
    this.trim();
    return entry.model;
  }

  /** The run's model with its tree, not kept: a summarized run's is read again (the tests' snapshot of the view). */
  peek(entry: RunEntry): RunModel {
    return entry.model.summarized ? this.rebuild(entry)?.model ?? entry.model : entry.model;
  }

  private rebuild(entry: RunEntry): { model: RunModel; end: number } | undefined {
    const runId = entry.model.root.runId;
    const file = path.join(entry.runsDir, `${runId}.jsonl`);
    const model = new RunModel(runId);
    let end = 0;
    try {
      for (let tail = readRecordTail(file, 0); tail; tail = tail.more ? readRecordTail(file, end) : undefined) {
        end = tail.end;
        for (const e of parseRecord(tail.text)) {
          try { model.apply(e); } catch (err) { this.log.warn(`run ${runId}: could not apply ${e.type}: ${err}`); }
        }
      }
    } catch (err) {
      this.log.warn(`run ${runId}: could not read its record ${file} again: ${err}`);
      return undefined;
    }
    if (!model.root.startedAt) { this.log.warn(`run ${runId}: its record ${file} has no run.started any more`); return undefined; }
    model.takeChanged();
    return { model, end };
  }

  private touch(runId: string): void {
    this.recent = [runId, ...this.recent.filter((id) => id !== runId)];
  }

  /** Drops the trees of finished runs past what kept-trees.ts keeps (those whose record can give them back). */
  private trim(): void {
    const recent = this.recent.flatMap((id) => {
      const e = this.entries.get(id);
      return e && !e.model.summarized ? [{ id, steps: e.model.stepCount }] : [];
    });
    const keep = keptTrees(recent);
    this.recent = this.recent.filter((id) => keep.has(id) && this.entries.has(id));
    let dropped = false;
    for (const [id, e] of this.entries) {
      if (keep.has(id) || e.model.summarized || e.model.root.status === 'running') continue;
      if (e.source === 'local' && !e.onDisk) continue; // no record to read it from again
      e.model.dropTree();
      dropped = true;
    }
    // The whole view: a dropped run's row comes back collapsed (tree-items.ts), and VS Code lets go of its nodes.
    if (dropped) this.changed.fire({ nodes: [], structure: true });
  }

  private flush(entry: RunEntry, structure: boolean): void {
    this.changed.fire({ nodes: entry.model.takeChanged(), structure });
  }

  /** Forgets finished runs and deletes their records. */
  clearFinished(): number {
    let n = 0;
    for (const [id, e] of this.entries) {
      if (e.model.root.status === 'running' && (e.source === 'local' || stillWritten(e))) continue;
      this.entries.delete(id);
      deleteRecord(e.runsDir, id);
      n++;
    }
    this.changed.fire({ nodes: [], structure: true });
    return n;
  }

  /** Keeps the newest `keep` records of a runs folder (weft.runs.keep). */
  prune(runsDir: string, keep: number): void {
    const old = this.list().filter((e) => e.runsDir === runsDir && e.model.root.status !== 'running').slice(keep);
    for (const e of old) { this.entries.delete(e.model.root.runId); deleteRecord(runsDir, e.model.root.runId); }
    if (old.length) this.changed.fire({ nodes: [], structure: true });
  }

  dispose(): void {
    this.watchers.forEach((w) => w.dispose());
    this.changed.dispose();
  }
}

/**
 * Whether a run goes from the view when its record is deleted: a record's run, or a finished run of
 * this window whose record was there; never a live run of this window (it is still writing it).
 */
function recordGone(e: RunEntry): boolean {
  if (e.source === 'record') return true;
  return e.model.root.status !== 'running' && e.onDisk === true;
}

/**
 * A record's run still going: its writer (a terminal's `weft run`) known alive on this host, however
 * long its steps have written nothing; where the writer cannot be checked (another host, an older
 * record), a record written in the last minute.
 */
function stillWritten(e: RunEntry): boolean {
  const writer = recordWriter(e.model);
  if (writer !== 'unknown') return writer === 'alive';
  try { return Date.now() - fs.statSync(path.join(e.runsDir, `${e.model.root.runId}.jsonl`)).mtimeMs < 60_000; } catch { return false; }
}

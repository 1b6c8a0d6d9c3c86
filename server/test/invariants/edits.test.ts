// LSP 3.17's invariants of the answers that edit the document, for every corpus file: each quick fix
// for each published diagnostic, and a rename at every distinct range prepareRename offers. Their
// edits lie in the document and do not overlap (an editor refuses the WorkspaceEdit otherwise);
// applied, a fix removes the diagnostic it is for and adds no YAML error, and a rename (with its
// edits to other files) replaces only the old name and makes the analyser report nothing new (no
// unknown step, property or cycle).
import { after, before as beforeAll, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CodeAction, PrepareRenameResult, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lsp-client.js';
import { applyWorkspaceEdit } from '../helpers/workspace-edit.js';
import { analyse } from '../../../engine/src/analysis/analyse.js';
import { parseWorkflow } from '../../../engine/src/model/parse.js';
import { fsHostReader } from '../../src/fs-read.js';
import { Failures, badRange, before, corpus, linesOf, positionsOf, show, showRange, type Range } from './corpus-positions.js';

let client: LspClient;
beforeAll(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

/**
 * The analyser's diagnostics for `text` at `uri`'s path, counted by code and by code and message;
 * `others` are the texts of other files (a rename's edits to a called file), read before the disk.
 */
function reported(text: string, uri: string, others = new Map<string, string>()): Map<string, number> {
  const out = new Map<string, number>();
  const host = { readFile: (p: string) => others.get(p) ?? fsHostReader.readFile(p), whyUnreadable: fsHostReader.whyUnreadable };
  for (const d of analyse(parseWorkflow(text, fileURLToPath(uri)), { host }).diagnostics) {
    for (const k of [d.code, `${d.code}: ${d.message}`, '*']) out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

/** Why the edits for `uri` in `edit` are not valid (out of the document, overlapping), or undefined. */
function editFailure(lines: string[], uri: string, edit: WorkspaceEdit | undefined): string | undefined {
  if (!edit) return undefined;
  if (edit.documentChanges) return 'documentChanges, which the client did not declare';
  const edits = edit.changes?.[uri] ?? [];
  for (const e of edits) { const bad = badRange(lines, e.range); if (bad) return bad; }
  const sorted = [...edits].sort((a, b) => (before(a.range.start, b.range.start) ? -1 : before(b.range.start, a.range.start) ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = [sorted[i - 1].range, sorted[i].range];
    // Two insertions at one place are allowed (applied in order); a range reaching into another is not.
    if (before(b.start, a.end)) return `edits overlap: ${showRange(a)} and ${showRange(b)}`;
  }
  return undefined;
}

const NEW_NAME = 'renamed_zq';

describe('edit invariants over the corpus', () => {
  it('quick fixes and renames make valid edits that do what they say', async () => {
    const fails = new Failures();
    const counts = { actions: 0, applied: 0, renames: 0, renameEdits: 0 };
    for (const doc of corpus()) {
      await client.open(doc.uri, doc.text);
      const published = await client.waitForDiagnostics(doc.uri);
      const lines = linesOf(doc.text);
      const textDocument = { uri: doc.uri };
      const baseline = reported(doc.text, doc.uri);
      const actionSets = await Promise.all(published.diagnostics.map((d) => client.conn.sendRequest<CodeAction[] | null>(
        'textDocument/codeAction', { textDocument, range: d.range, context: { diagnostics: [d] } })));
      actionSets.forEach((actions, k) => {
        const diag = published.diagnostics[k];
        for (const a of actions ?? []) {
          counts.actions++;
          const where = `${doc.name} fix '${a.title}' for ${diag.code} at ${showRange(diag.range)}`;
          const bad = editFailure(lines, doc.uri, a.edit);
          fails.add(where, bad);
          if (bad || !a.edit?.changes?.[doc.uri]) continue;
          counts.applied++;
          const after = reported(applyWorkspaceEdit(doc.text, doc.uri, a.edit).text, doc.uri);
          // The diagnostic fixed is gone (its code may still be reported for what the fix wrote: a
          // property renamed to `status` whose compared value is no status).
          const fixed = `${diag.code}: ${diag.message}`;
          if (a.isPreferred) fails.check(where, (after.get(fixed) ?? 0) < (baseline.get(fixed) ?? 0), `'${fixed}' ${baseline.get(fixed)} times before, ${after.get(fixed) ?? 0} after`);
          fails.check(where, (after.get('yaml-syntax') ?? 0) <= (baseline.get('yaml-syntax') ?? 0), 'a new YAML error');
        }
      });
      // One rename per distinct range prepareRename offers (every reference of a step gives the same).
      const positions = positionsOf(doc.text, 250);
      const preps = await Promise.all(positions.map((position) => client.conn.sendRequest<PrepareRenameResult | null>(
        'textDocument/prepareRename', { textDocument, position }).catch(() => null)));
      const seen = new Set<string>();
      const todo: { pos: (typeof positions)[number]; range: Range; old: string }[] = [];
      preps.forEach((p, k) => {
        if (!p || 'defaultBehavior' in p) return;
        const range = 'range' in p ? p.range : p;
        const old = 'placeholder' in p ? p.placeholder : lines[range.start.line].slice(range.start.character, range.end.character);
        if (seen.has(old)) return;
        seen.add(old);
        todo.push({ pos: positions[k], range, old });
      });
      const renames = await Promise.all(todo.map((t) => client.conn.sendRequest<WorkspaceEdit | null>(
        'textDocument/rename', { textDocument, position: t.pos, newName: NEW_NAME }).catch((e: Error) => e)));
      renames.forEach((r, k) => {
        const { pos, range, old } = todo[k];
        const where = `${doc.name} rename '${old}' at ${show(pos)}`;
        if (r instanceof Error) { fails.add(where, `refused after prepareRename offered ${showRange(range)}: ${r.message}`); return; }
        counts.renames++;
        const bad = editFailure(lines, doc.uri, r ?? undefined);
        fails.add(where, bad);
        const edits = r?.changes?.[doc.uri] ?? [];
        if (bad || !edits.length) { fails.check(where, !!bad || edits.length > 0, 'no edit in the document renamed from'); return; }
        counts.renameEdits += edits.length;
        const { text, replaced } = applyWorkspaceEdit(doc.text, doc.uri, r!);
        // Every edit replaces the old name (quoted or not) with the new one, or inserts it (a foreach's
        // default `item` renamed gets an `as:`).
        for (const [i, was] of replaced.entries()) {
          fails.check(where, was.replace(/^(["'])(.*)\1$/, '$2') === old || (was === '' && r!.changes![doc.uri][i].newText.includes(NEW_NAME)), `edit ${i} replaced '${was}', not '${old}'`);
        }
        // Edits to other files (a called workflow's output, renamed across the call) apply to them on disk.
        const others = new Map<string, string>();
        for (const uri of Object.keys(r!.changes ?? {}).filter((u) => u !== doc.uri)) {
          const file = fileURLToPath(uri);
          const disk = fs.readFileSync(file, 'utf8');
          fails.add(`${where} in ${uri}`, editFailure(linesOf(disk), uri, r!));
          others.set(file, applyWorkspaceEdit(disk, uri, r!).text);
        }
        // Renamed everywhere: no reference lost its target, and nothing new is reported. (A duplicate
        // id renamed in one place, or an invalid one, is reported less; a foreach item's use outside
        // its body stays unknown under another code.)
        const after = reported(text, doc.uri, others);
        for (const c of ['*', 'unknown-step', 'unknown-property', 'cycle', 'schema']) {
          fails.check(where, (after.get(c) ?? 0) <= (baseline.get(c) ?? 0), `${c} diagnostics ${baseline.get(c) ?? 0} before, ${after.get(c) ?? 0} after`);
        }
      });
      await client.close(textDocument.uri);
    }
    fails.assertNone();
    console.log(`edit invariants: ${JSON.stringify(counts)}`);
    assert.ok(counts.actions > 50 && counts.applied > 50 && counts.renames > 300 && counts.renameEdits > 600, JSON.stringify(counts));
    assert.deepEqual(client.serviceFailures().slice(0, 3), [], 'a service threw');
  });
});

// DocumentStore.bestAt answers completion from an analysis of an older text without waiting for a
// new one: the cursor's offset in the editor's text is mapped into that text (the changed middle to
// its start), from the latest analysis through the keystroke's edit site, from an older well-formed
// analysis through a diff of its own.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { DocumentStore } from '../../src/document-store.js';

const URI = 'file:///tmp/best-at.weft.yaml';
const TEXT = 'name: t\nsteps:\n  - id: fetch\n    shell: echo\n  - id: use\n    shell: echo done\n';

function typeAt(store: DocumentStore, at: number, s: string, version: number): void {
  const pos = store.get(URI)!.positionAt(at);
  store.change(URI, version, [{ range: { start: pos, end: pos }, text: s }]);
}

describe('bestAt maps the offset into the analysed text', () => {
  it('from the latest analysis, with the edit site of the keystroke', () => {
    const store = new DocumentStore();
    store.open(URI, 'weft-yaml', 1, TEXT);
    store.analysed(URI);
    const at = TEXT.indexOf('echo done') + 'echo'.length;
    typeAt(store, at, 'XYZ', 2);
    const text = store.get(URI)!.getText();
    const after = text.indexOf(' done');
    const r = store.bestAt(URI, after);
    assert.equal(r.v?.version, 1);
    assert.equal(r.offset, at, 'past the change: shifted back by its length');
    assert.equal(store.bestAt(URI, at + 2).offset, at, 'inside the change: its start');
    assert.equal(store.bestAt(URI, 5).offset, 5, 'before the change: unchanged');
    assert.equal(store.editSite(URI)!.site.diff.start, at);
  });

  it('from the last well-formed analysis when the latest is broken', () => {
    const store = new DocumentStore();
    store.open(URI, 'weft-yaml', 1, TEXT);
    store.analysed(URI);
    typeAt(store, TEXT.indexOf('  - id: use'), '  - [\n', 2);
    store.analysed(URI);
    const broken = store.get(URI)!.getText();
    const at = broken.indexOf('echo done') + 'echo'.length;
    typeAt(store, at, 'Q', 3);
    const r = store.bestAt(URI, at + 1);
    assert.equal(r.v?.version, 1, 'the well-formed analysis');
    assert.equal(r.v!.text.slice(r.offset - 4, r.offset), 'echo');
  });
});

/** A store that analysed `before` (version 1), then was given `after` as version 2 (not yet analysed). */
function changedTo(before: string, after: string): DocumentStore {
  const store = new DocumentStore();
  store.open(URI, 'weft-yaml', 1, before);
  store.analysed(URI);
  store.change(URI, 2, [{ text: after }]);
  return store;
}

/** Deleting steps: completion at `at` answers from the new analysis, whose steps are `ids`. */
function answersFromNew(before: string, after: string, at: string, ids: string[]): void {
  const store = changedTo(before, after);
  store.analysed(URI);
  const r = store.bestAt(URI, after.indexOf(at));
  assert.equal(r.v?.version, 2);
  assert.deepEqual(r.v!.analysis!.model.allSteps.map((s) => s.id), ids);
}

/** Steps hidden by a half-typed edit: the new analysis has none, and completion at `at` keeps the older one. */
function keepsOlder(before: string, after: string, at: string): void {
  const store = changedTo(before, after);
  assert.deepEqual(store.analysed(URI)?.analysis?.model.allSteps, []);
  assert.equal(store.bestAt(URI, after.indexOf(at)).v?.version, 1);
}

describe('bestAt after steps are deleted from a file with a schema error', () => {
  const withError = 'name: t\nconfig:\n  maxConcurrency: many\nsteps:\n  - id: fetch\n    shell: echo\n  - id: retired\n    shell: echo old\n  - id: use\n    shell: echo done\n';

  it('answers from the new analysis: the deleted step is not offered', () => {
    answersFromNew(withError, withError.replace('  - id: retired\n    shell: echo old\n', ''), 'echo done', ['fetch', 'use']);
  });

  it('keeps the older analysis while steps are only hidden from the model by a half-typed edit', () => {
    // `steps:` being retyped: the file is well-formed YAML with no steps, but every id is still there.
    keepsOlder(withError, withError.replace('steps:\n', 'step:\n'), 'echo done');
  });

  // Short ids are substrings of nearly any text (`a` in `name`, `b` in `echo b`): what counts is
  // whether an `id:` key still declares them.
  const short = 'name: t\nconfig:\n  maxConcurrency: many\nsteps:\n  - id: a\n    shell: echo a\n  - {id: "b", shell: echo b}\n  - id: c\n    shell: echo c\n';

  it('answers from the new analysis when a step with a short id is deleted', () => {
    answersFromNew(short, short.replace('  - id: a\n    shell: echo a\n', ''), 'echo c', ['b', 'c']);
  });

  it('keeps the older analysis while short ids are only hidden, in block and flow style', () => {
    keepsOlder(short, short.replace('steps:\n', 'step:\n'), 'echo c');
  });
});

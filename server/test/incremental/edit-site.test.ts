// One diff and one scalar lookup per keystroke (server/src/edit-site.ts): the free-text check and
// the scalar-edit path of the same keystroke share them, through the DocumentStore and the
// DiagnosticsPublisher as the server wires them; and the one depth limit (500) lets both paths
// type 300 collections deep, with the same diagnostics as a full analysis.
import { describe, it, mock } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyse } from '../../../engine/src/analysis/analyse.js';
import { parseWorkflow } from '../../../engine/src/model/parse.js';
import { DocumentStore } from '../../src/document-store.js';
import { DiagnosticsPublisher } from '../../src/diagnostics-publisher.js';
import { EditSite } from '../../src/edit-site.js';
import { freeTextEdit, shiftedDiagnostics } from '../../src/free-text-edit.js';
import { scalarEdit } from '../../src/scalar-edit.js';
import { diagnosticsOf } from './tree-compare.js';

const URI = 'file:///tmp/edit-site.weft.yaml';
const FILE = '/tmp/edit-site.weft.yaml';
const TEXT = 'name: t\nsteps:\n  - id: fetch\n    shell: echo\n  - id: use\n    shell: echo ${steps.fetch.output} done\n';

/** Opens TEXT in a store with a publisher (debounce 0) and waits for its first diagnostics. */
async function opened(): Promise<{ store: DocumentStore; publisher: DiagnosticsPublisher; published: () => Promise<void>; publish: () => Promise<void> }> {
  const store = new DocumentStore();
  let resolve = () => {};
  const published = () => new Promise<void>((r) => { resolve = r; });
  const publisher = new DiagnosticsPublisher(store, { sendDiagnostics: () => resolve() });
  publisher.debounceMs = 0;
  publisher.refreshIdleMs = 60_000;
  store.open(URI, 'weft-yaml', 1, TEXT);
  const first = published();
  publisher.schedule(URI, true);
  await first;
  /** Schedules the document's diagnostics and waits until they are sent. */
  const publish = async () => {
    const done = published();
    publisher.schedule(URI);
    await done;
  };
  return { store, publisher, published, publish };
}

/** Types `s` at the end of the first `at` in the document, as version `version`. */
function type(store: DocumentStore, at: string, s: string, version: number): void {
  const text = store.get(URI)!.getText();
  const o = text.indexOf(at) + at.length;
  const pos = store.get(URI)!.positionAt(o);
  store.change(URI, version, [{ range: { start: pos, end: pos }, text: s }]);
}

/**
 * The diffs and lookups made while `fn` runs: a site works each out once, on the first read of its
 * `diff` or `scalar`, so they are the sites whose getter was read.
 */
async function counted(fn: () => unknown): Promise<{ diffs: number; lookups: number }> {
  const diff = mock.getter(EditSite.prototype, 'diff');
  const scalar = mock.getter(EditSite.prototype, 'scalar');
  const sites = (m: { mock: { calls: { this: unknown }[] } }) => new Set(m.mock.calls.map((c) => c.this)).size;
  try {
    await fn();
    return { diffs: sites(diff), lookups: sites(scalar) };
  } finally {
    diff.mock.restore();
    scalar.mock.restore();
  }
}

/** A site that counts how often the paths read its diff and its lookup. */
class SpySite extends EditSite {
  reads = { diff: 0, scalar: 0 };
  override get diff() { this.reads.diff++; return super.diff; }
  override get scalar() { this.reads.scalar++; return super.scalar; }
}

describe('edit site: one diff and one lookup per keystroke', () => {
  it('typing in a reference: the free-text check declines, the scalar-edit path re-uses its diff and lookup', async () => {
    const { store, publisher, publish } = await opened();
    type(store, '${steps.fe', 'x', 2);
    const work = await counted(publish);
    publisher.cancel(URI);
    assert.equal(store.latest(URI)?.version, 2, 'a new analysis was made (the free-text check declined)');
    assert.ok(store.latest(URI)?.analysis?.diagnostics.some((d) => d.message.includes("'fextch'")), 'the new analysis sees the edit');
    assert.deepEqual(work, { diffs: 1, lookups: 1 });
  });

  it('typing in free text: the diagnostics and every request of the version share one site', async () => {
    const { store, publisher, publish } = await opened();
    type(store, 'echo', 'x', 2);
    const work = await counted(async () => {
      await publish();
      for (let i = 0; i < 3; i++) { // semantic tokens, inlay hints, code lens: as server.ts analysedOf asks
        const e = store.editSite(URI)!;
        assert.ok(freeTextEdit(e.base.analysis!, e.base.text, store.get(URI)!.getText(), e.site));
      }
    });
    publisher.cancel(URI);
    assert.equal(store.latest(URI)?.version, 1, 'diagnostics shifted, no new analysis');
    assert.deepEqual(work, { diffs: 1, lookups: 1 });
    const site = store.editSite(URI)!.site;
    type(store, 'echox', 'y', 3);
    assert.notEqual(store.editSite(URI)!.site, site, 'the next version gets its own');
  });

  it('both paths read the diff and the lookup from the site they are given', async () => {
    const next = TEXT.replace('${steps.fetch', '${steps.fextch');
    const model = parseWorkflow(TEXT, FILE);
    const site = new SpySite(model.yaml, TEXT, next);
    const work = await counted(() => {
      assert.equal(freeTextEdit(analyse(model), TEXT, next, site), undefined);
      assert.ok('doc' in scalarEdit(model, next, site));
    });
    assert.ok(site.reads.diff >= 2 && site.reads.scalar >= 2, JSON.stringify(site.reads));
    assert.deepEqual(work, { diffs: 1, lookups: 1 });
  });

  it('typing in free text: the free-text check runs once per version, for the diagnostics and every request', async () => {
    // A check that takes the edit reads the site's scalar lookup once (the getter, which hands back
    // the lookup the site keeps), and nothing else reads it while typing free text: the count of
    // reads is the count of checks. Before the site kept the verdict, the publisher and each
    // request (analysedOf in server.ts) ran the whole check again: 4 here.
    const { store, publisher, publish } = await opened();
    type(store, 'echo', 'x', 2);
    const lookup = mock.getter(EditSite.prototype, 'scalar');
    try {
      await publish();
      for (let i = 0; i < 3; i++) { // semantic tokens, inlay hints, code lens: as server.ts analysedOf asks
        const e = store.editSite(URI)!;
        assert.ok(freeTextEdit(e.base.analysis!, e.base.text, store.get(URI)!.getText(), e.site));
      }
      assert.equal(lookup.mock.callCount(), 1);
    } finally {
      lookup.mock.restore();
      publisher.cancel(URI);
    }
  });

  it('the verdict kept on a site is the one for its analysis; another analysis of the old text gets its own', () => {
    const next = TEXT.replace('shell: echo\n', 'shell: echoz\n');
    const model = parseWorkflow(TEXT, FILE);
    const site = new SpySite(model.yaml, TEXT, next);
    const a = analyse(model);
    const first = freeTextEdit(a, TEXT, next, site);
    assert.ok(first);
    assert.equal(freeTextEdit(a, TEXT, next, site), first, 'the kept answer');
    assert.equal(site.reads.scalar, 1, 'one check');
    // An analysis of the same Document with a parse problem: the check must not answer from the other's verdict.
    const broken = { ...a, model: { ...a.model, parseDiagnostics: [{ code: 'yaml-syntax', message: 'x', severity: 'error', range: { start: 0, end: 1 } }] } } as unknown as typeof a;
    assert.equal(freeTextEdit(broken, TEXT, next, site), undefined);
    const other = analyse(parseWorkflow(TEXT, FILE));
    assert.deepEqual(freeTextEdit({ ...other, model: { ...other.model, yaml: model.yaml } }, TEXT, next, site), first);
    assert.equal(site.reads.scalar, 2, 'a second analysis: a second check');
  });

  it('a site made for another edit is not used', () => {
    const model = parseWorkflow(TEXT, FILE);
    const other = new SpySite(model.yaml, TEXT, TEXT.replace('name: t', 'name: tx'));
    const next = TEXT.replace('shell: echo\n', 'shell: echoz\n');
    assert.ok(freeTextEdit(analyse(model), TEXT, next, other));
    assert.ok('doc' in scalarEdit(model, next, other));
    assert.deepEqual(other.reads, { diff: 0, scalar: 0 });
  });
});

describe('edit site: one depth limit', () => {
  // A free-text value 300 mappings deep (the free-text check used to stop at 200, scalar-edit at 500).
  const N = 300;
  let deep = 'name: t\nsteps:\n  - id: a\n    stub:\n      output:\n';
  for (let i = 0; i < N; i++) deep += `${' '.repeat(8 + i)}k:\n`;
  deep += `${' '.repeat(8 + N)}description: some words here\n`;
  const o = deep.indexOf('some words') + 'some'.length;
  const next = deep.slice(0, o) + 'x' + deep.slice(o);
  const fresh = diagnosticsOf(analyse(parseWorkflow(next, FILE)));

  it('both paths take an edit 300 deep, with the diagnostics of a full analysis', () => {
    const a = analyse(parseWorkflow(deep, FILE));
    const shifted = shiftedDiagnostics(a, deep, next);
    assert.ok(shifted, 'the free-text path takes it');
    assert.deepEqual(diagnosticsOf({ ...a, diagnostics: shifted }), fresh);
    const r = scalarEdit(parseWorkflow(deep, FILE), next);
    assert.ok('doc' in r, JSON.stringify(r));
  });
});

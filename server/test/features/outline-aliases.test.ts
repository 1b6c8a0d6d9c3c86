// The outline of a workflow that reuses steps lists through YAML anchors and aliases (spec 3.1, and
// examples/nested-branches.weft.yaml): the model gives a reused list the anchor's ranges, wherever it
// is used. Every symbol must lie inside its parent (editors follow the cursor and draw breadcrumbs
// from the ranges) and a branch that is only an alias must not cover its sibling's list: such a
// branch covers its `name: *alias`, and the steps it holds are empty ranges where its name starts.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DocumentSymbol, Range } from 'vscode-languageserver-protocol';
import { LspClient, ROOT, fileUri } from '../helpers/lsp-client.js';
import { createLineIndex } from '../../../engine/src/model/line-index.js';

let client: LspClient;
let n = 0;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

async function symbolsOf(text: string): Promise<DocumentSymbol[]> {
  const uri = fileUri(`/virtual/outline-alias${n++}.weft.yaml`);
  await client.open(uri, text);
  return client.conn.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
}

/** Every problem of nesting: a selection outside its range, a child outside its parent, overlapping siblings. */
function nestingProblems(text: string, syms: DocumentSymbol[]): string[] {
  const idx = createLineIndex(text);
  const o = (r: Range) => [idx.offsetAt(r.start), idx.offsetAt(r.end)];
  const inside = (a: Range, b: Range) => o(a)[0] >= o(b)[0] && o(a)[1] <= o(b)[1];
  const out: string[] = [];
  const walk = (list: DocumentSymbol[], parent: DocumentSymbol | undefined, trail: string) => {
    list.forEach((s, i) => {
      const name = `${trail}/${s.name}`;
      if (!inside(s.selectionRange, s.range)) out.push(`${name}: selection outside its range`);
      if (parent && !inside(s.range, parent.range)) out.push(`${name}: outside ${parent.name}`);
      for (const t of list.slice(i + 1)) if (o(t.range)[0] < o(s.range)[1] && o(s.range)[0] < o(t.range)[1]) out.push(`${name} overlaps ${t.name}`);
      walk(s.children ?? [], s, name);
    });
  };
  walk(syms, undefined, '');
  return out;
}

const tree = (s: DocumentSymbol): unknown => (s.children?.length ? { [s.name]: s.children.map(tree) } : s.name);

describe('outline with anchors and aliases', () => {
  it('examples/nested-branches.weft.yaml: every symbol inside its parent, siblings apart, the same tree', async () => {
    const text = fs.readFileSync(path.join(ROOT, 'examples', 'nested-branches.weft.yaml'), 'utf8');
    const syms = await symbolsOf(text);
    assert.deepEqual(nestingProblems(text, syms), []);
    const pipeline = ['hello_stub', 'hello_node', 'hello_shell'];
    const inner = { inner: [{ sub1: pipeline }, { sub2: pipeline }] };
    assert.deepEqual(syms.map(tree)[0], {
      steps: [
        { parallel_step: [{ branch1: pipeline }, { branch2: pipeline }] },
        { nested_parallel: [{ branch1: [inner] }, { branch2: [inner] }] },
        'continue_processing',
      ],
    });
    // An alias branch covers `name: *alias`; its steps point there.
    const branch2 = syms[0].children![0].children![1];
    const line = text.split('\n').findIndex((l) => l.includes('branch2: *pipeline'));
    assert.deepEqual(branch2.range, { start: { line, character: 8 }, end: { line, character: 26 } });
    assert.deepEqual(branch2.selectionRange, { start: { line, character: 8 }, end: { line, character: 15 } });
    const at = { start: branch2.selectionRange.start, end: branch2.selectionRange.start };
    assert.deepEqual(branch2.children!.map((c) => [c.range, c.selectionRange]), pipeline.map(() => [at, at]));
  });

  it('a shorthand parallel list, a foreach body, a step and a flow-style branch that are aliases', async () => {
    const text = [
      'steps:',
      '  - id: first',
      '    parallel: &pair',
      '      - id: a',
      '        stub: true',
      '      - &b',
      '        id: b',
      '        stub: true',
      '  - id: again',
      '    parallel: *pair',
      '  - id: each',
      '    foreach:',
      '      items: [1]',
      '      steps: *pair',
      '  - id: flow',
      '    parallel: { branches: { x: *pair } }',
      '  - id: last',
      '    parallel:',
      '      - *b',
      '',
    ].join('\n');
    const syms = await symbolsOf(text);
    assert.deepEqual(nestingProblems(text, syms), []);
    assert.deepEqual(syms.map(tree)[0], {
      steps: [
        { first: [{ a: ['a'] }, { b: ['b'] }] },
        { again: [{ a: ['a'] }, { b: ['b'] }] },
        { each: [{ 'each item': ['a', 'b'] }] },
        { flow: [{ x: ['a', 'b'] }] },
        { last: [{ b: ['b'] }] },
      ],
    });
  });
});

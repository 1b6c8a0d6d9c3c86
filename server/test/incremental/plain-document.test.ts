// The "plain document" check of the scalar-edit path (server/src/plain-document.ts): its text scan
// and its own walk must answer as the yaml package's `visit` did before them (the reference below
// is that code, kept here as the oracle), on documents with anchors, aliases, tags, merge keys and
// directives, on ones that merely hold `&`, `*`, `!`, `<<`, `%` or `\` in strings or comments, and
// on the repository's workflows with such fragments typed at random places. The answers differ on
// purpose for a directive after a byte order mark or a lone CR, which the previous check missed
// (the last cases).
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { visit, type Document, type Node } from 'yaml';
import { parseWorkflow } from '../../../engine/src/model/parse.js';
import { parseYamlDocument } from '../../../engine/src/model/yaml-parse.js';
import { isScalar } from '../../../engine/src/model/yaml-nodes.js';
import { rng } from '../../../test/support/prng.js';
import { workflowCorpus } from '../../../test/support/workflow-corpus.js';
import { generateWorkflow } from '../../../bench/lsp/generate.js';
import { isPlainDocument, walkIsPlain } from '../../src/plain-document.js';
import { scalarEdit } from '../../src/scalar-edit.js';

/** The check as it was: a `visit` of the whole Document. */
function reference(doc: Document, text: string): boolean {
  if (text.startsWith('%') || /\n%/.test(text)) return false;
  let plain = true;
  visit(doc, {
    Alias() { plain = false; return visit.BREAK; },
    Node(_, node) {
      if (node.anchor !== undefined || node.tag !== undefined) { plain = false; return visit.BREAK; }
      return undefined;
    },
    Pair(_, pair) {
      const k = pair.key as Node | null;
      if (isScalar(k) && (typeof k.value === 'symbol' || k.value === '<<' || k.source === '<<')) { plain = false; return visit.BREAK; }
      return undefined;
    },
  });
  return plain;
}

/** Each answer on a fresh Document (isPlainDocument remembers plain ones). */
function answers(text: string): { reference: boolean; walk: boolean; check: boolean } {
  return {
    reference: reference(parseYamlDocument(text), text),
    walk: walkIsPlain(parseYamlDocument(text), text),
    check: isPlainDocument(parseYamlDocument(text), text),
  };
}

const NOT_PLAIN: Record<string, string> = {
  anchor: 'a: &x 1\nb: 2\n',
  'anchor on a collection': 'a: &x\n  b: 1\n',
  'anchor on a key': '&k a: 1\n',
  alias: 'a: &x 1\nb: *x\n',
  'alias as a key': 'a: &x k\n*x : 2\n',
  'secondary tag': 'a: !!str 1\n',
  'local tag': 'a: !thing 1\n',
  'non-specific tag': 'a: ! 1\n',
  'tag on a sequence': 'a: !!seq\n  - 1\n',
  set: 'a: !!set\n  ? x\n',
  omap: 'a: !!omap\n  - x: 1\n',
  'merge key': 'base: &b\n  x: 1\nm:\n  <<: *b\n  y: 2\n',
  'merge key with a literal value': 'm:\n  <<: {x: 1}\n',
  'quoted merge key': 'm:\n  "<<": 1\n',
  'merge key spelt with escapes': 'm:\n  "\\x3c\\u003C": 1\n',
  'merge key made by an escaped line break': 'm:\n  ? "<\\\n    <"\n  : 1\n',
  'YAML directive': '%YAML 1.2\n---\na: 1\n',
  'TAG directive': '%TAG !e! tag:example.com,2000:\n---\na: 1\n',
  'directive after a comment': '# c\n%YAML 1.2\n---\na: 1\n',
};

const PLAIN: Record<string, string> = {
  'nothing special': 'name: t\nsteps:\n  - id: a\n    shell: echo hi\n',
  'characters inside a plain scalar': 'a: x & y * z ! w << v % u \\ t\nb: 100%\nc: Hello!\n',
  'characters inside quoted scalars': 'a: "&x *y !z <<"\nb: \'&x *y !z << % \\\'\nc: "\\\\ \\" \\t"\n',
  'characters in a block scalar': 'a: |\n  &x *y !z\n  <<: *b\n  %YAML\n',
  'characters in comments': '# &x *y !z <<: *b\na: 1 # !tag &anchor\n',
  'expressions with && and !=': "a: ${x && !y}\nb: ${steps.s.status != 'ok'}\n",
  'a key holding <<': 'a<<b: 1\n"<< ": 2\n',
  'a % not at a line start': 'a: 50 %\nb: "%YAML"\n',
  'a byte order mark and a document start marker': '\uFEFF---\na: 1\n',
};

describe('isPlainDocument', () => {
  for (const [name, text] of Object.entries(NOT_PLAIN)) {
    it(`not plain: ${name}`, () => {
      assert.deepEqual(answers(text), { reference: false, walk: false, check: false });
    });
  }
  for (const [name, text] of Object.entries(PLAIN)) {
    it(`plain: ${name}`, () => {
      assert.deepEqual(answers(text), { reference: true, walk: true, check: true });
    });
  }

  it('the text scan answers without the walk when the text holds none of & * ! % \\ <<', () => {
    const text = 'a:\n  b: one\n';
    // A node given an anchor behind the parser's back: only the walk can see it.
    const doc = parseYamlDocument(text);
    const b = (doc.value as unknown as { get(k: string, keep: true): { anchor?: string } }).get('a', true);
    assert.ok(b);
    b.anchor = 'x';
    assert.equal(walkIsPlain(doc, text), false);
    assert.equal(isPlainDocument(doc, text), true, 'the scan answered');
    // With one of the characters anywhere (here in a value), the walk runs.
    const text2 = 'a:\n  b: one & two\n';
    const doc2 = parseYamlDocument(text2);
    (doc2.value as unknown as { get(k: string, keep: true): { anchor?: string } }).get('a', true).anchor = 'x';
    assert.equal(isPlainDocument(doc2, text2), false);
  });

  it('agrees with the reference on the repository workflows and a generated one, as they are', () => {
    const docs = [...workflowCorpus(['examples', 'server/test/fixtures', 'engine/test/fixtures']), generateWorkflow(200)];
    assert.ok(docs.length > 10);
    let scanned = 0;
    for (const text of docs) {
      const a = answers(text);
      assert.equal(a.walk, a.reference, text.slice(0, 200));
      assert.equal(a.check, a.reference, text.slice(0, 200));
      if (!/[&*!%\\]|<</.test(text)) scanned++;
    }
    assert.ok(scanned > 0, 'some texts are answered by the scan alone');
  });

  it('agrees with the reference with anchors, aliases, tags, merge keys, directives and plain characters typed at random', () => {
    const docs = workflowCorpus(['examples', 'server/test/fixtures']);
    const FRAGMENTS = [
      '&a ', '*a', '!x ', '!!str ', '! ', '<<: *a\n', '<<', '"<<": ', '"\\x3c<": ', '%YAML 1.2\n---\n', '%', '\n%TAG ! x:\n---\n',
      '&', '*', '!', '\\', '"a & b"', "'*'", ' # &x\n', 'x: &a\n  y: 1\nz: *a\n', '- *a\n', '? &k k\n: v\n', '&&', '!=',
    ];
    const rand = rng(20261122);
    const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
    const seen = { plain: 0, notPlain: 0 };
    for (let i = 0; i < 1500; i++) {
      let text = pick(docs);
      for (let k = 1 + Math.floor(rand() * 3); k > 0; k--) {
        // Half of them where a node starts (after `: ` or `- `), where properties and aliases parse.
        const starts = [...text.matchAll(/(?::|^ *-) /gm)].map((m) => m.index! + m[0].length);
        const at = starts.length && rand() < 0.5 ? pick(starts) : Math.floor(rand() * (text.length + 1));
        text = text.slice(0, at) + pick(FRAGMENTS) + text.slice(at);
      }
      const doc = parseYamlDocument(text);
      if (doc.errors.length) continue; // scalar-edit.ts never asks then
      const a = answers(text);
      assert.equal(a.walk, a.reference, JSON.stringify(text));
      assert.equal(a.check, a.reference, JSON.stringify(text));
      seen[a.reference ? 'plain' : 'notPlain']++;
    }
    console.log(`plain-document: ${JSON.stringify(seen)}`);
    assert.ok(seen.plain > 100 && seen.notPlain > 100, JSON.stringify(seen));
  });
});

describe('directives the text check missed', () => {
  // A byte order mark before `%YAML 1.1` hid the directive from the line-start check, and the
  // scalar-edit path then read `yes` as a string where the document (YAML 1.1) reads true.
  const text = '\uFEFF%YAML 1.1\n---\nname: t\nsteps:\n  - id: a\n    stub:\n      output: ye\n';

  it('a directive after a byte order mark makes the document not plain', () => {
    assert.equal(walkIsPlain(parseYamlDocument(text), text), false);
    assert.equal(isPlainDocument(parseYamlDocument(text), text), false);
  });

  it('typing `s` after `ye` there falls back to the full parse, which reads true', () => {
    const next = text.replace('output: ye', 'output: yes');
    const r = scalarEdit(parseWorkflow(text, '/tmp/plain.weft.yaml'), next);
    assert.ok('reason' in r, 'the shortcut was taken');
    assert.equal((parseWorkflow(next, '/tmp/plain.weft.yaml').data as { steps: { stub: { output: unknown } }[] }).steps[0].stub.output, true);
  });

  // Each of the document's own records of a directive, where the line-start check cannot see it:
  // after a byte order mark, or after a lone CR (which the parse reads as a line break).
  const HIDDEN: Record<string, string> = {
    '%YAML 1.2 after a byte order mark': '\uFEFF%YAML 1.2\n---\na: 1\n',
    '%TAG after a byte order mark': '\uFEFF%TAG !e! tag:example.com,2000:\n---\na: 1\n',
    '%TAG redefining !! after a byte order mark': '\uFEFF%TAG !! tag:example.com,2000:\n---\na: 1\n',
    '%YAML 1.1 after a lone CR': '# c\r%YAML 1.1\r---\ra: yes\n',
    '%TAG after a lone CR': '# c\r%TAG !e! tag:example.com,2000:\r---\ra: 1\n',
  };
  for (const [name, hidden] of Object.entries(HIDDEN)) {
    it(`not plain: ${name}`, () => {
      const doc = parseYamlDocument(hidden);
      assert.deepEqual([doc.errors, doc.warnings], [[], []], 'a well-formed document, which scalar-edit.ts would ask about');
      assert.equal(walkIsPlain(doc, hidden), false);
      assert.equal(isPlainDocument(parseYamlDocument(hidden), hidden), false);
    });
  }
});

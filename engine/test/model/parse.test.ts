// Text -> model: steps, scopes and paths, inputs and config, aliases, the one-document rule, and
// source offsets of template tokens inside every kind of YAML scalar.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyseText } from '../../src/analysis/analyse.js';
import { parseWorkflow } from '../../src/model/parse.js';
import type { TemplateString, WorkflowModel } from '../../src/model/types.js';

const parse = (text: string) => parseWorkflow(text, '/w/demo.weft.yaml');

/** Source text of the first path segment after `steps.` in the model's templates. */
function stepIdTokens(model: WorkflowModel): string[] {
  const out: string[] = [];
  const all: TemplateString[] = [...model.allSteps.flatMap((s) => s.templates), ...model.outputTemplates];
  for (const ts of all) {
    for (const part of ts.template.parts) {
      if (part.kind !== 'expr' || part.expr.type !== 'path' || part.expr.root.name !== 'steps') continue;
      const seg = part.expr.segments[0];
      out.push(model.text.slice(ts.toSource(seg.range.start), ts.toSource(seg.range.end)));
    }
  }
  return out;
}

describe('parseWorkflow: structure', () => {
  const text = `name: demo-flow
inputs:
  topic: weft
  depth:
    type: number
    default: 2
  token:
    type: string
config:
  maxConcurrency: 3
  continueOnError: true
  timeout: 10m
  retries: 2
steps:
  - id: read
    file: { action: read, path: a.txt }
  - id: both
    needs: read
    parallel:
      branches:
        left:
          - id: l1
            shell: echo "\${steps.read.output}"
        right:
          - id: r1
            stub: true
  - id: quick
    parallel: [ {id: p, stub: true}, {id: q, stub: true} ]
  - id: each
    needs: [read, both]
    foreach:
      items: [1, 2]
      as: n
      steps:
        - id: sq
          shell: echo \${n}
          timeout: 1500ms
          retries: { max: 2, delay: 2s, backoff: fixed }
outputs:
  result: \${steps.each.output}
`;
  const m = parse(text);

  it('reads the name, inputs (shorthand and declared) and config', () => {
    assert.equal(m.name, 'demo-flow');
    assert.deepEqual(m.inputs.map((i) => [i.name, i.type, i.default, i.required]), [
      ['topic', 'string', 'weft', false],
      ['depth', 'number', 2, false],
      ['token', 'string', undefined, true],
    ]);
    assert.deepEqual({ ...m.config, retries: m.config.retries?.max }, { maxConcurrency: 3, continueOnError: true, timeoutMs: 600_000, retries: 2 });
    assert.deepEqual(m.parseDiagnostics, []);
  });

  it('builds scopes, kinds and paths (branches, shorthand lists, foreach bodies)', () => {
    assert.deepEqual(m.allSteps.map((s) => [s.path, s.kind]), [
      ['read', 'file'], ['both', 'parallel'], ['both/left/l1', 'shell'], ['both/right/r1', 'stub'],
      ['quick', 'parallel'], ['quick/p', 'stub'], ['quick/q', 'stub'], ['each', 'foreach'], ['each/sq', 'shell'],
    ]);
    const both = m.root.steps[1];
    assert.deepEqual(both.branches?.map((b) => [b.name, text.slice(b.nameRange.start, b.nameRange.end)]), [['left', 'left'], ['right', 'right']]);
    assert.equal(both.branches![0].scope.parent, m.root);
    const quick = m.root.steps[2];
    assert.deepEqual(quick.branches?.map((b) => b.name), ['p', 'q']);
    const each = m.root.steps[3];
    assert.equal(each.body?.itemName, 'n');
    assert.equal(each.body?.owner, each);
  });

  it('reads needs as a string and as a list, with ranges on the ids', () => {
    assert.deepEqual(m.root.steps[1].needs.map((n) => [n.id, text.slice(n.range.start, n.range.end)]), [['read', 'read']]);
    assert.deepEqual(m.root.steps[3].needs.map((n) => n.id), ['read', 'both']);
  });

  it('reads timeouts and retry policies', () => {
    const sq = m.allSteps.find((s) => s.id === 'sq')!;
    assert.equal(sq.timeoutMs, 1500);
    assert.deepEqual(sq.retries, { max: 2, delayMs: 2000, backoff: 'fixed', maxDelayMs: 30_000 });
  });

  it('gives the id range exactly, and keeps block children out of the block own templates', () => {
    const read = m.root.steps[0];
    assert.equal(text.slice(read.idRange.start, read.idRange.end), 'read');
    assert.deepEqual(m.root.steps[1].templates, []);
    assert.deepEqual(m.root.steps[3].templates, []);
    assert.equal(m.outputTemplates.length, 1);
  });

  it('defaults the name to the file name without its extensions', () => {
    assert.equal(parseWorkflow('steps: []\n', '/x/nightly-report.weft.yaml').name, 'nightly-report');
    assert.equal(parseWorkflow('steps: []\n', 'C:\\x\\build.workflow.yml').name, 'build');
  });
});

describe('parseWorkflow: YAML features and errors', () => {
  it('resolves aliases: a steps list reused in two branches gives both branches their steps', () => {
    const m = parse(`steps:
  - id: p
    parallel:
      branches:
        one: &list
          - id: a
            shell: echo a
          - id: b
            shell: echo "\${steps.a.output}"
        two: *list
`);
    assert.deepEqual(m.allSteps.map((s) => s.path), ['p', 'p/one/a', 'p/one/b', 'p/two/a', 'p/two/b']);
    const [one, two] = m.root.steps[0].branches!;
    assert.notEqual(one.scope, two.scope);
    assert.equal(two.scope.steps[1].raw.shell, 'echo "${steps.a.output}"');
    assert.deepEqual(m.parseDiagnostics, []);
  });

  it('merges << keys', () => {
    const m = parse(`x-defaults: &d
  timeout: 5s
steps:
  - id: a
    <<: *d
    shell: echo a
`);
    assert.equal(m.root.steps[0].timeoutMs, 5000);
  });

  it('collects the templates a << merge contributes, and not those the step overrides', () => {
    const m = parse(`steps:
  - &base
    id: a
    shell: echo "\${steps.c.output}"
  - id: b
    <<: *base
    shell: echo hi
  - id: d
    <<: *base
  - id: c
    stub: true
`);
    const templates = (id: string) => m.allSteps.find((s) => s.id === id)!.templates.map((t) => [t.fieldPath.join('.'), t.value]);
    assert.deepEqual(templates('b'), [], "b's own shell replaces the merged one, as in its data");
    assert.deepEqual(templates('d'), [['shell', 'echo "${steps.c.output}"']]);
  });

  it('finds the kind of a step whose action comes from a << merge, or that has a key which is not a string', () => {
    const m = parse(`x-probe: &probe
  http: { url: "http://127.0.0.1/health" }
steps:
  - id: merged
    <<: *probe
  - id: numbered
    1: one
    shell: echo a
  - id: both
    <<: *probe
    shell: echo b
`);
    assert.deepEqual(m.root.steps.map((s) => s.kind), ['http', 'shell', undefined]);
    const r = m.root.steps[0].kindRange!;
    assert.equal(m.text.slice(r.start, r.end), 'http', 'the kind is found in the merged mapping');
  });

  it('reports a multi-document file once, on the second document marker', () => {
    const text = 'steps:\n  - id: a\n    shell: echo a\n---\nsteps: []\n';
    const m = parse(text);
    assert.equal(m.parseDiagnostics.length, 1);
    const d = m.parseDiagnostics[0];
    assert.equal(d.code, 'yaml-syntax');
    assert.match(d.message, /one YAML document, but this one has 2/);
    assert.equal(text.slice(d.range.start, d.range.end), '---');
    assert.equal(m.allSteps.length, 1, 'the first document is still read');
  });

  it('never throws on text that is not a workflow', () => {
    for (const text of ['', '---', 'just text', '[1, 2', '{a: }: :', 'steps: 5', 'steps: [1, "x", null]', '- a\n- b', '\t\t:', '*x', '&a [*a]']) {
      const m = parse(text);
      assert.ok(Array.isArray(m.allSteps));
    }
  });
});

describe('parseWorkflow: template offsets in every kind of scalar', () => {
  const wrap = (value: string) => `steps:\n  - id: fetch\n    stub: true\n  - id: a\n    llm:\n      prompt: ${value}\n`;
  const cases: [string, string][] = [
    ['plain', 'x ${steps.fecth.output}'],
    ['double-quoted', '"x ${steps.fecth.output}"'],
    ['double-quoted with \\t and \\"', '"tab\\there \\"q\\" ${steps.fecth.output}"'],
    ['double-quoted with \\u escape of a later letter', '"\\u0066 ${steps.fecth.output}"'],
    ['double-quoted with \\x and \\\\', '"\\x41 \\\\ ${steps.fecth.output}"'],
    ['double-quoted with \\U beyond the BMP', '"\\U0001F600 ${steps.fecth.output}"'],
    ['double-quoted with an escaped line break', '"one \\\n        two ${steps.fecth.output}"'],
    ['double-quoted over two lines', '"one\n        two ${steps.fecth.output}"'],
    ['single-quoted with \'\'', "'it''s ${steps.fecth.output}'"],
    ['literal block', '|\n        x ${steps.fecth.output}'],
    ['literal block, second line', '|-\n        first\n          second ${steps.fecth.output}'],
    ['folded block', '>\n        one\n        two ${steps.fecth.output}'],
    ['plain over two lines', 'one\n        two ${steps.fecth.output}'],
  ];
  for (const [what, value] of cases) {
    it(`${what}: the range of 'fecth' is exact`, () => {
      const m = parse(wrap(value));
      assert.deepEqual(m.parseDiagnostics, []);
      assert.deepEqual(stepIdTokens(m), ['fecth']);
    });
  }

  // The value-to-source map once looked at most 256 characters ahead: a scalar indented deeper
  // (or with more than 256 blanks before a line break) put every template token at a line start.
  const deep = ' '.repeat(300);
  const deepCases: [string, string][] = [
    ['literal block indented 300 spaces', `|\n${deep}x \${steps.fecth.output}`],
    ['literal block indented 300 spaces, more-indented second line', `|-\n${deep}first\n${deep}  second \${steps.fecth.output}`],
    ['literal block indented 300 spaces after a blank line', `|\n${deep}first\n\n${deep}\${steps.fecth.output}`],
    ['folded block indented 300 spaces', `>\n${deep}one\n${deep}two \${steps.fecth.output}`],
    ['folded block indented 300 spaces, with a blank line', `>-\n${deep}one\n\n${deep}two \${steps.fecth.output}`],
    ['literal block with an indentation indicator, indented 300 spaces', `|2-\n        ${deep}x \${steps.fecth.output}`],
    ['plain over two lines, the second indented 300 spaces', `one\n${deep}two \${steps.fecth.output}`],
    ['plain with 300 blanks before its line break', `one${deep}\n        two \${steps.fecth.output}`],
    ['double-quoted over two lines, the second indented 300 spaces', `"one\n${deep}two \${steps.fecth.output}"`],
    ['double-quoted with escapes, over two lines indented 300 spaces', `"t\\t \\u0066 \\"q\\"\n${deep}two \${steps.fecth.output}"`],
    ['double-quoted with an escaped line break and 300 spaces', `"one \\\n${deep}two \${steps.fecth.output}"`],
    ['single-quoted over two lines, the second indented 300 spaces', `'it''s\n${deep}two \${steps.fecth.output}'`],
    ['single-quoted with a blank line and 300 spaces', `'one\n\n${deep}it''s \${steps.fecth.output}'`],
  ];
  for (const [what, value] of deepCases) {
    it(`${what}: the range of 'fecth' is exact`, () => {
      const m = parse(wrap(value));
      assert.deepEqual(m.parseDiagnostics, []);
      assert.deepEqual(stepIdTokens(m), ['fecth']);
    });
  }

  it('the unknown-step diagnostic covers exactly the misspelt id in a block scalar indented 300 spaces', () => {
    for (const header of ['|', '>']) {
      const text = wrap(`${header}\n${deep}x \${steps.fecth.output}`);
      const unknown = analyseText(text, '/w/demo.weft.yaml').diagnostics.filter((d) => d.code === 'unknown-step');
      assert.equal(unknown.length, 1, header);
      assert.equal(text.slice(unknown[0].range.start, unknown[0].range.end), 'fecth', header);
      assert.equal(unknown[0].range.start, text.indexOf('fecth'), header);
    }
  });

  it('maps every character of a deeply indented literal block exactly, spaces of more-indented lines too', () => {
    const value = `|\n${deep}a \${steps.fecth.output}\n${deep}   b \${steps.fetch.output}\n\n${deep}\tc\n`;
    const m = parse(wrap(value));
    assert.deepEqual(m.parseDiagnostics, []);
    const ts = m.allSteps[1].templates[0];
    for (let i = 0; i < ts.value.length; i++) {
      assert.equal(m.text[ts.toSource(i)], ts.value[i], `value offset ${i}`);
    }
  });

  it('works with CRLF line ends', () => {
    const m = parse(wrap('|\n        x ${steps.fecth.output}').replace(/\n/g, '\r\n'));
    assert.deepEqual(stepIdTokens(m), ['fecth']);
  });

  it('finds templates in nested fields, lists and top-level outputs, with their field paths', () => {
    const m = parse(`steps:
  - id: h
    http:
      url: "https://x/\${steps.fetch.output}"
      headers: { X-Id: "\${steps.fetch.output.id}" }
      body: [1, "\${steps.fetch.output}"]
outputs:
  o: \${steps.h.output}
`);
    assert.deepEqual(m.allSteps[0].templates.map((t) => t.fieldPath), [['http', 'url'], ['http', 'headers', 'X-Id'], ['http', 'body', 1]]);
    assert.deepEqual(m.outputTemplates.map((t) => t.fieldPath), [['outputs', 'o']]);
    assert.deepEqual(stepIdTokens(m), ['fetch', 'fetch', 'fetch', 'h']);
  });
});

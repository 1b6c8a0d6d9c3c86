// A carriage return with no line feed after it (classic Mac line endings, a stray CR) is a YAML line
// break. yaml 3.0.0-2 loops forever on one before a document's content; Weft must never hang on it,
// and must read the file as the same text with line feeds (same values, same offsets).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.resolve(__dirname, '../../..');

const CASES = {
  'a first comment line': '# my workflow\rsteps:\r  - id: a\r    stub: true\r',
  'a directive': '%YAML 1.2\r---\rsteps:\r  - { id: a, stub: true }\r',
  'only lone CRs': 'name: mac\rsteps:\r  - id: a\r    stub: { output: "x" }\r  - id: b\r    stub: { output: "${steps.a.output}" }\r',
  'a second document after ...': 'steps: []\n...\n\r# two\n',
  'mixed with CRLF': '# c\r\n# d\rsteps:\r\n  - { id: a, stub: true }\r',
  // Diagnostics found by scanning for line ends: the same ranges as with line feeds.
  'a yaml-syntax error': 'steps:\r  - id: a\r    shell: echo status: ok\r  - id: b\r    stub: true\r',
  'a template in a block scalar': 'steps:\r  - id: a\r    shell: |\r      echo one\r      echo ${steps.nope.output}\r',
  'a schema error on a block list': 'steps:\r  - id: a\r    stub:\r      - x\r      - y\r',
  'a key without its colon': 'steps:\r  - id: a\r    shell echo hi\r  - id: b\r    stub: true\r',
  'a line indented deeper than the value above': 'steps:\r  - id: a\r    shell: echo hi\r      then: more\r  - id: b\r    stub: true\r',
  'an unterminated quote': 'steps:\r  - id: a\r    shell: "echo hi\r  - id: b\r    stub: true\r',
};

/** Parses each case in a child process (a hang must fail the test, not stall the suite). */
function parseAll(): Record<string, unknown> {
  const script = `
    const { parseWorkflow } = require('./engine/src/model/parse.ts');
    const { analyse } = require('./engine/src/analysis/analyse.ts');
    const { parseYamlData } = require('./engine/src/model/yaml-parse.ts');
    const cases = ${JSON.stringify(CASES)};
    const out = {};
    for (const [name, text] of Object.entries(cases)) {
      const lf = text.replace(/\\r(?!\\n)/g, '\\n');
      const shape = (t) => {
        const a = analyse(parseWorkflow(t, '/w/x.weft.yaml'));
        return { data: a.model.data, steps: a.model.allSteps.map((s) => [s.path, s.idRange]), codes: a.diagnostics.map((d) => [d.code, d.range, d.message]) };
      };
      out[name] = { cr: shape(text), lf: shape(lf) };
    }
    out.stepOutput = parseYamlData('# out\\ra: 1\\rb: [x, y]\\r');
    process.stdout.write(JSON.stringify(out));
  `;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.signal, null, 'the parse finished (it was killed after 30 s)');
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe('lone carriage returns', () => {
  let out: Record<string, unknown> = {};
  it('every case is parsed, none hangs', () => {
    out = parseAll();
  });

  for (const name of Object.keys(CASES)) {
    it(`${name}: read as with line feeds, at the same offsets`, () => {
      const { cr, lf } = out[name] as { cr: unknown; lf: unknown };
      assert.deepEqual(cr, lf);
    });
  }

  it('the workflows are read (not merely survived)', () => {
    const mac = (out['only lone CRs'] as { cr: { steps: unknown[][]; codes: unknown[] } }).cr;
    assert.deepEqual(mac.steps.map((s) => s[0]), ['a', 'b']);
    assert.deepEqual(mac.codes, []);
  });

  it("a step's parse: yaml output with lone CRs", () => {
    assert.deepEqual(out.stepOutput, { a: 1, b: ['x', 'y'] });
  });
});

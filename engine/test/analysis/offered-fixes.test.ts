// Fixes the docs and fixtures say are offered, asserted as offered: suggestions.test.ts checks that
// every suggestion given works, and the golden files hold messages only, so a fix that stopped being
// given would pass both.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyseText } from '../../src/analysis/analyse.js';

const FIXTURES = path.resolve(__dirname, '../fixtures/diagnostics');

/** Each diagnostic of `code` as [the text it marks, its suggestion]. */
function fixes(text: string, file: string, code: string): [string, unknown][] {
  return analyseText(text, file)
    .diagnostics.filter((d) => d.code === code)
    .map((d) => [text.slice(d.range.start, d.range.end), d.data?.suggestion]);
}

describe('offered fixes', () => {
  it("'needs' naming a step inside a block offers the block (unknown-step/needs-step-in-block)", () => {
    const file = path.join(FIXTURES, 'unknown-step/needs-step-in-block.weft.yaml');
    assert.deepEqual(fixes(fs.readFileSync(file, 'utf8'), file, 'unknown-step'), [
      ['build_linux', 'build'],
      ['build_mac', 'build'],
      // A template reads the block's output instead: no name to write in place.
      ['build_linux', undefined],
    ]);
  });

  it("'workflow: ./file' and 'http: URL' offer the mapping to write (docs/schema.md)", () => {
    const text = 'steps:\n  - id: w\n    workflow: ./other.weft.yaml\n  - id: h\n    http: https://example.com\n';
    assert.deepEqual(fixes(text, '/nowhere/x.weft.yaml', 'schema'), [
      ['./other.weft.yaml', '{ path: ./other.weft.yaml }'],
      ['https://example.com', '{ url: https://example.com }'],
    ]);
  });

  it('no mapping to write where the text would not read back as the one value it is', () => {
    const text = 'steps:\n  - id: w\n    workflow: "./a:"\n  - id: h\n    http: "https://x.org/?q=a:"\n  - id: v\n    workflow: "a\\nb"\n';
    assert.deepEqual(fixes(text, '/nowhere/x.weft.yaml', 'schema').map(([, fix]) => fix), [undefined, undefined, undefined]);
  });

  it('a number in quotes offers the number, where the number is allowed (docs/schema.md)', () => {
    const text = 'config: { maxConcurrency: "4", timeout: \'30\' }\nsteps:\n  - id: a\n    stub: yes\n    retries: { max: "2", delay: "0" }\n    timeout: "0"\n  - id: b\n    parallel: { maxConcurrency: "0", branches: { x: [{ id: c, stub: "on" }] } }\n';
    assert.deepEqual(fixes(text, '/nowhere/x.weft.yaml', 'schema'), [
      ['"4"', '4'],
      ["'30'", '30'],
      ['yes', 'true'],
      ['"2"', '2'],
      ['"0"', '0'],
      ['"0"', undefined],
      ['"0"', undefined],
      ['"on"', 'true'],
    ]);
  });
});

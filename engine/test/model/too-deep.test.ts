// YAML collections nested thousands of levels deep overflow the yaml package's recursive reader. The
// workflow gets one yaml-syntax error that says what is wrong (it was the bare "maximum call stack
// size exceeded"); where it points depends on the stack left, so only its code, message and bounds
// are checked here (the golden fixtures need exact ranges).
import * as assert from 'node:assert/strict';
import { it } from 'node:test';
import { analyse } from '../../src/analysis/analyse.js';
import { parseWorkflow } from '../../src/model/parse.js';

it('collections nested thousands of levels deep: one yaml-syntax error saying so, inside the text', () => {
  for (const value of ['['.repeat(20_000) + ']'.repeat(20_000), '{a: '.repeat(10_000) + '1' + '}'.repeat(10_000)]) {
    const text = `steps:\n  - id: a\n    stub: { output: ${value} }\n`;
    const { diagnostics } = analyse(parseWorkflow(text, '/w/deep.weft.yaml'));
    const deep = diagnostics.filter((d) => d.message === 'the YAML is nested too deeply to be read (thousands of levels of collections)');
    assert.equal(deep.length, 1, JSON.stringify(diagnostics.map((d) => d.message)));
    assert.equal(deep[0].code, 'yaml-syntax');
    assert.ok(deep[0].range.start >= 0 && deep[0].range.end <= text.length);
  }
});

// Steps built with YAML merge keys (`<<: *base`) run what validation sees: the merged action.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { finished, run } from './helpers.js';

describe('steps built with YAML merge keys', () => {
  it('run the merged action, as validation sees it', async () => {
    const r = await run('steps:\n  - &s\n    id: a\n    shell: echo hi\n  - <<: *s\n    id: b\n  - id: c\n    stub: { output: "${steps.b.output}!" }\n');
    assert.equal(r.fin.status, 'succeeded');
    assert.equal(finished(r.events, 'b').output, 'hi');
    assert.equal(finished(r.events, 'c').output, 'hi!');
  });
});

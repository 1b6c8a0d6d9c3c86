// A workflow's `outputs:` whose template fails to evaluate (fromJson of text that is not JSON) fails
// what it is the result of, naming the output, as the same template in a step fails the step: the
// run at the top level, the calling `workflow` step for a called file. (They became null silently.)
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { finished, run, tempDir } from './helpers.js';

test('a run output that fails to evaluate fails the run, naming it; the other outputs are kept', { timeout: 30_000 }, async () => {
  const { fin } = await run(`outputs:
  good: \${steps.s.output}
  parsed: \${fromJson(steps.s.output)}
steps:
  - id: s
    stub: { output: 'not json' }
`);
  assert.equal(fin.status, 'failed');
  assert.match(fin.error!, /^output 'parsed': /);
  assert.deepEqual(fin.outputs, { good: 'not json', parsed: null });
});

test("a called file's output that fails to evaluate fails the workflow step, under the usual failure rules", { timeout: 30_000 }, async () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'child.weft.yaml'), `outputs:
  parsed: \${fromJson(steps.s.output)}
steps:
  - id: s
    stub: { output: 'not json' }
`);
  const yaml = `steps:
  - id: call
    continueOnError: true
    workflow: { path: ./child.weft.yaml }
  - id: after
    needs: call
    stub: { output: "\${steps.call.status}" }
`;
  const { events, fin } = await run(yaml, { dir });
  assert.equal(fin.status, 'succeeded');
  assert.equal(finished(events, 'call/s').status, 'succeeded');
  const call = finished(events, 'call');
  assert.equal(call.status, 'failed');
  assert.match(call.error!, /^output 'parsed': /);
  assert.equal(finished(events, 'after').output, 'failed');
  const strict = await run(yaml.replace('    continueOnError: true\n', ''), { dir });
  assert.equal(strict.fin.status, 'failed');
  assert.match(strict.fin.error!, /^call failed: output 'parsed': /);
  assert.equal(finished(strict.events, 'after').status, 'skipped');
});

test('outputs that evaluate are unchanged; a run that failed keeps its own error', { timeout: 30_000 }, async () => {
  const { fin } = await run(`config:
  continueOnError: false
outputs:
  parsed: \${fromJson(steps.s.output)}
steps:
  - id: s
    stub: { output: '{"a": 1}' }
`);
  assert.equal(fin.status, 'succeeded');
  assert.deepEqual(fin.outputs, { parsed: { a: 1 } });
  const failed = await run(`outputs:
  parsed: \${fromJson(steps.s.output)}
steps:
  - id: s
    shell: 'exit 3'
`);
  assert.equal(failed.fin.status, 'failed');
  assert.match(failed.fin.error!, /^s failed: exit code 3/);
});

test("a run whose output fails to evaluate evaluates each of its outputs once", { timeout: 30_000 }, async () => {
  // An object input is kept as given, so a proxy counts how often the outputs read it after the
  // last step has finished. A run whose outputs all evaluate is the measure.
  const reads = async (bad: boolean) => {
    let n = 0;
    let counting = false;
    const obj = new Proxy({ probe: 'p' }, {
      get(t, k, r) {
        if (counting && k === 'probe') n++;
        return Reflect.get(t, k, r);
      },
      getOwnPropertyDescriptor(t, k) {
        if (counting && k === 'probe') n++;
        return Reflect.getOwnPropertyDescriptor(t, k);
      },
    });
    const { fin } = await run(`inputs:
  obj: { type: object }
outputs:
  good: \${inputs.obj.probe}
  parsed: \${fromJson(steps.s.output)}
steps:
  - id: s
    stub: { output: '${bad ? 'not json' : '{}'}' }
`, { inputs: { obj }, onEvent: (e) => { if (e.type === 'step.finished' && e.path === 's') counting = true; } });
    assert.equal(fin.status, bad ? 'failed' : 'succeeded');
    assert.equal(fin.outputs.good, 'p');
    return n;
  };
  const once = await reads(false);
  assert.ok(once > 0);
  assert.equal(await reads(true), once);
});

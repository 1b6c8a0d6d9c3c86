// Completion of known output fields inside array elements (found in QA: `${steps.a.output.y[0].|}`
// offered nothing for a stub with output {x: 1, y: [{z: 1}]}, and `${steps.per_file.output[0].|}`
// nothing for a foreach whose last step is a stub with a literal mapping). A path with `[n]` after a
// name now reads as that element, and a block's known output has the shape language spec 2.2 gives
// it: a foreach's is an array of its last step's output, a parallel block's an object of its branches'.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { LspClient } from '../helpers/lsp-client.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

const doc = (use: string) => [
  'steps:',
  '  - id: a',
  '    stub: {output: {x: 1, y: [{z: 1, w: two}], m: [[{deep: 1}]]}}',
  '  - id: per_file',
  '    foreach:',
  '      items: [1, 2]',
  '      steps:',
  '        - id: first',
  '          stub: true',
  '        - id: last',
  '          stub: {output: {name: "${item}", size: 3}}',
  '  - id: par',
  '    parallel:',
  '      branches:',
  '        left: [{id: l, stub: {output: {lx: 1}}}]',
  '        right: [{id: r, shell: echo}]',
  '  - id: use',
  `    shell: echo ${use}`,
  '',
].join('\n');
const labels = (use: string) => client.completionLabelsAt('array-output', doc(use));

describe('completion of output fields inside arrays', () => {
  it("a stub's literal output: fields of an array element", async () => {
    assert.deepEqual(await labels('${steps.a.output.y[0].|}'), ['w', 'z']);
    assert.deepEqual(await labels('${steps.a.output.y[0].z|}'), ['w', 'z']);
    assert.deepEqual(await labels('${steps.a.output.m[0][1].|}'), ['deep']);
    assert.deepEqual(await labels('${steps.a.output.|}'), ['m', 'x', 'y']);
    // Right after `]` a field needs its dot first.
    assert.deepEqual(await labels('${steps.a.output.y[0]|}'), []);
  });

  it("a foreach's output: an array of its last step's output; a parallel block's: its branches'", async () => {
    assert.deepEqual(await labels('${steps.per_file.output[0].|}'), ['name', 'size']);
    assert.deepEqual(await labels('${steps.per_file.output[steps.a.output.x].|}'), ['name', 'size']);
    assert.deepEqual(await labels('${steps.par.output.left.|}'), ['lx']);
    assert.deepEqual(await labels('${steps.par.output.right.|}'), []);
  });
});

// A step's outputs file is named after its path (`a%2Fb%2F0%2Fc.json`): a step a few blocks deep with
// long ids passed the 255 bytes a file name may have, so its output was never written (ENAMETOOLONG):
// the record was `incomplete`, the editor had no output to show and a resume reused nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readStepOutput } from '../../src/run/index.js';
import { finished, run } from './helpers.js';

const L = 'fetch_customer_records_from_the_primary_database_replica_in_region';
const WORKFLOW = `steps:
  - id: ${L}_a
    parallel:
      branches:
        ${L}_b:
          - id: ${L}_c
            foreach:
              items: [1, 2]
              steps:
                - id: ${L}_d
                  shell: echo "hi \${item}"
`;

test('a step whose path is too long for a file name keeps its output, and a resume reuses it', { timeout: 60_000 }, async () => {
  const first = await run(WORKFLOW);
  assert.equal(first.fin.status, 'succeeded');
  assert.equal(first.handle.recordProblem, undefined);
  const paths = [0, 1].map((i) => `${L}_a/${L}_b/${L}_c/${i}/${L}_d`);
  assert.ok(Buffer.byteLength(encodeURIComponent(paths[0])) > 255);
  for (const [i, p] of paths.entries()) {
    const out = await readStepOutput(first.runsDir, first.fin.runId, p);
    assert.equal(out?.output, `hi ${i + 1}`);
    assert.equal(out?.path, p);
  }
  // Two files, each under the limit on a name.
  const names = fs.readdirSync(path.join(first.runsDir, first.fin.runId, 'outputs'));
  assert.equal(names.length, 2);
  for (const n of names) assert.ok(Buffer.byteLength(n) <= 255, n);
  const second = await run(WORKFLOW, { dir: first.dir, resume: 'last' });
  for (const p of paths) assert.equal(finished(second.events, p).reused, true, p);
});

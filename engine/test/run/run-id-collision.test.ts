// Two runs that start in the same second and draw the same 4 hex digits get the same run id (a few
// runs a second in CI make it likely over time: 1 in 65,536 per pair). The record was opened for
// appending, so the second run wrote its events and outputs into the first one's record, which
// then read back as one run with two run.started events. Now a record is only ever created, and a
// run that finds its id taken draws another. Forced here: randomBytes is made to draw the digits
// of records already in the runs folder for this second and the next two.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { mock, test } from 'node:test';
import { newRunId } from '../../src/run/records.js';
import { run, tempDir } from './helpers.js';

// The builtin's CommonJS object, whose method records.ts calls (ESM imports see it once synced).
const crypto = createRequire(__filename)('node:crypto') as typeof import('node:crypto');

test('a run whose id is taken by another record draws a new one; the other record is untouched', async () => {
  const dir = tempDir('weft-run-id-');
  const runsDir = path.join(dir, 'runs');
  fs.mkdirSync(runsDir);
  const now = Date.now();
  const taken = [0, 1000, 2000].map((ms) => newRunId(new Date(now + ms)).replace(/-[0-9a-f]{4}$/, '-abcd'));
  const other = '{"type":"run.started","runId":"x"}\n';
  for (const id of taken) fs.writeFileSync(path.join(runsDir, `${id}.jsonl`), other);
  const real = crypto.randomBytes;
  let draws = 0;
  const m = mock.method(crypto, 'randomBytes', (n: number) => (draws++ === 0 ? Buffer.from('abcd', 'hex') : real(n)));
  syncBuiltinESMExports();
  try {
    const { fin } = await run('steps:\n  - { id: a, stub: true }\n', { dir, runsDir });
    for (const id of taken) assert.equal(fs.readFileSync(path.join(runsDir, `${id}.jsonl`), 'utf8'), other);
    assert.ok(draws >= 2, 'the taken id was drawn first');
    assert.ok(!taken.includes(fin.runId), fin.runId);
    const lines = fs.readFileSync(path.join(runsDir, `${fin.runId}.jsonl`), 'utf8').trim().split('\n');
    assert.equal(JSON.parse(lines[0]).type, 'run.started');
    assert.equal(JSON.parse(lines.at(-1)!).type, 'run.finished');
  } finally {
    m.mock.restore();
    syncBuiltinESMExports();
  }
});

// A cancelled step's processes get SIGTERM once. The step's process group is signalled, and the
// processes carrying its WEFT_TRACKING_ID (to reach those that left the group) were signalled again,
// although most of them are that same group: a `trap ... TERM` cleanup ran twice (found by the
// newcomer walkthrough: "TERM at ..." printed twice, 10 ms apart).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { cancelWhen, run, tempDir } from './helpers.js';

describe('cancelling a step', { skip: process.platform !== 'linux' && 'reads /proc' }, () => {
  it('sends SIGTERM once to a process of its group, which then has time to clean up', async () => {
    const dir = tempDir();
    const log = path.join(dir, 'terms');
    // Counts every SIGTERM it gets for 1.5 s (less than the 2 s grace before SIGKILL), then exits.
    const script = `const fs = require('fs'); process.on('SIGTERM', () => { fs.appendFileSync(${JSON.stringify(log)}, 'TERM\\n'); setTimeout(() => process.exit(0), 1500); }); console.log('ready'); setInterval(() => {}, 1000);`;
    fs.writeFileSync(path.join(dir, 'child.js'), script);
    const { fin } = await run(`steps:\n  - id: a\n    shell: exec node ${JSON.stringify(path.join(dir, 'child.js'))}\n`, {
      dir,
      ...cancelWhen((evs) => evs.some((e) => e.type === 'step.log' && e.text.includes('ready'))),
    });
    assert.equal(fin.status, 'cancelled');
    assert.equal(fs.readFileSync(log, 'utf8'), 'TERM\n');
  });
});

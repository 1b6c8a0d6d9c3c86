// A program that embeds the engine and exits while steps run (an editor's extension host shutting
// down, a script calling process.exit) leaves no step process behind.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { alive, readPids, tempDir } from './helpers.js';

const ROOT = path.resolve(__dirname, '../../..');

describe('the host process exits mid-run', () => {
  it('kills every running step process group on exit', async () => {
    const dir = tempDir();
    const pids = path.join(dir, 'pids');
    const file = path.join(dir, 'long.weft.yaml');
    // Each step records its shell's pid and a grandchild's, then sleeps far longer than the test.
    fs.writeFileSync(file, `steps:\n${['a', 'b'].map((id) => `  - id: ${id}\n    shell: 'sleep 60 & echo "$$ $!" >> ${pids}; wait'\n`).join('')}`);
    const host = path.join(dir, 'host.ts');
    fs.writeFileSync(host, `
      import { startRun } from ${JSON.stringify(path.join(ROOT, 'engine/src/run/index.ts'))};
      import * as fs from 'node:fs';
      (async () => {
        let started = 0;
        await startRun({ file: ${JSON.stringify(file)}, runsDir: ${JSON.stringify(path.join(dir, 'runs'))}, onEvent: (e) => {
          if (e.type === 'step.started' && ++started === 2) {
            const wait = () => (fs.existsSync(${JSON.stringify(pids)}) && fs.readFileSync(${JSON.stringify(pids)}, 'utf8').trim().split('\\n').length >= 2 ? process.exit(0) : setTimeout(wait, 20));
            wait();
          }
        } });
      })();
    `);
    const r = spawnSync(process.execPath, ['--import', 'tsx', host], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 0, r.stderr);
    const recorded = readPids(pids);
    assert.equal(recorded.length, 4, 'two shells and two sleeps recorded');
    // SIGKILL is delivered at once; give the kernel a moment to reap.
    for (let i = 0; i < 50 && recorded.some(alive); i++) await new Promise((res) => setTimeout(res, 20));
    assert.deepEqual(recorded.filter(alive), [], 'no step process survived the host');
  });
});

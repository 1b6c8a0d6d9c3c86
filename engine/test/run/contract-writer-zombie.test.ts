// A record's writer that has exited but not yet been reaped by its parent (a zombie: `weft run`
// killed by the out-of-memory killer under a CI harness that has not waited for it yet) can write
// nothing more. writerState read it as 'alive', since kill(pid, 0) succeeds on a zombie, so the run
// stayed `running` and `--resume last` passed it over as still going. Guards record-writer.ts.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { test } from 'node:test';
import { writerState } from '../../src/run/record-writer.js';
import { sleep } from './helpers.js';

const state = (pid: number) => /^\d+ \(.*\) (\S)/s.exec(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1];

test('a writer that has exited but is not reaped yet (a zombie) is gone', { skip: process.platform !== 'linux', timeout: 30_000 }, async () => {
  const ts = Date.now() - 1000;
  // `sleep 0` exits at once; its parent, the shell exec'd into `sleep 30`, never waits for it.
  const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const pid = Number(await new Promise<string>((resolve) => parent.stdout!.once('data', (d) => resolve(String(d).trim()))));
    while (state(pid) !== 'Z') await sleep(20);
    assert.equal(writerState({ runId: 'zombie', ts, host: os.hostname(), pid }), 'gone');
  } finally {
    parent.kill('SIGKILL');
  }
});

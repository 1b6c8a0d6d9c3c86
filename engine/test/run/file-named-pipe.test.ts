// `file` steps on a named pipe (mkfifo). Opening one for reading blocks until a writer comes, and the
// fs calls that did it blocked in a pool thread no abort reaches: a read of a pipe nobody wrote
// ignored its timeout and a cancel, and the run never ended (`weft run` hung after Ctrl-C). Now
// the pipe is read and written through a socket (actions/named-pipe.ts). Reads and writes that
// have a partner get the data; the order of the two sides does not matter. Nothing here is timed:
// a hang fails the test by its own timeout.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { finished, run, tempDir } from './helpers.js';

function withPipes(): string {
  const dir = tempDir('weft-fifo-');
  execFileSync('mkfifo', [path.join(dir, 'pipe'), path.join(dir, 'pipe2')]);
  return dir;
}

describe('file steps on a named pipe', { skip: process.platform === 'win32' && 'no mkfifo' }, () => {
  test('a read or write with no partner ends at its timeout, and a cancel ends the run', { timeout: 30_000 }, async () => {
    const dir = withPipes();
    const timedOut = await run(`config: { continueOnError: true }
steps:
  - id: read
    timeout: 300ms
    file: { action: read, path: pipe }
  - id: write
    timeout: 300ms
    file: { action: write, path: pipe2, content: lost }
`, { dir });
    assert.equal(finished(timedOut.events, 'read').error, 'timed out after 300ms');
    assert.equal(finished(timedOut.events, 'write').error, 'timed out after 300ms');
    assert.equal(timedOut.fin.status, 'succeeded');
    let cancel = () => {};
    const cancelled = await run(`steps:\n  - id: read\n    file: { action: read, path: pipe }\n`, {
      dir,
      // The handle comes after the first events: cancel once both are there.
      onEvent: (e) => {
        if (e.type === 'step.started') setImmediate(() => cancel());
      },
      onHandle: (h) => (cancel = () => h.cancel()),
    });
    assert.equal(cancelled.fin.status, 'cancelled');
    assert.equal(finished(cancelled.events, 'read').status, 'cancelled');
  });

  test('a read gets what a writer wrote until it closed; a write reaches the reader', { timeout: 30_000 }, async () => {
    const dir = withPipes();
    const { events, fin } = await run(`steps:
  - id: writer
    shell: 'printf "one\\ntwo" > pipe'
  - id: read
    file: { action: read, path: pipe }
  - id: reader
    needs: [writer, read]
    shell: 'cat pipe > got'
  - id: write
    needs: [writer, read]
    file: { action: write, path: pipe, content: "\${steps.read.output}!" }
`, { dir });
    assert.equal(fin.status, 'succeeded', JSON.stringify(fin));
    assert.equal(finished(events, 'read').output, 'one\ntwo');
    assert.equal(fs.readFileSync(path.join(dir, 'got'), 'utf8'), 'one\ntwo!');
  });
});

// `weft run` in a terminal that goes away (its window closed, an SSH connection dropped) gets SIGHUP,
// and its writes to the terminal fail with EIO. It cancels the run as on Ctrl-C or SIGTERM: the
// step processes are ended and the record ends with a cancelled run. Before, SIGHUP ended the
// process at once: the record was left without its end (read as interrupted) and the step processes
// to the watchdog. The terminal is a real one: `script` gives the run a pseudo-terminal, and killing
// `script` closes it, so the system itself sends the SIGHUP.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { RunEvent } from '../../src/run/events.js';
import { alive, readPids, sleep, tempDir } from '../run/helpers.js';
import { NEEDS_SCRIPT, weftCommandLine } from './terminal.js';

function readRecord(runs: string): RunEvent[] {
  const names = fs.existsSync(runs) ? fs.readdirSync(runs).filter((n) => n.endsWith('.jsonl')) : [];
  if (names.length !== 1) return [];
  const lines = fs.readFileSync(path.join(runs, names[0]), 'utf8').split('\n');
  lines.pop(); // the last line is whole only when it ends with a newline
  return lines.map((l) => JSON.parse(l) as RunEvent);
}

test('a terminal that hangs up (SIGHUP, EIO) cancels the run: its processes end and its record ends', { timeout: 60_000, skip: NEEDS_SCRIPT }, async () => {
  const dir = tempDir('weft-hangup-');
  const file = path.join(dir, 'wf.weft.yaml');
  const runs = path.join(dir, 'runs');
  fs.writeFileSync(file, 'steps:\n  - id: a\n    shell: |\n      sleep 30 &\n      echo $$ $! > pids\n      wait\n  - id: b\n    needs: a\n    stub: true\n');
  const term = spawn('script', ['-qfec', `exec ${weftCommandLine(['run', file, '--runs-dir', runs])}`, '/dev/null'], { cwd: dir, env: { ...process.env, TERM: 'xterm', NO_COLOR: '1' }, stdio: ['pipe', 'ignore', 'ignore'] });
  let host: number | undefined;
  let steps: number[] = [];
  try {
    for (let i = 0; i < 1000 && steps.length < 2; i++) {
      await sleep(20);
      steps = readPids(path.join(dir, 'pids'));
    }
    assert.equal(steps.length, 2, 'the step runs');
    // The record is written a turn after the events (record-writer.ts).
    let events = readRecord(runs);
    for (let i = 0; i < 1000 && !events.some((e) => e.type === 'step.started'); i++) {
      await sleep(20);
      events = readRecord(runs);
    }
    const started = events.find((e) => e.type === 'run.started');
    host = started?.type === 'run.started' ? started.pid : undefined;
    assert.ok(host, `the record names the process that writes it: ${JSON.stringify(events)}`);
    term.kill('SIGKILL'); // the terminal goes away: the system hangs up its session
    for (let i = 0; i < 1000 && alive(host); i++) await sleep(20);
    assert.ok(!alive(host), 'weft run ends');
    events = readRecord(runs);
    const fin = events.at(-1);
    assert.equal(fin?.type, 'run.finished', `the record ends: ${JSON.stringify(events.slice(-3))}`);
    assert.equal(fin.type === 'run.finished' && fin.status, 'cancelled');
    // Cancelled by weft, which waited for the steps, not ended by its exit hook as it died.
    assert.equal(fin.type === 'run.finished' && fin.error, 'cancelled');
    const a = events.find((e) => e.type === 'step.finished' && e.path === 'a');
    assert.equal(a?.type === 'step.finished' && a.status, 'cancelled');
    const b = events.find((e) => e.type === 'step.finished' && e.path === 'b');
    assert.equal(b?.type === 'step.finished' && b.status, 'skipped');
    assert.deepEqual(steps.filter(alive), [], 'the step and the process it started have ended');
  } finally {
    term.kill('SIGKILL');
    if (host && alive(host)) process.kill(host, 'SIGKILL');
    for (const pid of steps.filter(alive)) process.kill(pid, 'SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// Backs docs/engine.md (Records): "a killed run has the output of every step its record says
// finished". The real `weft run` runs a foreach of shell steps and is killed with SIGKILL while
// steps are finishing; every leaf the record shows finished after running has its outputs file, with
// the same status and the whole output.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { readRunRecord, readStepOutput, type RunEvent } from '../../src/run/index.js';
import { sleep, tempDir, WEFT_SOURCE_ARGS } from './helpers.js';
import { expectCleanedUp } from './watchdogs.js';

const ITEMS = 120;
/** Kill once the record shows this many steps finished. */
const KILL_AT = 15;

/** The finished steps a record file holds so far (its last line may be half written). */
function finishedSoFar(runsDir: string): { runId?: string; finished: number; ended: boolean } {
  const name = fs.existsSync(runsDir) ? fs.readdirSync(runsDir).find((f) => f.endsWith('.jsonl')) : undefined;
  if (!name) return { finished: 0, ended: false };
  const text = fs.readFileSync(path.join(runsDir, name), 'utf8');
  return {
    runId: name.slice(0, -'.jsonl'.length),
    finished: text.split('"type":"step.finished"').length - 1,
    ended: text.includes('"type":"run.finished"'),
  };
}

test('SIGKILL mid-run: every step the record says finished has its output file', { skip: process.platform === 'win32' }, async () => {
  const dir = tempDir();
  const file = path.join(dir, 'wf.weft.yaml');
  const items = Array.from({ length: ITEMS }, (_, i) => i).join(', ');
  fs.writeFileSync(
    file,
    `steps:
  - id: each
    foreach:
      items: [${items}]
      maxConcurrency: 6
      steps:
        - id: work
          shell: 'sleep 0.05; echo "out-\${item}"; echo "line two of \${item}"'
`,
  );
  const runsDir = path.join(dir, 'runs');
  const child = spawn(process.execPath, [...WEFT_SOURCE_ARGS, 'run', file, '--runs-dir', runsDir], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<NodeJS.Signals | null>((r) => child.once('exit', (_code, signal) => r(signal)));
  let seen = finishedSoFar(runsDir);
  try {
    // Bounded: 30 s for the CLI to start (tsx compiles it) and finish KILL_AT steps.
    for (let i = 0; i < 1500 && seen.finished < KILL_AT && !seen.ended && child.exitCode === null; i++) {
      await sleep(20);
      seen = finishedSoFar(runsDir);
    }
    assert.equal(child.exitCode, null, `weft run exited before it could be killed: ${stderr}`);
    assert.ok(!seen.ended, 'the run ended before it could be killed (make it longer)');
    assert.ok(seen.finished >= KILL_AT, `after 30 s the record shows only ${seen.finished} steps finished: ${stderr}`);
    child.kill('SIGKILL');
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  let timer: NodeJS.Timeout | undefined;
  const signal = await Promise.race([exited, new Promise<string>((r) => (timer = setTimeout(() => r('still running 10 s after SIGKILL'), 10_000)))]);
  clearTimeout(timer);
  assert.equal(signal, 'SIGKILL', 'weft run was killed');
  // The watchdog ends what the killed host left running before the test goes on.
  await expectCleanedUp(child.pid!, [], 'no step process outlives the killed host');

  const events: RunEvent[] = await readRunRecord(runsDir, seen.runId!);
  assert.ok(!events.some((e) => e.type === 'run.finished'), 'the record was cut off mid-run');
  const done = events.flatMap((e) => (e.type === 'step.finished' && e.kind !== 'foreach' ? [e] : []));
  assert.ok(done.length >= KILL_AT && done.length < ITEMS, `killed mid-run: ${done.length} of ${ITEMS} finished`);
  for (const ev of done) {
    assert.ok(ev.attempts > 0, `${ev.path} ran`);
    const out = await readStepOutput(runsDir, seen.runId!, ev.path);
    assert.ok(out, `${ev.path} is finished in the record but has no outputs file`);
    const i = Number(ev.path.split('/')[1]);
    assert.equal(out.status, ev.status, ev.path);
    assert.equal(out.status, 'succeeded', ev.path);
    assert.equal(out.output, `out-${i}\nline two of ${i}`, ev.path);
    assert.equal(ev.output, out.output, `${ev.path}: the preview is the output`);
  }
});

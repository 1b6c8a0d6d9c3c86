// `weft run --input name=value`: text is converted to the declared type strictly, as a `workflow`
// step's inputs are checked (engine/src/run/workflow-frame.ts): a boolean is `true` or `false`, a
// number is written as JSON writes one (`16`, `-2`, `0.5`, `1e3`). `flag=yes`, `flag=1` and `n=0x10`
// used to be taken (as true, true and 16); now they are refused with the input, the type and the
// text, exit code 2 (wrong usage) and nothing run.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { InputDecl } from '../../src/model/types.js';
import { coerceInputs } from '../../src/run/workflow-frame.js';
import { tempDir, WEFT_SOURCE_ARGS } from '../run/helpers.js';

const WORKFLOW = `inputs:
  flag: { type: boolean }
  n: { type: number }
steps:
  - id: show
    stub: { output: "\${inputs.flag} \${inputs.n}" }
`;

function weftRun(dir: string, ...inputs: string[]) {
  const args = [...WEFT_SOURCE_ARGS, 'run', 'wf.weft.yaml', '--json', '--runs-dir', 'runs', ...inputs.flatMap((i) => ['--input', i])];
  // SIGKILL on timeout: a hang fails the test with the timeout's status instead of holding it.
  const r = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL' });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

const decl = (type: InputDecl['type']): InputDecl => ({ name: 'v', nameRange: { start: 0, end: 0 }, type, required: true });

function convert(type: InputDecl['type'], text: string): unknown {
  try {
    return coerceInputs([decl(type)], { v: text }).v;
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

test('text for a boolean input: only true and false', () => {
  assert.equal(convert('boolean', 'true'), true);
  assert.equal(convert('boolean', 'false'), false);
  for (const text of ['yes', 'no', '1', '0', 'on', 'TRUE', 'False', ' true', '']) {
    assert.equal(convert('boolean', text), `error: input 'v' must be a boolean (true or false), got '${text}'`, text);
  }
});

test('text for a number input: JSON number syntax', () => {
  const ok: [string, number][] = [['16', 16], ['-2', -2], ['0', 0], ['0.5', 0.5], ['1e3', 1000], ['-1.5E-2', -0.015], ['2e+2', 200]];
  for (const [text, n] of ok) assert.equal(convert('number', text), n, text);
  for (const text of ['0x10', '.5', '5.', '+1', '012', '1e', 'Infinity', '-Infinity', 'NaN', '1e999', ' 5', '5 ', '', '1_000', '0b1', '0o7']) {
    assert.equal(convert('number', text), `error: input 'v' must be a number (as JSON writes one: 16, -2, 0.5, 1e3), got '${text}'`, text);
  }
});

test('weft run --input: well-formed values reach the run with their types', () => {
  const dir = tempDir('weft-inputs-');
  fs.writeFileSync(path.join(dir, 'wf.weft.yaml'), WORKFLOW);
  const r = weftRun(dir, 'flag=false', 'n=1e3');
  assert.equal(r.code, 0, `${r.signal ?? ''} ${r.stderr}`);
  const started = JSON.parse(r.stdout.split('\n')[0]);
  assert.deepEqual(started.inputs, { flag: false, n: 1000 });
  const neg = weftRun(dir, 'flag=true', 'n=-2');
  assert.equal(neg.code, 0, neg.stderr);
  assert.deepEqual(JSON.parse(neg.stdout.split('\n')[0]).inputs, { flag: true, n: -2 });
});

// Backs docs/engine.md ("`-i` is short for `--input`").
test('weft run -i is short for --input', () => {
  const dir = tempDir('weft-inputs-');
  fs.writeFileSync(path.join(dir, 'wf.weft.yaml'), WORKFLOW);
  const r = spawnSync(process.execPath, [...WEFT_SOURCE_ARGS, 'run', 'wf.weft.yaml', '--json', '--runs-dir', 'runs', '-i', 'flag=true', '-i', 'n=3'], { cwd: dir, encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL' });
  assert.equal(r.status, 0, `${r.signal ?? ''} ${r.stderr}`);
  assert.deepEqual(JSON.parse(r.stdout.split('\n')[0]).inputs, { flag: true, n: 3 });
});

test('weft run --input: yes, 1, 0x10 and .5 are refused with exit code 2, nothing run', () => {
  const dir = tempDir('weft-inputs-');
  fs.writeFileSync(path.join(dir, 'wf.weft.yaml'), WORKFLOW);
  const cases: [string[], string][] = [
    [['flag=yes', 'n=1'], "input 'flag' must be a boolean (true or false), got 'yes'"],
    [['flag=1', 'n=1'], "input 'flag' must be a boolean (true or false), got '1'"],
    [['flag=true', 'n=0x10'], "input 'n' must be a number (as JSON writes one: 16, -2, 0.5, 1e3), got '0x10'"],
    [['flag=true', 'n=.5'], "input 'n' must be a number (as JSON writes one: 16, -2, 0.5, 1e3), got '.5'"],
  ];
  for (const [inputs, message] of cases) {
    const r = weftRun(dir, ...inputs);
    assert.equal(r.code, 2, `${inputs}: ${r.signal ?? ''} ${r.stderr}`);
    assert.equal(r.stderr, `weft run: ${message}\n`, String(inputs));
    assert.equal(r.stdout, '', String(inputs));
  }
  const records = fs.existsSync(path.join(dir, 'runs')) ? fs.readdirSync(path.join(dir, 'runs')) : [];
  assert.deepEqual(records, [], 'no run was recorded');
});

test('weft run --input: an input given twice is refused with exit code 2, nothing run (the last one was taken silently)', () => {
  const dir = tempDir('weft-inputs-');
  fs.writeFileSync(path.join(dir, 'wf.weft.yaml'), WORKFLOW);
  const r = weftRun(dir, 'flag=true', 'n=1', 'n=2');
  assert.equal(r.code, 2, `${r.signal ?? ''} ${r.stderr}`);
  assert.equal(r.stderr, "weft run: --input 'n' is given twice ('1', then '2'); give each input once\n");
  assert.equal(r.stdout, '');
  assert.ok(!fs.existsSync(path.join(dir, 'runs')), 'no run was recorded');
});

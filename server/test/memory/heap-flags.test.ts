// The server tunes V8's heap sizing on itself (server/src/memory.ts): the default flags are the ones
// applied, `WEFT_LSP_V8_FLAGS` replaces them, and nothing but `--name` / `--name=number` gets through.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { DEFAULT_HEAP_FLAGS, heapFlags, tuneMemory } from '../../src/memory.js';

test('the default flags are all applied', () => {
  assert.deepEqual(heapFlags(DEFAULT_HEAP_FLAGS), ['--heap-growing-percent=20', '--semi-space-growth-factor=1']);
  // What tuneMemory sets, with no WEFT_LSP_V8_FLAGS (as the server starts by default).
  const saved = process.env.WEFT_LSP_V8_FLAGS;
  delete process.env.WEFT_LSP_V8_FLAGS;
  try {
    assert.deepEqual(tuneMemory(), ['--heap-growing-percent=20', '--semi-space-growth-factor=1']);
  } finally {
    if (saved !== undefined) process.env.WEFT_LSP_V8_FLAGS = saved;
  }
});

test('only --name and --name=number pass; an empty list applies nothing', () => {
  assert.deepEqual(heapFlags(''), []);
  assert.deepEqual(heapFlags('  --optimize-for-size   --heap-growing-percent=35 '), ['--optimize-for-size', '--heap-growing-percent=35']);
  assert.deepEqual(heapFlags('--allow-natives-syntax=x ;rm -rf / --max-old-space-size=$(id) --expose_gc'), []);
  assert.deepEqual(tuneMemory(''), []);
  assert.deepEqual(tuneMemory('--allow-natives-syntax=x ;rm -rf / --max-old-space-size=$(id) --expose_gc'), []);
});

test('flags set after startup leave a process that allocates and exits cleanly (every LSP test runs the server with them)', () => {
  // A V8 flag set after startup must not crash the process: run the bundle's memory tuning for real.
  const script = `require(${JSON.stringify(path.resolve(__dirname, '../../src/memory.ts'))}).tuneMemory(); const a = []; for (let i = 0; i < 2e5; i++) a.push({ i }); console.log(a.length)`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), '200000');
});

// Why a workflow file cannot be read is said alike by `weft validate x`, `weft run x` and a call of x
// (its `workflow-not-found` diagnostic): a symlink loop, a path through a file and a folder without
// permission each get their own reason, where the command line used to say "no such file" for any
// failed stat (and "permission denied, access '/abs/path'" for a file it could not read).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { tempDir, WEFT_SOURCE_ARGS } from '../run/helpers.js';

const STEPS = 'steps:\n  - { id: a, stub: true }\n';

/**
 * Root reads any folder; without the two capabilities that let it, it meets permissions as anyone
 * does. Undefined when root cannot drop them (no setpriv): the permission cases are skipped then.
 */
function asOrdinaryUser(): string[] | undefined {
  if (process.getuid?.() !== 0) return [];
  const caps = '-dac_override,-dac_read_search';
  const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => fs.existsSync(p));
  return setpriv ? [setpriv, `--inh-caps=${caps}`, `--bounding-set=${caps}`] : undefined;
}

const PREFIX = asOrdinaryUser();
const NO_PERMISSIONS = PREFIX === undefined ? 'running as root without setpriv to drop the capability to read any folder' : false;

function weft(dir: string, ...args: string[]) {
  const [cmd, ...pre] = [...(PREFIX ?? []), process.execPath];
  // SIGKILL on timeout: a hang fails the test with the timeout's status instead of holding it.
  const r = spawnSync(cmd, [...pre, ...WEFT_SOURCE_ARGS, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `weft validate` and `weft run` of `target` say `cannot read '<target>': <phrase>`; a call of it says the phrase too. */
function assertSaid(dir: string, target: string, phrase: string, diagnostic: string): void {
  for (const command of ['validate', 'run']) {
    const r = weft(dir, command, target, ...(command === 'run' ? ['--runs-dir', 'runs'] : []));
    assert.equal(r.stderr, `weft ${command}: cannot read '${target}': ${phrase}\n`, `weft ${command}`);
    assert.equal(r.code, 2, `weft ${command}: wrong usage`);
  }
  fs.writeFileSync(path.join(dir, 'caller.weft.yaml'), `steps:\n  - id: child\n    workflow: ${JSON.stringify(target)}\n`);
  const call = weft(dir, 'validate', 'caller.weft.yaml');
  assert.equal(call.code, 1, call.stderr);
  const line = call.stdout.split('\n').find((l) => l.includes('workflow-not-found'));
  assert.ok(line?.includes(`workflow file '${target}' ${diagnostic}`), call.stdout);
}

test('a symbolic link that points at itself: its links go round in a loop', () => {
  const dir = tempDir('weft-unreadable-');
  fs.symlinkSync('loop.weft.yaml', path.join(dir, 'loop.weft.yaml'));
  const phrase = 'its symbolic links go round in a loop';
  assertSaid(dir, 'loop.weft.yaml', phrase, `cannot be read: ${phrase}`);
});

test('a path through a file (ENOTDIR): no such file, because a part of it is a file', () => {
  const dir = tempDir('weft-unreadable-');
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a folder\n');
  const note = 'a part of its path is a file, not a folder';
  assertSaid(dir, 'notes.txt/w.weft.yaml', `no such file (${note})`, `not found (${note})`);
});

test('a file in a folder that cannot be searched: permission denied', { skip: NO_PERMISSIONS }, (t) => {
  const dir = tempDir('weft-unreadable-');
  fs.mkdirSync(path.join(dir, 'locked'));
  fs.writeFileSync(path.join(dir, 'locked/w.weft.yaml'), STEPS);
  fs.chmodSync(path.join(dir, 'locked'), 0o600);
  t.after(() => fs.chmodSync(path.join(dir, 'locked'), 0o700));
  assertSaid(dir, 'locked/w.weft.yaml', 'permission denied', 'cannot be read: permission denied');
});

test('a file that cannot be read: permission denied, without the path again', { skip: NO_PERMISSIONS }, () => {
  const dir = tempDir('weft-unreadable-');
  fs.writeFileSync(path.join(dir, 'w.weft.yaml'), STEPS, { mode: 0o200 });
  assertSaid(dir, 'w.weft.yaml', 'permission denied', 'cannot be read: permission denied');
});

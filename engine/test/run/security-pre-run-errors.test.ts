// Errors that refuse a run before it starts (a bad --input, a top-level env template that fails)
// reach stderr, the editor's notification and its log; they were made before the run's redactor, so
// a secret given as a wrongly typed input was echoed as it is ("got 'sk-...'"), and a failing env
// template was not a refusal at all but a crash with a stack trace (found by the secure-by-default
// audit). Both are InputErrors now, with secrets masked.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { InputError, startRun } from '../../src/run/index.js';
import { tempDir } from './helpers.js';

const SECRET = 'sk-pre-run-secret-7f3a9';

async function refusal(yaml: string, opts: { inputs?: Record<string, unknown>; env?: Record<string, string>; secrets?: Record<string, string> }): Promise<Error> {
  const dir = tempDir();
  const file = path.join(dir, 'wf.weft.yaml');
  fs.writeFileSync(file, yaml);
  let caught: Error | undefined;
  try {
    await startRun({ file, runsDir: path.join(dir, 'runs'), ...opts });
  } catch (e) {
    caught = e as Error;
  }
  assert.ok(caught, 'the run was refused');
  return caught;
}

describe('errors before a run starts', () => {
  it('a secret given as an input of the wrong type is masked in the message', async () => {
    for (const opts of [{ env: { API_KEY: SECRET } }, { secrets: { deploy: SECRET } }]) {
      const e = await refusal('inputs:\n  n: {type: number}\nsteps:\n  - id: a\n    shell: echo ${inputs.n}\n', { ...opts, inputs: { n: SECRET } });
      assert.ok(e instanceof InputError, String(e));
      assert.doesNotMatch(e.message, new RegExp(SECRET));
      assert.match(e.message, /input 'n' must be a number .*got '\*\*\*'/);
    }
  });

  it('a top-level env template that fails is a refusal naming the variable, with secrets masked', async () => {
    const e = await refusal('env:\n  X: "${fromJson(env.API_KEY)}"\nsteps:\n  - id: a\n    shell: echo hi\n', { env: { API_KEY: SECRET } });
    assert.ok(e instanceof InputError, String(e));
    assert.match(e.message, /^env 'X': fromJson: the text is not valid JSON/);
    assert.doesNotMatch(e.message, new RegExp(SECRET));
  });
});

// Outputs are stored with secrets masked (`***`). A resume reused such an output as if it were the
// step's: `login` printed `Bearer <API_TOKEN>`, `use` failed, and on resume `use` ran with
// `Bearer ***` (a wrong value, with the effects of a step). A step whose stored record was masked
// runs again on resume, so the steps after it see the real value, as in the first run. (`use` needs
// `plain`: else its failure could stop `plain` before it succeeded on a loaded machine, and there
// would be nothing to reuse; CI saw that once.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { finished, run, tempDir } from './helpers.js';

const yaml = `steps:
  - id: login
    shell: echo "Bearer $API_TOKEN"
  - id: plain
    shell: echo public
  - id: use
    needs: plain
    shell: '[ -f ok ] && echo "\${steps.login.output}" > used.txt && echo done'
`;

test('a step whose stored output was masked runs again on resume; an unmasked one is reused', { timeout: 60_000 }, async () => {
  const dir = tempDir();
  const env = { ...process.env, API_TOKEN: 'tok-1234567890' };
  const first = await run(yaml, { dir, env });
  assert.equal(first.fin.status, 'failed');
  fs.writeFileSync(path.join(dir, 'ok'), '');
  const second = await run(yaml, { dir, env, resume: 'last' });
  assert.equal(second.fin.status, 'succeeded');
  assert.equal(finished(second.events, 'plain').reused, true);
  assert.equal(finished(second.events, 'login').reused, undefined, 'its stored output is not its output');
  assert.equal(fs.readFileSync(path.join(dir, 'used.txt'), 'utf8'), 'Bearer tok-1234567890\n');
});

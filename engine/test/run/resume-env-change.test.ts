// A resume reuses a step when its definition and resolved configuration are unchanged (history.ts
// inputHash). A shell step also sees the files' `env:` as variables (`echo $TARGET`), which were not
// part of it: after `TARGET: prod` became `staging`, a resume reused 'deploying to prod'.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { finished, run, tempDir } from './helpers.js';

const workflow = (target: string) => `env:
  TARGET: ${target}
steps:
  - id: deploy
    shell: echo "deploying to $TARGET"
  - id: call
    workflow: { path: ./child.weft.yaml }
`;
const CHILD = `steps:
  - id: inner
    shell: echo "inner to $TARGET"
`;

test("a changed env: value runs a shell step again on resume, in the file and in a file it calls; an unchanged one is reused", { timeout: 60_000 }, async () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'child.weft.yaml'), CHILD);
  const first = await run(workflow('prod'), { dir });
  assert.equal(first.fin.status, 'succeeded');
  const same = await run(workflow('prod'), { dir, resume: 'last' });
  assert.equal(finished(same.events, 'deploy').reused, true);
  assert.equal(finished(same.events, 'call/inner').reused, true);
  const changed = await run(workflow('staging'), { dir, resume: 'last' });
  const deploy = finished(changed.events, 'deploy');
  assert.equal(deploy.reused, undefined);
  assert.equal(deploy.output, 'deploying to staging');
  assert.equal(finished(changed.events, 'call/inner').output, 'inner to staging');
});

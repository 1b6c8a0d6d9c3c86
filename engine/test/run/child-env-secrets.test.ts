// Backs docs/engine.md (Secrets): a called file's `env:` entry with a secret's name (`_KEY`,
// `_TOKEN`, `_SECRET`) is redacted as it is when that file runs on its own. The redactor was built
// once from the top file's environment, so `CHILD_KEY: ...` in a file run by a `workflow` step
// reached the record in clear (its steps' logs, previews, outputs files) while the same file run
// alone masked it. So did an llm `apiKeyEnv` variable that only the called file's `env:` sets.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { run, tempDir } from './helpers.js';

test("a called file's secret-named env values are masked in the caller's record", async () => {
  const dir = tempDir();
  fs.writeFileSync(
    path.join(dir, 'child.weft.yaml'),
    [
      'inputs: { token: { type: string } }',
      'env:',
      '  CHILD_KEY: childsecret777',
      '  PASSED_TOKEN: "${inputs.token}"',
      'outputs: { o: "${steps.x.output}" }',
      'steps:',
      '  - { id: x, shell: \'echo "c=$CHILD_KEY t=$PASSED_TOKEN"\' }',
      '',
    ].join('\n'),
  );
  const r = await run(
    [
      'outputs: { o: "${steps.call.output}" }',
      'steps:',
      '  - { id: call, workflow: { path: child.weft.yaml, inputs: { token: from-the-caller-42 } } }',
      '',
    ].join('\n'),
    { dir },
  );
  assert.equal(r.fin.status, 'succeeded');
  const record = fs.readFileSync(path.join(r.runsDir, `${r.fin.runId}.jsonl`), 'utf8');
  const outputs = fs.readdirSync(path.join(r.runsDir, r.fin.runId, 'outputs')).map((f) => fs.readFileSync(path.join(r.runsDir, r.fin.runId, 'outputs', f), 'utf8'));
  for (const text of [record, JSON.stringify(r.events), ...outputs]) {
    assert.equal(text.includes('childsecret777'), false, text);
    assert.equal(text.includes('from-the-caller-42'), false, text);
  }
  assert.ok(record.includes('c=*** t=***'), record);
});

test("a shell step's own secret-named env values are masked, from that step on", async () => {
  // GitHub Actions' users write a token into one step's `env:`; a name that masks in the workflow's
  // `env:` masked nothing there, so `echo $STEP_TOKEN` wrote it to the record in clear.
  const r = await run(
    [
      'steps:',
      '  - { id: a, shell: { run: \'echo "t=$STEP_TOKEN p=$PLAIN"\', env: { STEP_TOKEN: stepsecret-9931, PLAIN: visible-text-1 } } }',
      '  - { id: b, shell: \'echo "again stepsecret-9931"\', needs: a }',
      '',
    ].join('\n'),
  );
  assert.equal(r.fin.status, 'succeeded');
  const record = fs.readFileSync(path.join(r.runsDir, `${r.fin.runId}.jsonl`), 'utf8');
  assert.equal(record.includes('stepsecret-9931'), false, record);
  assert.ok(record.includes('t=*** p=visible-text-1'), record); // only secret-named entries
  assert.ok(record.includes('again ***'), record);
});

test("a shell step's own secret-named env values are masked in a dry run too (its preview shows the config)", async () => {
  // The step's env was registered by the shell action, which a dry run never runs: `weft run
  // --dry-run --json` showed the value in clear in the step's preview.
  const r = await run(
    [
      'steps:',
      '  - { id: a, shell: { run: \'echo "t=$STEP_TOKEN"\', env: { STEP_TOKEN: stepsecret-9931, PLAIN: visible-text-1 } } }',
      '',
    ].join('\n'),
    { dryRun: true },
  );
  const text = JSON.stringify(r.events);
  assert.ok(text.includes('visible-text-1'), text); // the preview shows the config
  assert.equal(text.includes('stepsecret-9931'), false, text);
});

// The hover's "Last run" after a block retried: the block's next start drops what its earlier
// attempt finished inside it (run-history.ts). That start was recognised by a text search for
// `"attempt":1`, which also matched a foreach item holding that key, so the earlier attempt's
// results stayed and the hover showed a step as done that the retry had not yet run. The same
// search took a finish whose object output held `"step.started"` and `"attempt": 1` for a start.
import { after, before, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient, fileUri } from '../helpers/lsp-client.js';
import { parseCursor } from '../helpers/cursor.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

const WORKFLOW = 'steps:\n  - id: per\n    foreach:\n      items: [{attempt: 1}]\n      steps:\n        - id: blk\n          retries: 1\n          parallel:\n            - id: |x\n              shell: echo hi\n';

/** The hover on `x` with a record of: attempt 1 of the block, x's finish, then each line of `more`. */
async function hoverWith(more: object[]): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-lsp-'));
  try {
    const fx = parseCursor(WORKFLOW);
    const file = path.join(dir, 'retry.weft.yaml');
    fs.writeFileSync(file, fx.text);
    const runs = path.join(dir, '.weft', 'runs');
    fs.mkdirSync(runs, { recursive: true });
    // Keys in the engine's order (events.ts): type first, the item after the attempt.
    const ev = (o: object) => JSON.stringify({ type: undefined, runId: 'r1', ts: 1, ...o });
    const start = (attempt: number) => ({ type: 'step.started', path: 'per/0/blk', attempt, kind: 'parallel', item: { attempt: 1 } });
    fs.writeFileSync(path.join(runs, 'r1.jsonl'), [
      ev({ type: 'run.started', workflow: 'retry', file, inputs: {}, plan: [] }),
      ev(start(1)),
      ev({ type: 'step.finished', path: 'per/0/blk/x', status: 'succeeded', durationMs: 5, attempts: 1, output: 'first' }),
      ...more.map(ev),
    ].join('\n') + '\n');
    const uri = fileUri(file);
    await client.open(uri, fx.text);
    return (await client.hoverText(uri, fx)) ?? '';
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

it('a block\'s second start drops what its first attempt finished, also when its foreach item holds "attempt": 1', async () => {
  assert.match(await hoverWith([]), /Last run `r1`: \*\*succeeded\*\*/, 'the first attempt\'s finish shows while nothing followed it');
  const retried = await hoverWith([{ type: 'step.started', path: 'per/0/blk', attempt: 2, kind: 'parallel', item: { attempt: 1 } }]);
  assert.doesNotMatch(retried, /Last run/);
});

it('a finish whose output holds the text of a first start is read as the finish it is', async () => {
  const hover = await hoverWith([
    { type: 'step.started', path: 'per/0/blk', attempt: 2, kind: 'parallel', item: { attempt: 1 } },
    { type: 'step.finished', path: 'per/0/blk/x', status: 'failed', durationMs: 5, attempts: 1, output: { 'step.started': true, attempt: 1 } },
  ]);
  assert.match(hover, /Last run `r1`: \*\*failed\*\*/);
});

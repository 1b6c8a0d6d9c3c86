// Spec conformance, language.md 3.3 (fail-fast): "every running step is cancelled (its process tree
// is killed, its request aborted) and marked `cancelled`". The process tree is failure.test.ts's;
// this is the request: an http step waiting on a loopback server that never answers is aborted
// (the server sees its connection close) when a sibling fails, and the run fails without waiting.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type * as http from 'node:http';
import * as path from 'node:path';
import { test } from 'node:test';
import { serve } from '../run/fake-servers.js';
import { finished, indexOf, run, tempDir } from '../run/helpers.js';

test('fail-fast aborts a running http request and marks its step cancelled', { timeout: 30_000 }, async () => {
  const dir = tempDir();
  let gone!: () => void;
  const closed = new Promise<void>((resolve) => (gone = resolve));
  const held: http.ServerResponse[] = [];
  const s = await serve((_req, res) => {
    held.push(res);
    res.on('close', () => gone());
    fs.writeFileSync(path.join(dir, 'arrived'), '');
  });
  try {
    // `bad` fails once the request has reached the server (never answered).
    const { events, fin } = await run(
      `steps:
  - { id: hang, http: { url: "${s.url}/never" } }
  - { id: bad, shell: "until [ -f arrived ]; do sleep 0.02; done; exit 2" }
`,
      { dir },
    );
    assert.equal(fin.status, 'failed');
    assert.match(fin.error!, /bad failed: exit code 2/);
    assert.equal(finished(events, 'hang').status, 'cancelled');
    assert.ok(indexOf(events, 'step.finished', 'bad') < indexOf(events, 'step.finished', 'hang'));
    await closed; // the server saw the request go away (the test's timeout fails it otherwise)
  } finally {
    for (const r of held) r.destroy();
    await s.close();
  }
});

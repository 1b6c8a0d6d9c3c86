// Hover on a per-step field (`${steps.api.statusCode}`, `exitCode`, `status`) showed the step's own
// hover with the range of its id, away from the field under the pointer, and `${run.id}` showed
// nothing: the fields' descriptions (the analyser's tables, which completion shows) were only in the
// completion list. The hover on such a field is now its description, over the field; on the id and
// on `output` (and the fields inside it) it stays the step's.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { LspClient, hoverMarkdown } from '../helpers/lsp-client.js';
import { positionOf } from '../helpers/cursor.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

const text = [
  'steps:',
  '  - id: api',
  '    http: {url: "http://x"}',
  '  - id: sh',
  '    shell: echo hi',
  '  - id: use',
  '    shell: echo ${steps.api.statusCode} ${steps.sh.exitCode} ${steps.sh.status} ${steps.api.output.x} ${run.id}',
  '',
].join('\n');

describe('hover on the fields of steps and run', () => {
  it('a per-step field: its description, over the field', async () => {
    const uri = await client.openNew('hunt-hover-fields', text);
    const h = await client.hover(uri, positionOf(text, 'statusCode', 3));
    assert.match(hoverMarkdown(h)!, /^\*\*api\.statusCode\*\* · `http`: The HTTP status code\./);
    assert.deepEqual(h!.range, { start: positionOf(text, 'statusCode'), end: positionOf(text, 'statusCode', 'statusCode'.length) });
    assert.match((await client.hoverText(uri, positionOf(text, 'exitCode', 2)))!, /^\*\*sh\.exitCode\*\* · `shell`: The command's exit code\./);
    assert.match((await client.hoverText(uri, positionOf(text, 'sh.status', 4)))!, /^\*\*sh\.status\*\* · `shell`: Succeeded, failed, skipped or cancelled\./);
  });

  it('a field of run', async () => {
    const uri = await client.openNew('hunt-hover-fields', text);
    const h = await client.hover(uri, positionOf(text, 'run.id', 5));
    assert.match((hoverMarkdown(h) ?? ''), /^\*\*run\.id\*\*: The id of the current run\./);
  });

  it('on the id, on output and inside it: the step, as before', async () => {
    const uri = await client.openNew('hunt-hover-fields', text);
    for (const at of [positionOf(text, 'steps.api.status', 7), positionOf(text, 'api.output', 6), positionOf(text, 'output.x', 7)]) {
      assert.match((await client.hoverText(uri, at))!, /^\*\*api\*\* · `http`/);
    }
  });
});

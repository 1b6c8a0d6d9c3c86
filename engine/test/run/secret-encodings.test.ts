// A secret reaches the record in other spellings than its own: percent-encoded in a URL (an http
// step's `query`, whose values URLSearchParams encodes, is quoted in its error), and JSON-escaped in
// an output preview or in text a template built from an object (a password holding `"` or `\`).
// Each of these is masked too, as GitHub Actions' runner masks a secret's URI- and JSON-escaped forms.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Redactor } from '../../src/run/redact.js';
import { withServer } from './fake-servers.js';
import { finished, recordText, run } from './helpers.js';

const URL_SECRET = 'ab+cd/ef==gh~x(y) z';
const JSON_SECRET = 'pa"ss\\word-42';

const spellings = (s: string) => [s, encodeURIComponent(s), new URLSearchParams({ k: s }).toString().slice(2), encodeURI(s), JSON.stringify(s).slice(1, -1), JSON.stringify(JSON.stringify(s).slice(1, -1)).slice(1, -1)];

test('the redactor masks the URI-encoded and JSON-escaped spellings of a secret', () => {
  const r = new Redactor([URL_SECRET, JSON_SECRET]);
  for (const s of [...spellings(URL_SECRET), ...spellings(JSON_SECRET)]) assert.equal(r.text(`<${s}>`), '<***>', s);
  assert.equal(r.text('plain text'), 'plain text');
});

test('the redactor copies only what held a secret: a value without one comes back as it is', () => {
  const r = new Redactor([URL_SECRET]);
  const clean = { a: ['x', { b: 1 }], c: 'y' };
  assert.equal(r.value(clean), clean);
  const held = { a: ['x', { b: URL_SECRET }], keep: ['k'], [URL_SECRET]: 2 };
  const masked = r.value(held);
  assert.notEqual(masked, held);
  assert.deepEqual(masked, { a: ['x', { b: '***' }], keep: ['k'], '***': 2 });
  assert.equal(masked.keep, held.keep, 'a part without a secret is shared, not copied');
  assert.deepEqual(held.a, ['x', { b: URL_SECRET }], 'the original is untouched');
});

test('a secret in an http query, quoted percent-encoded by the failure, is masked in events and records', async () => {
  await withServer(
    (_req, res) => {
      res.writeHead(500);
      res.end('nope');
    },
    async (s) => {
      const yaml = `config: {continueOnError: true}
steps:
  - id: q
    http: {url: "${s.url}/x", query: {key: "\${env.API_KEY}"}}
`;
      const { events, fin, runsDir } = await run(yaml, { env: { ...process.env, API_KEY: URL_SECRET } });
      assert.equal(fin.status, 'succeeded');
      const q = finished(events, 'q');
      assert.equal(q.status, 'failed');
      assert.match(q.error!, /returned 500/);
      const all = JSON.stringify(events) + recordText(runsDir);
      for (const s of spellings(URL_SECRET)) assert.equal(all.includes(s), false, `leaked as ${s}`);
    },
  );
});

test('a secret holding quotes and backslashes, JSON-escaped in a preview and in templated text, is masked', async () => {
  const yaml = `steps:
  - id: obj
    stub: {output: {pw: "\${env.DB_SECRET}"}}
  - id: text
    stub: {output: "wrapped \${steps.obj.output}"}
outputs:
  o: \${steps.text.output}
`;
  const { events, fin, runsDir } = await run(yaml, { env: { ...process.env, DB_SECRET: JSON_SECRET } });
  assert.equal(fin.status, 'succeeded');
  assert.equal(finished(events, 'obj').output, '{"pw":"***"}');
  assert.equal(finished(events, 'text').output, 'wrapped {"pw":"***"}');
  const all = JSON.stringify(events) + recordText(runsDir);
  for (const s of spellings(JSON_SECRET)) assert.equal(all.includes(s), false, `leaked as ${s}`);
});

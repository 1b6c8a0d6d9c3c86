// `${steps.X.headers}` of an http step: a header the server sends more than once (Set-Cookie, the one
// header fetch does not combine) keeps every value, joined with ', ' as fetch's Headers.get joins
// them; the last one alone used to be kept, so the session cookie of a login call could be lost.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withServer } from './fake-servers.js';
import { finished, run } from './helpers.js';

test('http: repeated response headers keep every value', async () => {
  await withServer(
    (_req, res) => {
      res.setHeader('set-cookie', ['session=abc; Path=/', 'theme=dark']);
      res.setHeader('x-one', 'only');
      res.end('ok');
    },
    async (s) => {
      const yaml = `steps:
  - id: login
    http: {url: "${s.url}/login"}
  - id: show
    stub: {output: "\${steps.login.headers['set-cookie']}|\${steps.login.headers['x-one']}"}
`;
      const { events, fin } = await run(yaml);
      assert.equal(fin.status, 'succeeded');
      assert.equal(finished(events, 'show').output, 'session=abc; Path=/, theme=dark|only');
    },
  );
});

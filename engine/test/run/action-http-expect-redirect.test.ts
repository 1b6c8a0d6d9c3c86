// An http step whose `expect` names a redirect status (`expect: 302`, `"3xx"`) checks the redirect
// itself, as `curl` without `-L` sees it: the redirect is not followed, and the step gets the 3xx
// status, its Location header and its body. The redirect used to be followed, so such a step failed
// with 'returned 200' whatever the server sent: an expectation that could never be met. Without
// such an `expect` redirects are followed as before.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withServer } from './fake-servers.js';
import { finished, run } from './helpers.js';

function redirecting(req: { url?: string }, res: import('node:http').ServerResponse): void {
  if (req.url?.startsWith('/old')) {
    res.writeHead(302, { location: '/new', 'content-type': 'text/plain' });
    res.end('moved');
    return;
  }
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('new page');
}

test('http: expect: 302 sees the redirect instead of following it', async () => {
  await withServer(redirecting, async (s) => {
    const yaml = `steps:
  - id: one
    http: {url: "${s.url}/old", expect: 302}
  - id: cls
    http: {url: "${s.url}/old", expect: "3xx"}
  - id: show
    stub: {output: "\${steps.one.statusCode} \${steps.one.headers.location} \${steps.one.output} \${steps.cls.statusCode}"}
`;
    const { events, fin } = await run(yaml);
    assert.equal(fin.status, 'succeeded', JSON.stringify(events.filter((e) => e.type === 'step.finished')));
    assert.equal(finished(events, 'show').output, '302 /new moved 302');
  });
});

test('http: without a 3xx in expect, a redirect is followed', async () => {
  await withServer(redirecting, async (s) => {
    const yaml = `steps:
  - id: one
    http: {url: "${s.url}/old"}
  - id: list
    http: {url: "${s.url}/old", expect: [200, 404]}
  - id: show
    stub: {output: "\${steps.one.statusCode} \${steps.one.output} \${steps.list.statusCode}"}
`;
    const { events, fin } = await run(yaml);
    assert.equal(fin.status, 'succeeded');
    assert.equal(finished(events, 'show').output, '200 new page 200');
  });
});

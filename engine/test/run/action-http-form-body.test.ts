// An http step that says its body is a form (`content-type: application/x-www-form-urlencoded`)
// and gives the body as a mapping sends it form-encoded (`a=1&b=x+y`), as curl's --data-urlencode,
// Python's requests (data=dict) and an HTML form send it: a list repeats its key, other values are
// their text. It was sent as JSON under the form's content type, which the server cannot read as
// a form (OAuth token endpoints, Slack's and Twilio's APIs take only forms). Without that content
// type a mapping is still JSON.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withServer } from './fake-servers.js';
import { finished, run } from './helpers.js';

function echo(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): void {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (d) => (body += d));
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ type: req.headers['content-type'], body }));
  });
}

test('http: a mapping body with a form content type is sent form-encoded', async () => {
  await withServer(echo, async (s) => {
    const yaml = `steps:
  - id: token
    http:
      method: POST
      url: ${s.url}/token
      headers: {Content-Type: "application/x-www-form-urlencoded; charset=utf-8"}
      body: {grant_type: client_credentials, scope: [read, "write all"], n: 2, ok: true, name: "Zoë & co=1"}
  - id: plain
    http: {method: POST, url: "${s.url}/json", body: {a: 1}}
`;
    const { events, fin } = await run(yaml);
    assert.equal(fin.status, 'succeeded');
    const token = finished(events, 'token');
    assert.ok(token.type === 'step.finished');
    const sent = JSON.parse(String(token.output)) as { type: string; body: string };
    assert.equal(sent.type, 'application/x-www-form-urlencoded; charset=utf-8');
    assert.equal(sent.body, 'grant_type=client_credentials&scope=read&scope=write+all&n=2&ok=true&name=Zo%C3%AB+%26+co%3D1');
    const plain = JSON.parse(String(finished(events, 'plain').output)) as { type: string; body: string };
    assert.deepEqual(plain, { type: 'application/json', body: '{"a":1}' });
  });
});

// An http step's header that HTTP cannot carry fails before sending, naming the header and the
// character: fetch's own words named neither ("Cannot convert argument to a ByteString because the
// character at index 0 has a value of 26481 which is greater than 255", `Headers.append: "..." is an
// invalid header value.`, which also quoted the value, a token perhaps). No request is sent.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import { test } from 'node:test';
import { finished, run } from './helpers.js';

test('http: a header name or value that HTTP cannot carry fails before sending, naming it', async () => {
  let requests = 0;
  const server = http.createServer((_q, res) => {
    requests++;
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  try {
    const r = await run(
      [
        'config: { continueOnError: true }',
        'steps:',
        `  - { id: accent, http: { url: "${url}", headers: { X-Name: 東京 } } }`,
        `  - { id: emoji, http: { url: "${url}", headers: { X-Mood: "ok 🙂" } } }`,
        `  - { id: newline, http: { url: "${url}", headers: { Authorization: "Bearer abcd1234\\nX-Evil: 1" } } }`,
        `  - { id: name, http: { url: "${url}", headers: { "my header": x } } }`,
        `  - { id: fine, http: { url: "${url}", headers: { X-Latin: "café naïve", X-Tab: "a\\tb" } } }`,
        '',
      ].join('\n'),
    );
    const at = `http: GET ${url}: `;
    assert.equal(finished(r.events, 'accent').error, `${at}header 'x-name' holds '東' (U+6771): HTTP headers carry characters up to U+00FF only; percent-encode the value (encodeURIComponent) or send it in the body`);
    assert.equal(finished(r.events, 'emoji').error, `${at}header 'x-mood' holds '🙂' (U+1F642): HTTP headers carry characters up to U+00FF only; percent-encode the value (encodeURIComponent) or send it in the body`);
    assert.equal(finished(r.events, 'newline').error, `${at}header 'authorization' holds a line break (U+000A), which would end the header`);
    assert.equal(finished(r.events, 'name').error, `${at}'my header' is not a header name: letters, digits and !#$%&'*+-.^_\`|~ only`);
    assert.equal(finished(r.events, 'fine').status, 'succeeded');
    assert.equal(requests, 1, 'only the fine request was sent');
    assert.equal(JSON.stringify(r.events).includes('abcd1234'), false, 'the value is not quoted');
  } finally {
    server.close();
  }
});

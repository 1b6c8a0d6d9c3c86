// Backs docs/engine.md (http): an `http` step takes http and https URLs only. A `file:` URL failed
// with undici's own "not implemented... yet...", an `ftp:` one with "unknown scheme", and a `data:`
// URL "succeeded" without any request; each now fails before anything is sent, naming the URL and
// what to use instead.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { finished, run } from './helpers.js';

test('http: a URL that is not http or https fails before sending, saying so', async () => {
  const r = await run(
    [
      'config: { continueOnError: true }',
      'steps:',
      '  - { id: file, http: { url: "file:///etc/hostname" } }',
      '  - { id: ftp, http: { url: "ftp://127.0.0.1/x" } }',
      '  - { id: data, http: { url: "data:text/plain,hello" } }',
      '',
    ].join('\n'),
  );
  assert.equal(
    finished(r.events, 'file').error,
    "http: GET file:///etc/hostname: an http step sends http:// and https:// URLs only, not file:; read a file with a `file` step",
  );
  assert.equal(finished(r.events, 'ftp').error, 'http: GET ftp://127.0.0.1/x: an http step sends http:// and https:// URLs only, not ftp:');
  assert.equal(finished(r.events, 'data').status, 'failed');
  assert.equal(finished(r.events, 'data').error, 'http: GET data:text/plain,hello: an http step sends http:// and https:// URLs only, not data:');
});

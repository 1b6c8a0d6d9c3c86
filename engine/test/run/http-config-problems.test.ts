// An http step whose config can never be sent (a URL that is not http(s) or does not parse, a
// header name that is not a token or a value with a line break) fails before it starts: no
// step.started, `attempts: 0`, no retries, with the words the request would have failed with. Each
// attempt used to fail the same way and `retries` retried it (`↻ a attempt 1 failed: http: GET ...:
// a GET request cannot have a body; retrying in 10ms`), written literally or through a template.
// A GET or HEAD with a body does not get that far: the schema refuses the file (its golden is
// fixtures/diagnostics/schema/http-requests); the request's own check keeps the words a library
// caller or a changed schema would meet. Nothing is sent: the URLs name a loopback port no server
// listens on, and a refused connection is a different error.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { httpConfigProblem } from '../../src/run/actions/http-request.js';
import { assertFailedBeforeStart, eventsAt, finished, run } from './helpers.js';

test('an http config that can never be sent fails the step before it starts, without retries', async () => {
  const yaml = `inputs:
  url: { type: string, default: "ftp://127.0.0.1:9/x" }
  note: { type: string, default: "two\\nlines" }
config:
  continueOnError: true
steps:
  - id: scheme
    retries: { max: 2, delay: 10ms }
    http: { url: "\${inputs.url}" }
  - id: header
    retries: { max: 2, delay: 10ms }
    http: { url: "http://127.0.0.1:9/", headers: { X-Note: "\${inputs.note}" } }
  - id: literal_header
    retries: { max: 2, delay: 10ms }
    http: { url: "http://127.0.0.1:9/", headers: { "bad header": x } }
  - id: unparsable
    retries: { max: 2, delay: 10ms }
    http: { url: "http://[::1" }
`;
  const { events } = await run(yaml);
  const bad: [string, string][] = [
    ['scheme', 'http: GET ftp://127.0.0.1:9/x: an http step sends http:// and https:// URLs only, not ftp:'],
    ['header', "http: GET http://127.0.0.1:9/: header 'x-note' holds a line break (U+000A), which would end the header"],
    ['literal_header', "http: GET http://127.0.0.1:9/: 'bad header' is not a header name: letters, digits and !#$%&'*+-.^_`|~ only"],
    ['unparsable', "http: invalid url 'http://[::1'"],
  ];
  for (const [p, error] of bad) assertFailedBeforeStart(events, p, error);
});

test('a refused connection is still retried: only a config that can never be sent is not', async () => {
  const { events } = await run(`steps:
  - id: refused
    retries: { max: 1, delay: 10ms }
    continueOnError: true
    http: { method: POST, url: "http://127.0.0.1:9/x", body: hello }
`);
  assert.equal(finished(events, 'refused').status, 'failed');
  assert.equal(finished(events, 'refused').attempts, 2);
  assert.equal(eventsAt(events, 'step.retrying', 'refused').length, 1);
});

test('a GET or HEAD with a body: the file is refused before anything runs; the request says so too', async () => {
  await assert.rejects(run('steps:\n  - id: a\n    http: { url: "http://127.0.0.1:9/x", body: hello }\n'), /a GET request cannot have a body \(GET is the method when none is given\)/);
  const words = "cannot have a body; give the step a `method` (POST, PUT, ...), or send the data in `query`";
  assert.equal(httpConfigProblem({ url: 'http://127.0.0.1:9/x', body: { q: 1 } }), `http: GET http://127.0.0.1:9/x: a GET request ${words}`);
  assert.equal(httpConfigProblem({ method: 'HEAD', url: 'http://127.0.0.1:9/x', body: 'x' }), `http: HEAD http://127.0.0.1:9/x: a HEAD request ${words}`);
  assert.equal(httpConfigProblem({ method: 'POST', url: 'http://127.0.0.1:9/x', body: 'x' }), undefined);
  assert.equal(httpConfigProblem({ url: 'http://127.0.0.1:9/x', body: null }), undefined);
});

// Spec conformance, language.md 1 (`env`) and 2.1 (leaf actions): shell's output is "stdout without
// the final newline" with extra fields `exitCode`, `stderr`; shell's `{run, env}` and the workflow's
// `env:` ("visible as ${env.NAME}; process environment is also visible") reach the shell, the
// step's over the workflow's over the process's (docs/engine.md: env = process env + secrets +
// workflow `env:` + step `env`); http's "`parse: json|yaml|text`" and `statusCode`; "a status
// outside `expect` (default: 2xx) ... is a failure"; "`stub`: `true`, or `{output, delay}`".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serve } from '../run/fake-servers.js';
import { finished, run } from '../run/helpers.js';

test('shell: the output drops one final newline only; exitCode and stderr are fields of the step, failed or not', async () => {
  const { events, fin } = await run(`steps:
  - { id: two, shell: "printf 'a\\\\n\\\\n'" }
  - { id: none, shell: "printf b" }
  - { id: ok, shell: "echo out; echo err >&2" }
  - { id: bad, continueOnError: true, shell: "echo partial; echo oops >&2; exit 5" }
  - id: read
    stub:
      output:
        two: "\${steps.two.output}"
        none: "\${steps.none.output}"
        ok: ["\${steps.ok.output}", "\${steps.ok.exitCode}", "\${steps.ok.stderr}"]
        bad: ["\${steps.bad.output}", "\${steps.bad.exitCode}", "\${steps.bad.stderr}", "\${steps.bad.status}"]
outputs: { read: "\${steps.read.output}" }
`);
  assert.equal(fin.status, 'succeeded');
  assert.deepEqual(fin.outputs.read, {
    two: 'a\n',
    none: 'b',
    ok: ['out', 0, 'err\n'],
    bad: [null, 5, 'oops\n', 'failed'],
  });
  assert.match(finished(events, 'bad').error!, /^exit code 5: oops/);
});

test('shell env: the process environment, then the workflow env:, then the step env:, each over the one before', async () => {
  const { events, fin } = await run(
    `env: { W_ONLY: w, BOTH: from-workflow, OVER_P: from-workflow }
steps:
  - id: sh
    shell:
      run: 'echo "$P_ONLY|$W_ONLY|$BOTH|$OVER_P|$S_ONLY"'
      env: { BOTH: from-step, S_ONLY: s }
  - { id: tpl, stub: { output: "\${env.P_ONLY}|\${env.W_ONLY}|\${env.OVER_P}" } }
`,
    { env: { ...process.env, P_ONLY: 'p', OVER_P: 'from-process' } },
  );
  assert.equal(fin.status, 'succeeded');
  assert.equal(finished(events, 'sh').output, 'p|w|from-step|from-workflow|s');
  assert.equal(finished(events, 'tpl').output, 'p|w|from-workflow');
});

test('http: parse: text keeps a JSON body as text; a status outside expect fails, and its statusCode stays readable', async () => {
  const s = await serve((req, res) => {
    if (req.url === '/json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"k": 1}');
    } else {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('busy');
    }
  });
  try {
    const { events, fin } = await run(`steps:
  - { id: text, http: { url: "${s.url}/json", parse: text } }
  - { id: parsed, http: { url: "${s.url}/json" } }
  - { id: down, continueOnError: true, http: { url: "${s.url}/down" } }
  - { id: ok503, http: { url: "${s.url}/down", expect: 503 } }
  - { id: read, stub: { output: ["\${steps.parsed.output.k}", "\${steps.down.statusCode}", "\${steps.down.status}", "\${steps.ok503.output}"] } }
`);
    assert.equal(fin.status, 'succeeded');
    assert.equal(finished(events, 'text').output, '{"k": 1}');
    assert.match(finished(events, 'down').error!, /returned 503/);
    assert.equal(finished(events, 'read').output, JSON.stringify([1, 503, 'failed', 'busy']));
  } finally {
    await s.close();
  }
});

test('stub: true succeeds with a null output; {output} is templated and keeps its type', async () => {
  const { fin } = await run(`steps:
  - { id: t, stub: true }
  - { id: o, stub: { output: { n: "\${length('abc')}", from: "\${steps.t.status}" } } }
outputs: { t: "\${steps.t.output}", o: "\${steps.o.output}" }
`);
  assert.equal(fin.status, 'succeeded');
  assert.deepEqual(fin.outputs, { t: null, o: { n: 3, from: 'succeeded' } });
});

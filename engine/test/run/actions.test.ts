// Step kinds against real things: http against a loopback API, file inside and outside the root,
// llm against loopback servers speaking the OpenAI and Anthropic streaming formats.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { fakeApi, fakeLlm, type Server } from './fake-servers.js';
import { finished, run, tempDir } from './helpers.js';

let api: Server;
let llm: Server;
before(async () => {
  api = await fakeApi();
  llm = await fakeLlm('Parallel steps finish sooner.', { requireKey: 'sk-local-test-key' });
});
after(async () => {
  await api.close();
  await llm.close();
});

test('http: GET JSON, query, headers, POST JSON body, text bodies, expect', async () => {
  const yaml = `steps:
  - id: users
    http: { url: "${'${env.API}'}/users" }
  - id: echo
    http:
      method: POST
      url: "${'${env.API}'}/echo"
      query: { q: "\${steps.users.output[0].name}" }
      headers: { X-Test: yes }
      body: { n: "\${length(steps.users.output)}" }
  - id: text
    http: { url: "${'${env.API}'}/text" }
  - id: teapot
    http: { url: "${'${env.API}'}/status/418", expect: [418] }
`;
  const { events, fin } = await run(yaml, { env: { ...process.env, API: api.url } });
  assert.equal(fin.status, 'succeeded', JSON.stringify(fin));
  assert.deepEqual(JSON.parse(finished(events, 'echo').output!), { method: 'POST', query: { q: 'Ada' }, body: { n: 2 }, header: 'yes' });
  assert.equal(finished(events, 'text').output, 'plain text');
  const bad = await run(`steps:\n  - id: nf\n    http: { url: "${api.url}/status/500" }\n`);
  assert.equal(bad.fin.status, 'failed');
  assert.match(finished(bad.events, 'nf').error!, /returned 500/);
});

test('file: write, append, read (parsed), exists, list; relative to the workflow folder', async () => {
  const yaml = `steps:
  - id: w
    file: { action: write, path: out/data.json, content: '{"a": 1}' }
  - id: ap
    needs: w
    file: { action: append, path: out/log.txt, content: "line\\n" }
  - id: r
    needs: w
    file: { action: read, path: out/data.json, parse: json }
  - id: ex
    needs: w
    file: { action: exists, path: out/data.json }
  - id: ls
    needs: [w, ap]
    file: { action: list, path: out }
  - id: use
    stub: { output: "\${steps.r.output.a} \${steps.ex.output} \${steps.ls.output}" }
`;
  const { events, fin, dir } = await run(yaml);
  assert.equal(fin.status, 'succeeded');
  assert.equal(finished(events, 'use').output, '1 true ["data.json","log.txt"]');
  assert.equal(fs.readFileSync(path.join(dir, 'out', 'log.txt'), 'utf8'), 'line\n');
  const missing = await run(`steps:\n  - id: r\n    file: { action: read, path: nope.txt }\n`);
  assert.match(finished(missing.events, 'r').error!, /no such file 'nope.txt'/);
});

test('file: parse yaml reads the value and keeps yaml warnings off the console', async () => {
  const warnings: Error[] = [];
  const onWarning = (w: Error) => warnings.push(w);
  process.on('warning', onWarning);
  try {
    const yaml = `steps:
  - id: w
    file: { action: write, path: out/data.yaml, content: "a: !custom 1\\nb: [x, y]\\n" }
  - id: r
    needs: w
    file: { action: read, path: out/data.yaml, parse: yaml }
  - id: use
    stub: { output: "\${steps.r.output.b[1]}" }
`;
    const { events, fin } = await run(yaml);
    assert.equal(fin.status, 'succeeded', JSON.stringify(fin));
    assert.equal(finished(events, 'use').output, 'y');
    await new Promise((resolve) => setImmediate(resolve)); // process warnings are emitted on the next tick
    assert.deepEqual(warnings.map((w) => w.message), []);
  } finally {
    process.off('warning', onWarning);
  }
});

test('parse: json on a shell or file step says where the text stops being JSON', async () => {
  const yaml = `config: { continueOnError: true }
steps:
  - id: sh
    shell: { run: "printf '{\\n  \\"a\\": 1,\\n}'", parse: json }
  - id: w
    file: { action: write, path: out/cut.json, content: '[1, 2' }
  - id: r
    needs: w
    file: { action: read, path: out/cut.json, parse: json }
`;
  const { events } = await run(yaml);
  assert.equal(finished(events, 'sh').error, "output is not valid JSON: expected double-quoted property name at line 3, column 1 (position 12)");
  assert.equal(finished(events, 'r').error, "output is not valid JSON: expected ',' or ']' after array element at line 1, column 6 (position 5)");
});

test('file: write makes missing folders (where they cannot be made, as under /proc: cli.test.ts)', async () => {
  const r = await run(`steps:\n  - id: deep\n    file: { action: write, path: a/b/c/out.txt, content: hi }\n`);
  assert.equal(finished(r.events, 'deep').status, 'succeeded');
  assert.equal(fs.readFileSync(path.join(r.dir, 'a/b/c/out.txt'), 'utf8'), 'hi');
});

test('shell: a missing cwd or shell, a shell that cannot run, a NUL in env or command: messages that say which', async () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'not-a-shell.txt'), 'text', { mode: 0o644 });
  const r = await run(
    `steps:
  - id: cwd
    shell: { run: pwd, cwd: nowhere }
  - id: missing
    shell: { run: pwd, shell: /no/such/shell }
  - id: denied
    shell: { run: pwd, shell: ./not-a-shell.txt }
  - id: env
    shell: { run: pwd, env: { X: "a\\u0000b" } }
  - id: command
    shell: "echo \\u0000"
  - id: here
    shell: { run: pwd, cwd: . }
`,
    { dir, continueOnError: true },
  );
  const error = (id: string) => finished(r.events, id).error;
  assert.equal(error('cwd'), "shell: the folder 'nowhere' (cwd) does not exist");
  assert.equal(error('missing'), "shell: the shell '/no/such/shell' was not found");
  assert.equal(error('denied'), "shell: the shell './not-a-shell.txt' cannot be run (permission denied)");
  assert.equal(error('env'), 'shell: the value of env X holds a NUL character, which no process environment can carry');
  assert.equal(error('command'), 'shell: the command holds a NUL character, which no shell can be given');
  assert.equal(finished(r.events, 'here').output, fs.realpathSync(r.dir));
});

test('file: a path outside the workspace root is refused unless allowed', async () => {
  const outside = tempDir('weft-outside-');
  fs.writeFileSync(path.join(outside, 'secret.txt'), 'outside');
  const yaml = `steps:\n  - id: r\n    file: { action: read, path: ${JSON.stringify(path.join(outside, 'secret.txt'))} }\n`;
  const refused = await run(yaml);
  assert.match(finished(refused.events, 'r').error!, /outside the workspace root/);
  const relative = await run(`steps:\n  - id: r\n    file: { action: read, path: ../../etc/hostname }\n`);
  assert.match(finished(relative.events, 'r').error!, /outside the workspace root/);
  const allowed = await run(yaml, { allowOutsideRoot: true });
  assert.equal(finished(allowed.events, 'r').output, 'outside');
  const rooted = await run(yaml, { root: outside });
  assert.equal(finished(rooted.events, 'r').output, 'outside', '--root moves the boundary to where the file is');
});

test('llm: OpenAI-compatible streaming, tokens as step.log, usage and model', async () => {
  const yaml = `config:
  llm: { provider: openai, model: tiny, baseUrl: "${llm.url}/v1", apiKeyEnv: LOCAL_LLM_KEY }
steps:
  - id: ask
    llm: { prompt: "Why parallel?", system: "Be brief.", temperature: 0 }
`;
  const { events, fin } = await run(yaml, { env: { ...process.env, LOCAL_LLM_KEY: 'sk-local-test-key' } });
  assert.equal(fin.status, 'succeeded', JSON.stringify(events.filter((e) => e.type === 'step.finished')));
  assert.equal(finished(events, 'ask').output, 'Parallel steps finish sooner.');
  const logs = events.filter((e) => e.type === 'step.log' && e.stream === 'llm');
  assert.equal(logs.length, 4, 'one log event per streamed token');
  const req = JSON.parse(llm.requests.at(-1)!.body);
  assert.equal(req.stream, true);
  assert.deepEqual(req.messages[0], { role: 'system', content: 'Be brief.' });
  assert.equal(JSON.stringify(events).includes('sk-local-test-key'), false);
});

test('llm: Anthropic Messages streaming; json replies are parsed', async () => {
  const server = await fakeLlm('{"verdict": "parallel"}');
  try {
    const yaml = `steps:
  - id: ask
    llm: { provider: anthropic, model: claude-test, baseUrl: "${server.url}", prompt: "JSON please", json: true }
  - id: use
    stub: { output: "\${steps.ask.output.verdict} via \${steps.ask.model} (\${steps.ask.usage.output_tokens} tokens)" }
`;
    const { events, fin } = await run(yaml, { env: { ...process.env, ANTHROPIC_API_KEY: 'ak-test-key' } });
    assert.equal(fin.status, 'succeeded');
    assert.equal(finished(events, 'use').output, 'parallel via claude-test (2 tokens)');
    assert.equal(server.requests[0].headers['x-api-key'], 'ak-test-key');
    assert.equal(server.requests[0].headers['anthropic-version'], '2023-06-01');
  } finally {
    await server.close();
  }
});

test('llm: a missing key names the variable; a wrong key reports the provider message; ollama needs none', async () => {
  const env = { ...process.env };
  delete env.OPENAI_API_KEY;
  const missing = await run(`steps:\n  - id: ask\n    llm: { prompt: hi }\n`, { env });
  assert.match(finished(missing.events, 'ask').error!, /set the environment variable OPENAI_API_KEY/);
  const wrong = await run(`steps:\n  - id: ask\n    llm: { prompt: hi, baseUrl: "${llm.url}/v1" }\n`, { env: { ...env, OPENAI_API_KEY: 'sk-wrong-key-000' } });
  assert.match(finished(wrong.events, 'ask').error!, /401: Incorrect API key provided/);
  const open = await fakeLlm('ok');
  try {
    const ollama = await run(`steps:\n  - id: ask\n    llm: { provider: ollama, model: llama3.2, baseUrl: "${open.url}/v1", prompt: hi }\n`, { env });
    assert.equal(finished(ollama.events, 'ask').output, 'ok');
    assert.equal(open.requests[0].headers.authorization, undefined);
    // A key stored for ollama (the editor's weft.setApiKey, OLLAMA_API_KEY) is sent, and redacted.
    const keyed = await run(`steps:\n  - id: ask\n    llm: { provider: ollama, baseUrl: "${open.url}/v1", prompt: hi }\n  - id: leak\n    shell: echo "k=$OLLAMA_API_KEY"\n`, { env: { ...env, OLLAMA_API_KEY: 'ollama-proxy-key-42' } });
    assert.equal(finished(keyed.events, 'ask').output, 'ok');
    assert.equal(open.requests[1].headers.authorization, 'Bearer ollama-proxy-key-42');
    assert.doesNotMatch(JSON.stringify(keyed.events), /ollama-proxy-key-42/);
  } finally {
    await open.close();
  }
});

test('llm: cancelling aborts the streaming request', async () => {
  const http = await import('node:http');
  let aborted = false;
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: 'slow ' } }] })}\n\n`);
    req.on('close', () => (aborted = true));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  try {
    const { events, fin } = await run(`steps:\n  - id: ask\n    timeout: 300ms\n    llm: { provider: ollama, baseUrl: "http://127.0.0.1:${port}/v1", prompt: hi }\n`);
    assert.equal(fin.status, 'failed');
    assert.equal(finished(events, 'ask').error, 'timed out after 300ms');
    assert.ok(events.some((e) => e.type === 'step.log' && e.text === 'slow '));
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(aborted, true, 'the request was aborted');
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

test('llm: the editor settings (WEFT_LLM_*) apply below the workflow config and the step', async () => {
  const server = await fakeLlm('from settings');
  try {
    const env = { ...process.env, WEFT_LLM_PROVIDER: 'ollama', WEFT_LLM_MODEL: 'settings-model', WEFT_LLM_BASE_URL: `${server.url}/v1` };
    const plain = await run(`steps:\n  - id: ask\n    llm: { prompt: hi }\n`, { env });
    assert.equal(finished(plain.events, 'ask').output, 'from settings');
    assert.equal(JSON.parse(server.requests.at(-1)!.body).model, 'settings-model', 'the settings fill what the workflow leaves open');
    const own = await run(`config:\n  llm: { model: workflow-model }\nsteps:\n  - id: ask\n    llm: { prompt: hi }\n`, { env });
    assert.equal(finished(own.events, 'ask').status, 'succeeded');
    assert.equal(JSON.parse(server.requests.at(-1)!.body).model, 'workflow-model', 'the workflow wins over the settings');
    const other = await run(`steps:\n  - id: ask\n    llm: { provider: anthropic, prompt: hi }\n`, { env: { ...env, ANTHROPIC_API_KEY: undefined } });
    assert.match(finished(other.events, 'ask').error!, /ANTHROPIC_API_KEY/, 'another provider does not inherit the settings');
  } finally {
    await server.close();
  }
});

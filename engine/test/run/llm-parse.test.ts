// An llm step's `parse: json|yaml|text` (language spec 2.1: shell, http, file and llm accept it; the
// schema's llmAction has it): the reply is parsed as asked, a fence around it tolerated as for
// `json: true`, and a reply that does not parse fails the step saying so.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fakeLlm } from './fake-servers.js';
import { finished, run } from './helpers.js';

const env = { ...process.env, OPENAI_API_KEY: 'sk-parse-test-key' };

test('llm: parse: yaml and parse: json turn the reply into data', { timeout: 30_000 }, async () => {
  const yamlServer = await fakeLlm('verdict: parallel\nscore: 3\n');
  const jsonServer = await fakeLlm('```json\n{"verdict": "fenced", "score": 4}\n```');
  try {
    const yaml = `steps:
  - id: y
    llm: { prompt: "YAML please", baseUrl: "${yamlServer.url}/v1", parse: yaml }
  - id: j
    llm: { prompt: "JSON please", baseUrl: "${jsonServer.url}/v1", parse: json }
  - id: t
    llm: { prompt: "text", baseUrl: "${yamlServer.url}/v1", parse: text }
  - id: use
    stub: { output: "\${steps.y.output.verdict} \${steps.y.output.score == 3} \${steps.j.output.verdict} \${steps.j.output.score}" }
`;
    const { events, fin } = await run(yaml, { env });
    assert.equal(fin.status, 'succeeded', JSON.stringify(events.filter((e) => e.type === 'step.finished')));
    assert.equal(finished(events, 'use').output, 'parallel true fenced 4');
    assert.equal(finished(events, 't').output, 'verdict: parallel\nscore: 3\n', 'parse: text keeps the reply as it came');
  } finally {
    await yamlServer.close();
    await jsonServer.close();
  }
});

test('llm: a reply that is not what parse asks for fails the step', { timeout: 30_000 }, async () => {
  const server = await fakeLlm('Sure! Here is some JSON: {nope');
  try {
    const yaml = `steps:
  - id: j
    llm: { prompt: "JSON please", baseUrl: "${server.url}/v1", parse: json }
`;
    const { events, fin } = await run(yaml, { env });
    assert.equal(fin.status, 'failed');
    assert.match(finished(events, 'j').error!, /not valid JSON/);
  } finally {
    await server.close();
  }
});

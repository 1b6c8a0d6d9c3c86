// A resume reuses an llm step only when what it would ask is unchanged. The file's `config.llm`
// (model, provider, baseUrl, temperature, ...) is part of what the step asks, but it was not part of
// the step's hash (history.ts inputHash): after `model: small` became `model: large`, a resume
// reused the small model's reply (found by the resume differential hunt).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeLlm } from './fake-servers.js';
import { finished, run, tempDir } from './helpers.js';

test('a changed config.llm runs an llm step again on resume; an unchanged one is reused', { timeout: 30_000 }, async () => {
  const server = await fakeLlm('a reply');
  try {
    const workflow = (model: string) => `config:
  llm: { provider: openai, baseUrl: "${server.url}/v1", model: ${model} }
steps:
  - id: ask
    llm: { prompt: "Say something" }
`;
    const dir = tempDir();
    const env = { ...process.env, OPENAI_API_KEY: 'k' };
    const first = await run(workflow('small'), { dir, env });
    assert.equal(first.fin.status, 'succeeded');
    assert.equal(server.requests.length, 1);
    const same = await run(workflow('small'), { dir, env, resume: 'last' });
    assert.equal(finished(same.events, 'ask').reused, true);
    assert.equal(server.requests.length, 1, 'the unchanged step asked nothing');
    const changed = await run(workflow('large'), { dir, env, resume: 'last' });
    assert.equal(finished(changed.events, 'ask').reused, undefined, 'the step with a new model is not reused');
    assert.equal(server.requests.length, 2);
    assert.equal((JSON.parse(server.requests[1]!.body) as { model: string }).model, 'large');
  } finally {
    await server.close();
  }
});

// An llm reply that the provider ended without giving the whole answer. A reply cut at the token
// limit (OpenAI's finish_reason 'length', Anthropic's stop_reason 'max_tokens') that json: true
// could not parse failed with 'the reply is not valid JSON: expected ',' ...', not saying why; the
// error now says it was cut off and to raise maxTokens (the OpenAI SDK's parse fails so too:
// LengthFinishReasonError); as text it is still the output, as the SDKs return it. A stream whose
// chunks held no choice at all, a reply withheld by the provider's filter (finish_reason
// 'content_filter', Anthropic's stop_reason 'refusal') and a refusal (OpenAI's delta.refusal)
// succeeded with '' as the output; each now fails saying which.
import assert from 'node:assert/strict';
import type * as http from 'node:http';
import { test } from 'node:test';
import { withServer } from './fake-servers.js';
import { finished, run } from './helpers.js';

function openai(res: http.ServerResponse, chunks: unknown[]): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const c of chunks) res.write(`data: ${JSON.stringify(c)}\n\n`);
  res.end('data: [DONE]\n\n');
}

function anthropic(res: http.ServerResponse, text: string, stop: string): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  const ev = (name: string, data: unknown) => res.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
  ev('message_start', { type: 'message_start', message: { model: 'claude-x', usage: { input_tokens: 5, output_tokens: 1 } } });
  ev('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } });
  ev('message_delta', { type: 'message_delta', delta: { stop_reason: stop }, usage: { output_tokens: 4 } });
  ev('message_stop', { type: 'message_stop' });
  res.end();
}

const choice = (delta: Record<string, unknown>, finish: string | null = null) => ({ model: 'm-1', choices: [{ index: 0, delta, finish_reason: finish }] });

function server(req: http.IncomingMessage, res: http.ServerResponse): void {
  let body = '';
  req.on('data', (d) => (body += d));
  req.on('end', () => {
    const model = (JSON.parse(body) as { model: string }).model;
    if (req.url!.endsWith('/messages')) return anthropic(res, model === 'cut' ? '{"a": [1' : '', model === 'cut' ? 'max_tokens' : 'refusal');
    if (model === 'cut' || model === 'cut-text') return openai(res, [choice({ content: model === 'cut' ? '{"a": [1, 2' : 'The answer is' }), choice({}, 'length'), { choices: [], usage: { prompt_tokens: 3, completion_tokens: 5 } }]);
    if (model === 'none') return openai(res, [{ model: 'm-1', choices: [] }, { model: 'm-1', choices: [], usage: { prompt_tokens: 3, completion_tokens: 0 } }]);
    if (model === 'filtered') return openai(res, [choice({ content: '' }, 'content_filter')]);
    return openai(res, [choice({ role: 'assistant', refusal: "I can't help with that." }), choice({}, 'stop')]);
  });
}

test('llm: a reply cut at the token limit, withheld, refused or without choices says so', async () => {
  await withServer(server, async (s) => {
    const step = (id: string, model: string, more = '') => `  - id: ${id}\n    llm: { model: ${model}, prompt: hi${more} }\n`;
    const ollama = `, provider: ollama, baseUrl: "${s.url}/v1"`;
    const yaml = `config: { continueOnError: true }
steps:
${step('cut', 'cut', `, json: true${ollama}`)}${step('cut_text', 'cut-text', ollama)}${step('none', 'none', ollama)}${step('filtered', 'filtered', ollama)}${step('refused', 'refused', ollama)}${step('a_cut', 'cut', `, json: true, provider: anthropic, apiKeyEnv: T_KEY, baseUrl: "${s.url}"`)}${step('a_refused', 'refused', `, provider: anthropic, apiKeyEnv: T_KEY, baseUrl: "${s.url}"`)}  - id: usage
    stub: { output: "\${steps.cut.usage.completion_tokens} \${steps.cut.model}" }
`;
    const { events } = await run(yaml, { env: { ...process.env, T_KEY: 'test-key-1234' } });
    const error = (id: string) => finished(events, id).error;
    assert.equal(
      error('cut'),
      "llm: the reply is not valid JSON: expected ',' or ']' after array element at line 1, column 12 (position 11); the model stopped at the token limit (finish_reason: length), so the reply is cut off: raise maxTokens",
    );
    assert.equal(finished(events, 'cut_text').status, 'succeeded');
    assert.equal(finished(events, 'cut_text').output, 'The answer is');
    assert.equal(error('none'), 'llm: ollama: the reply held no choices (every chunk\'s choices list was empty)');
    assert.equal(error('filtered'), 'llm: ollama: the provider withheld the reply (finish_reason: content_filter)');
    assert.equal(error('refused'), "llm: ollama: the model refused: I can't help with that.");
    assert.equal(
      error('a_cut'),
      "llm: the reply is not valid JSON: expected ',' or ']' after array element at line 1, column 9 (position 8); the model stopped at the token limit (stop_reason: max_tokens), so the reply is cut off: raise maxTokens",
    );
    assert.equal(error('a_refused'), 'llm: anthropic: the model refused to answer (stop_reason: refusal)');
    // The usage and model the provider reported stay on the failed step.
    assert.equal(finished(events, 'usage').output, '5 m-1');
  });
});

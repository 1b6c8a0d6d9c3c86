// Anthropic Messages with streaming: `message_start` (model, input usage), `content_block_delta`
// with `delta.text` (tokens), `message_delta` (output usage), `message_stop`, or `error`.
import { providerMessage } from './llm-openai.js';
import { ERROR_BODY_BYTES, readTextWithin } from './output-limit.js';
import { readSse } from './sse.js';
import { StepError } from './types.js';
import type { LlmRequest, LlmReply } from './llm.js';

interface AnthropicEvent {
  type?: string;
  message?: { model?: string; usage?: Record<string, number> };
  delta?: { text?: unknown };
  usage?: Record<string, number>;
  error?: { message?: string };
}

export async function anthropicMessages(req: LlmRequest): Promise<LlmReply> {
  const body: Record<string, unknown> = {
    model: req.model,
    max_tokens: req.maxTokens ?? 1024,
    messages: [{ role: 'user', content: req.prompt }],
    stream: true,
  };
  if (req.system) body.system = req.system;
  if (req.temperature !== undefined) body.temperature = req.temperature;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'text/event-stream',
    'anthropic-version': '2023-06-01',
  };
  if (req.apiKey) headers['x-api-key'] = req.apiKey;
  const base = req.baseUrl.replace(/\/+$/, '');
  const url = (base.endsWith('/v1') ? base : base + '/v1') + '/messages';
  const res = await req.fetch(url, { method: 'POST', headers, body: JSON.stringify(body), signal: req.signal });
  if (!res.ok || !res.body) {
    const text = await readTextWithin(res.body, ERROR_BODY_BYTES, undefined).catch(() => '');
    throw new StepError(`llm: anthropic returned ${res.status}: ${providerMessage(text, req.redact)}`);
  }
  let text = '';
  let model = req.model;
  const usage: Record<string, number> = {};
  for await (const ev of readSse(res.body, req.maxBytes, `llm: anthropic: the reply`, res.headers.get('content-encoding'))) {
    let data: AnthropicEvent;
    try {
      data = JSON.parse(ev.data);
    } catch {
      continue;
    }
    const type = data.type ?? ev.event;
    if (type === 'message_start') {
      model = data.message?.model ?? model;
      Object.assign(usage, data.message?.usage ?? {});
    } else if (type === 'content_block_delta' && typeof data.delta?.text === 'string') {
      const t = data.delta.text as string;
      text += t;
      req.onToken(t);
    } else if (type === 'message_delta' && data.usage) {
      Object.assign(usage, data.usage);
    } else if (type === 'error') {
      throw new StepError(`llm: anthropic: ${data.error?.message ?? 'error'}`);
    } else if (type === 'message_stop') break;
  }
  return { text, model, usage };
}

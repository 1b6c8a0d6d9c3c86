// Anthropic Messages with streaming: `message_start` (model, input usage), `content_block_delta`
// with `delta.text` (tokens), `message_delta` (output usage), `message_stop`, or `error`.
import { endedEarly, errorText, eventJson, expectEventStream, incompleteReply } from './llm-stream.js';
import { readSse } from './sse.js';
import { StepError } from './types.js';
import type { LlmRequest, LlmReply } from './llm.js';

interface AnthropicEvent {
  type?: string;
  message?: { model?: string; usage?: Record<string, number> };
  delta?: { text?: unknown; stop_reason?: unknown };
  usage?: Record<string, number>;
  error?: unknown;
}

/** The events whose data the SDK parses as JSON; others (`ping`, ones added later) are skipped, as the SDK does. */
const KNOWN = new Set(['message', 'message_start', 'message_delta', 'message_stop', 'content_block_start', 'content_block_delta', 'content_block_stop', 'error']);

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
  const stream = await expectEventStream(res, req);
  let text = '';
  let model = req.model;
  const usage: Record<string, number> = {};
  let finished = false;
  let stop: unknown;
  let n = 0;
  for await (const ev of readSse(stream, req.maxBytes, `llm: anthropic: the reply`, res.headers.get('content-encoding'))) {
    n++;
    if (!KNOWN.has(ev.event)) continue;
    const data = eventJson(ev, n, req) as AnthropicEvent;
    const type = data.type ?? ev.event;
    if (type === 'message_start') {
      model = data.message?.model ?? model;
      Object.assign(usage, data.message?.usage ?? {});
    } else if (type === 'content_block_delta' && typeof data.delta?.text === 'string') {
      const t = data.delta.text as string;
      text += t;
      req.onToken(t);
    } else if (type === 'message_delta') {
      if (data.usage) Object.assign(usage, data.usage);
      if (data.delta?.stop_reason) {
        finished = true;
        stop = data.delta.stop_reason;
      }
    } else if (type === 'error') {
      throw new StepError(`llm: anthropic: ${errorText(data.error ?? data, req.redact)}`);
    } else if (type === 'message_stop') {
      finished = true;
      break;
    }
  }
  if (!finished) throw endedEarly(req, 'no message_stop', text);
  const reply: LlmReply = { text, model, usage };
  if (stop === 'refusal') throw incompleteReply(req, reply, 'the model refused to answer (stop_reason: refusal)');
  if (stop === 'max_tokens') reply.cutOff = 'stop_reason: max_tokens';
  return reply;
}

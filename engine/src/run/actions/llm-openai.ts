// OpenAI Chat Completions with streaming (`data: {choices[0].delta.content}` ... `data: [DONE]`).
// The same code serves OpenAI, Ollama, vLLM, llama.cpp and LM Studio through `baseUrl`.
import { endedEarly, errorText, eventJson, expectEventStream, incompleteReply } from './llm-stream.js';
import { readSse } from './sse.js';
import { StepError } from './types.js';
import type { LlmRequest, LlmReply } from './llm.js';

export async function openaiChat(req: LlmRequest): Promise<LlmReply> {
  const messages: { role: string; content: string }[] = [];
  if (req.system) messages.push({ role: 'system', content: req.system });
  messages.push({ role: 'user', content: req.prompt });
  const body: Record<string, unknown> = { model: req.model, messages, stream: true, stream_options: { include_usage: true } };
  if (req.temperature !== undefined) body.temperature = req.temperature;
  if (req.maxTokens !== undefined) body.max_tokens = req.maxTokens;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'text/event-stream' };
  if (req.apiKey) headers.authorization = `Bearer ${req.apiKey}`;
  const url = req.baseUrl.replace(/\/+$/, '') + '/chat/completions';
  const res = await req.fetch(url, { method: 'POST', headers, body: JSON.stringify(body), signal: req.signal });
  const stream = await expectEventStream(res, req);
  let text = '';
  let model = req.model;
  let usage: unknown;
  let finished = false;
  let choices = false;
  let refusal = '';
  let stop: string | undefined;
  let n = 0;
  for await (const ev of readSse(stream, req.maxBytes, `llm: ${req.provider}: the reply`, res.headers.get('content-encoding'))) {
    n++;
    if (ev.data === '[DONE]') {
      finished = true;
      break;
    }
    const chunk = eventJson(ev, n, req) as {
      model?: string;
      choices?: { delta?: { content?: string; refusal?: unknown }; finish_reason?: unknown }[];
      usage?: unknown;
      error?: unknown;
    };
    if (ev.event === 'error' || chunk.error) throw new StepError(`llm: ${req.provider}: ${errorText(chunk.error ?? chunk, req.redact)}`);
    if (chunk.model) model = chunk.model;
    if (chunk.usage) usage = chunk.usage;
    const first = chunk.choices?.[0];
    if (first) choices = true;
    const delta = first?.delta?.content;
    if (delta) {
      text += delta;
      req.onToken(delta);
    }
    // A refusal (structured outputs) comes instead of content, in its own field.
    if (typeof first?.delta?.refusal === 'string') refusal += first.delta.refusal;
    if (typeof first?.finish_reason === 'string' && first.finish_reason) stop = first.finish_reason;
    if (chunk.choices?.some((c) => c?.finish_reason)) finished = true;
  }
  if (!finished) throw endedEarly(req, 'no finish_reason, no [DONE]', text);
  const reply: LlmReply = { text, model, usage };
  if (!choices) throw incompleteReply(req, reply, "the reply held no choices (every chunk's choices list was empty)");
  if (refusal && !text) throw incompleteReply(req, reply, `the model refused: ${refusal}`);
  if (stop === 'content_filter') throw incompleteReply(req, reply, 'the provider withheld the reply (finish_reason: content_filter)');
  if (stop === 'length') reply.cutOff = 'finish_reason: length';
  return reply;
}

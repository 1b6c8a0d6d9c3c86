// OpenAI Chat Completions with streaming (`data: {choices[0].delta.content}` ... `data: [DONE]`).
// The same code serves OpenAI, Ollama, vLLM, llama.cpp and LM Studio through `baseUrl`.
import { clip } from '../redact.js';
import { ERROR_BODY_BYTES, readTextWithin } from './output-limit.js';
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
  if (!res.ok || !res.body) {
    const text = await readTextWithin(res.body, ERROR_BODY_BYTES, undefined).catch(() => '');
    throw new StepError(`llm: ${req.provider} returned ${res.status}: ${providerMessage(text, req.redact)}`);
  }
  let text = '';
  let model = req.model;
  let usage: unknown;
  for await (const ev of readSse(res.body, req.maxBytes, `llm: ${req.provider}: the reply`, res.headers.get('content-encoding'))) {
    if (ev.data === '[DONE]') break;
    let chunk: {
      model?: string;
      choices?: { delta?: { content?: string } }[];
      usage?: unknown;
      error?: { message?: string };
    };
    try {
      chunk = JSON.parse(ev.data);
    } catch {
      continue;
    }
    if (chunk.error) throw new StepError(`llm: ${req.provider}: ${chunk.error.message ?? 'error'}`);
    if (chunk.model) model = chunk.model;
    if (chunk.usage) usage = chunk.usage;
    const delta = chunk.choices?.[0]?.delta?.content;
    if (delta) {
      text += delta;
      req.onToken(delta);
    }
  }
  return { text, model, usage };
}

/** The provider's error message, or the start of its response (secrets masked before the cut). */
export function providerMessage(text: string, redact?: (text: string) => string): string {
  try {
    const j = JSON.parse(text);
    const message = j?.error?.message ?? j?.message;
    if (typeof message === 'string') return message;
  } catch {
    /* not JSON: the text itself */
  }
  return clip(text, 300, redact);
}

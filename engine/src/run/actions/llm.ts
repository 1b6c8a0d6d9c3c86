// `llm`: merges the step's fields over `config.llm` over the editor's settings (WEFT_LLM_*), finds the API key (the variable named by
// `apiKeyEnv`, or the provider's usual one; ollama needs none) and calls the provider with
// streaming, tokens going to step.log (stream `llm`). Hand-written fetch calls (step-fetch.ts) instead of the SDKs:
// no extra dependencies, one AbortSignal aborts the request, and the same code talks to every
// OpenAI-compatible server.
import { toText } from '../../template/evaluate.js';
import { parseJsonText } from './json-text.js';
import { anthropicMessages } from './llm-anthropic.js';
import { openaiChat } from './llm-openai.js';
import { parseOutput } from './parse-output.js';
import type { Action, ActionContext, ActionResult } from './types.js';
import { asObject, StepError } from './types.js';
import { nameTable } from '../../model/name-table.js';
import { getOwn } from '../../model/own-keys.js';
import { fetchFailure, idleLimitError, stepFetch } from './step-fetch.js';

export interface LlmRequest {
  provider: string;
  baseUrl: string;
  apiKey: string | undefined;
  model: string;
  prompt: string;
  system?: string;
  temperature?: number;
  maxTokens?: number;
  signal: AbortSignal;
  onToken(text: string): void;
  fetch: typeof fetch;
  /** The most the reply's stream may carry, in bytes (ActionContext.maxOutputBytes). */
  maxBytes: number;
  /** Masks the run's secrets in a provider's error text before it is cut. */
  redact?: (text: string) => string;
}

export interface LlmReply {
  text: string;
  model: string;
  usage: unknown;
  /** Set when the model stopped at the token limit: the provider's words (`finish_reason: length`). */
  cutOff?: string;
}

/** By provider name, which a workflow or WEFT_LLM_PROVIDER gives: `constructor` finds nothing. */
export const PROVIDERS: Readonly<Record<string, { baseUrl: string; keyEnv?: string; model: string }>> = nameTable({
  openai: { baseUrl: 'https://api.openai.com/v1', keyEnv: 'OPENAI_API_KEY', model: 'gpt-4o-mini' },
  anthropic: { baseUrl: 'https://api.anthropic.com', keyEnv: 'ANTHROPIC_API_KEY', model: 'claude-3-5-haiku-latest' },
  // A local Ollama needs no key; one behind an authenticating proxy takes it as a bearer token.
  ollama: { baseUrl: 'http://127.0.0.1:11434/v1', keyEnv: 'OLLAMA_API_KEY', model: 'llama3.2' },
});

/** The names of the variables holding API keys for a workflow's llm settings (for redaction). */
export function apiKeyEnvNames(llm: Record<string, unknown> | undefined): string[] {
  const names = new Set(Object.values(PROVIDERS).flatMap((p) => (p.keyEnv ? [p.keyEnv] : [])));
  if (llm && typeof llm.apiKeyEnv === 'string') names.add(llm.apiKeyEnv);
  return [...names];
}

/** Parses a model's JSON reply, tolerating a ```json fence around it (an error's position is in the JSON inside it). */
export function parseJsonReply(text: string): unknown {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/i.exec(text);
  return parseJsonText(fenced ? fenced[1] : text, 'llm: the reply');
}

/**
 * The step's output from the reply: `json: true` or `parse: json` parse it as JSON, `parse: yaml` as
 * YAML (a ```yaml fence tolerated, as a ```json one is), anything else keeps the text.
 */
function replyOutput(text: string, cfg: Record<string, unknown>): unknown {
  const parse = cfg.json === true ? 'json' : cfg.parse;
  if (parse === 'json') return parseJsonReply(text);
  if (parse !== 'yaml') return text;
  const fenced = /^\s*```(?:ya?ml)?\s*\n([\s\S]*?)\n?```\s*$/i.exec(text);
  return parseOutput(fenced ? fenced[1] : text, 'yaml');
}

/** Settings layered over lower ones; a layer naming another provider drops the lower baseUrl, key and model. */
function layer(lower: Record<string, unknown>, upper: Record<string, unknown>): Record<string, unknown> {
  const base = { ...lower };
  if (typeof upper.provider === 'string' && base.provider !== undefined && upper.provider !== base.provider) {
    delete base.baseUrl;
    delete base.apiKeyEnv;
    delete base.model;
  }
  return { ...base, ...upper };
}

/** The lowest layer: the editor's settings (weft.llm.*), passed as WEFT_LLM_* variables. */
function environmentDefaults(env: Record<string, string | undefined>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (env.WEFT_LLM_PROVIDER) out.provider = env.WEFT_LLM_PROVIDER;
  if (env.WEFT_LLM_MODEL) out.model = env.WEFT_LLM_MODEL;
  if (env.WEFT_LLM_BASE_URL) out.baseUrl = env.WEFT_LLM_BASE_URL;
  return out;
}

export const llmAction: Action = async (ctx: ActionContext): Promise<ActionResult> => {
  const own = asObject(ctx.config, 'prompt');
  // Step fields over the workflow's config.llm over the editor's settings over the provider's defaults.
  const cfg = layer(layer(environmentDefaults(ctx.env), { ...ctx.llmDefaults }), own);
  const provider = typeof cfg.provider === 'string' ? cfg.provider : 'openai';
  const known = PROVIDERS[provider] as (typeof PROVIDERS)[string] | undefined;
  if (!known) throw new StepError(`llm: unknown provider '${provider}' (openai, anthropic, ollama)`);
  const keyEnv = typeof cfg.apiKeyEnv === 'string' ? cfg.apiKeyEnv : known.keyEnv;
  const apiKey = keyEnv ? getOwn(ctx.env, keyEnv) : undefined;
  if (keyEnv && !apiKey && provider !== 'ollama') {
    throw new StepError(`llm: no API key for ${provider}: set the environment variable ${keyEnv}`);
  }
  const prompt = toText(cfg.prompt);
  if (!prompt) throw new StepError('llm: empty prompt');
  const req: LlmRequest = {
    provider,
    baseUrl: typeof cfg.baseUrl === 'string' && cfg.baseUrl ? cfg.baseUrl : known.baseUrl,
    apiKey,
    model: typeof cfg.model === 'string' && cfg.model ? cfg.model : known.model,
    prompt,
    system: cfg.system === undefined || cfg.system === null ? undefined : toText(cfg.system),
    temperature: typeof cfg.temperature === 'number' ? cfg.temperature : undefined,
    maxTokens: typeof cfg.maxTokens === 'number' ? cfg.maxTokens : undefined,
    signal: ctx.signal,
    redact: ctx.redact,
    onToken: (t) => ctx.log('llm', t),
    fetch: stepFetch(ctx),
    maxBytes: ctx.maxOutputBytes,
  };
  let reply: LlmReply;
  try {
    reply = provider === 'anthropic' ? await anthropicMessages(req) : await openaiChat(req);
  } catch (e) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    if (e instanceof StepError) throw e;
    const idle = idleLimitError(e, `llm: ${provider} at ${req.baseUrl}`);
    if (idle) throw idle;
    throw new StepError(`llm: ${provider} at ${req.baseUrl}: ${fetchFailure(e) ?? (e as Error).message}`);
  }
  const extra = { model: reply.model, usage: reply.usage ?? null };
  try {
    return { output: replyOutput(reply.text, cfg), extra };
  } catch (e) {
    // A reply cut at the token limit is text as the SDKs return it, but data that does not parse
    // says why (the OpenAI SDK's parse fails so too: LengthFinishReasonError).
    const cut = reply.cutOff ? `; the model stopped at the token limit (${reply.cutOff}), so the reply is cut off: raise maxTokens` : '';
    throw new StepError(`${(e as Error).message}${cut}`, extra);
  }
};

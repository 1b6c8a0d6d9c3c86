// Why this file exists: a step's output stays in memory while later steps may reference it, and is
// written to the run's record. An endless or huge one (`yes`, a runaway download, a server that never
// stops streaming, `file: read` of a device) would exhaust the host's memory: the command line, or the
// VS Code extension host running the engine, would crash and the run's record would end without its
// `run.finished`. Every action reads what becomes data through these helpers, so a step that passes
// the run's limit (RunOptions.maxOutputBytes, default 64 MiB) fails with a message saying what to do.
import { StepError } from './types.js';
import { idleLimitError } from './step-fetch.js';

/** The most a step's output (and each other captured stream, such as a shell's stderr) may hold. */
export const DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

/** `bytes` for a person: "64 MB", "512 KB", "1.5 MB" (binary units, as `ls -h` counts). */
export function sizeText(bytes: number): string {
  const [value, unit] = bytes >= 1024 * 1024 ? [bytes / 1024 / 1024, 'MB'] : bytes >= 1024 ? [bytes / 1024, 'KB'] : [bytes, 'bytes'];
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
}

/** The error of a step whose `what` ("shell: stdout", "http: GET https://x: the response") passed `limit`. */
export function outputTooLarge(what: string, limit: number): StepError {
  return new StepError(tooLargeText(what, limit));
}

/** `<what> passed 64 MB, the most a step may hold; ...`: outputTooLarge's words, for other errors too (json-pieces.ts, blocks.ts). */
export function tooLargeText(what: string, limit: number): string {
  return `${what} passed ${sizeText(limit)}, the most a step may hold; write large data to a file and pass its path instead`;
}

/**
 * The bytes `text` takes inside a JSON string as the record writes it (quotes not counted): UTF-8,
 * with `"` and `\` written as 2 bytes, `\n` `\t` `\r` `\b` `\f` as 2, and every other control
 * character as 6 (`\u0001`). A step's text goes to the record so, in its `step.log` events and its
 * outputs file: counted as plain UTF-8, 64 MB of control bytes was 384 MB on disk.
 */
export function jsonTextBytes(text: string): number {
  let extra = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) extra += escapeExtra(c);
    // A lone surrogate: UTF-8 counts its replacement (3 bytes), JSON writes `\udXXX` (6).
    else if (c >= 0xd800 && c <= 0xdfff) {
      const pair = c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      if (pair) i++;
      else extra += 3;
    }
  }
  return Buffer.byteLength(text, 'utf8') + extra;
}

/**
 * `jsonTextBytes` of UTF-8 bytes before they are decoded: the escapes are all ASCII, and no byte of
 * a multi-byte sequence is below 0x80, so a chunk cut anywhere counts the same as its text. (A byte
 * that is not valid UTF-8 fails the http read, and a file read is counted as text: file.ts.)
 */
function jsonBytesOf(bytes: Uint8Array): number {
  let extra = 0;
  for (let i = 0; i < bytes.length; i++) extra += escapeExtra(bytes[i]);
  return bytes.byteLength + extra;
}

/** The bytes JSON adds to the ASCII character `c` (UTF-8 counts it as 1): its escape's length less 1. */
function escapeExtra(c: number): number {
  if (c < 0x20) return c === 8 || c === 9 || c === 10 || c === 12 || c === 13 ? 1 : 5;
  return c === 0x22 || c === 0x5c ? 1 : 0;
}

/**
 * Counts what a stream delivers as the record will hold it (`jsonTextBytes`); `add` says false once
 * the total passes the limit. With `plain`, bytes as they are (a preview cut at a byte count).
 */
export class ByteBudget {
  used = 0;
  constructor(
    readonly limit: number,
    private readonly plain = false,
  ) {}
  add(chunk: string | Uint8Array): boolean {
    if (this.plain) this.used += typeof chunk === 'string' ? Buffer.byteLength(chunk, 'utf8') : chunk.byteLength;
    else this.used += typeof chunk === 'string' ? jsonTextBytes(chunk) : jsonBytesOf(chunk);
    return this.used <= this.limit;
  }
  /** Counts `n` bytes that are written as they are (a JSON array's quotes and commas). */
  addBytes(n: number): boolean {
    this.used += n;
    return this.used <= this.limit;
  }
}

/**
 * The chunks of a fetch response body, at most `limit` bytes in all. A body that breaks off throws
 * `bodyReadError` (`encoding` is the response's content-encoding). Past the limit the body is
 * cancelled (the connection closed) and `outputTooLarge(what)` thrown; with `what` undefined, the
 * last chunk is cut at the limit instead and the reading ends.
 */
export async function* chunksWithin(body: ReadableStream<Uint8Array>, limit: number, what: string | undefined, encoding?: string | null): AsyncGenerator<Uint8Array> {
  // A preview (`what` undefined) is cut at a byte count; an output is counted as the record holds it.
  const budget = new ByteBudget(limit, what === undefined);
  const reader = body.getReader();
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (e) {
        throw bodyReadError(e, what ?? 'the response', encoding);
      }
      if (chunk.done) return;
      if (!budget.add(chunk.value)) {
        await reader.cancel().catch(() => undefined);
        if (what !== undefined) throw outputTooLarge(what, limit);
        yield chunk.value.subarray(0, chunk.value.byteLength - (budget.used - limit));
        return;
      }
      yield chunk.value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** The most of an error response's body that is read for its message (the rest is not needed). */
export const ERROR_BODY_BYTES = 64 * 1024;

/**
 * What a failed read of a fetch body becomes: undici says only "terminated", its cause says why (the
 * server closed or reset the connection, the body did not decompress). An abort is passed on as it
 * is (the attempt's timeout or the run's cancel says what happened), as is a StepError.
 */
function bodyReadError(e: unknown, what: string, encoding?: string | null): unknown {
  if (e instanceof StepError || (e as Error)?.name === 'AbortError') return e;
  const idle = idleLimitError(e, what);
  if (idle) return idle;
  const cause = (e as { cause?: { code?: unknown; message?: unknown } })?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : '';
  const detail = typeof cause?.message === 'string' ? cause.message : (e as Error)?.message ?? String(e);
  if (code === 'UND_ERR_SOCKET' || code === 'EPIPE') return new StepError(`${what} was cut short: the server closed the connection`);
  if (code === 'ECONNRESET') return new StepError(`${what} was cut short: the server reset the connection`);
  if (code.startsWith('Z_') || /^ERR_.*BROTLI|^ERR__ERROR|decompress/i.test(`${code} ${detail}`)) {
    return new StepError(`${what} could not be decompressed${encoding ? ` (content-encoding: ${encoding})` : ''}: ${detail}`);
  }
  return new StepError(`${what} could not be read: ${detail}`);
}

/**
 * A fetch response body as text, read up to `limit` bytes. Past it, the body is cancelled (the
 * connection is closed) and `outputTooLarge(what)` is thrown, or, with `what` undefined, the text read
 * so far is returned (for an error body, of which only the start is shown). A missing body is ''.
 * A body that breaks off fails with `bodyReadError`. The text is decoded as the charset `headers`
 * name (default UTF-8); with `what` set, bytes that are not valid in it fail the read, naming the
 * first one, instead of becoming U+FFFD (which would lose them without a word).
 */
export async function readTextWithin(body: ReadableStream<Uint8Array> | null, limit: number, what: string | undefined, headers?: Headers): Promise<string> {
  if (!body) return '';
  const parts: Uint8Array[] = [];
  for await (const chunk of chunksWithin(body, limit, what, headers?.get('content-encoding'))) parts.push(chunk);
  const bytes = Buffer.concat(parts);
  if (what === undefined) return new TextDecoder().decode(bytes);
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(headers?.get('content-type') ?? '')?.[1] ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset, { fatal: true });
  } catch {
    throw new StepError(`${what}'s charset '${charset}' is not one Weft can decode`);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    const at = decoder.encoding === 'utf-8' ? invalidUtf8At(bytes) : -1;
    const where = at >= 0 ? ` (byte 0x${bytes[at].toString(16).toUpperCase().padStart(2, '0')} at offset ${at})` : '';
    const name = decoder.encoding === 'utf-8' ? 'UTF-8' : decoder.encoding;
    throw new StepError(`${what} is not valid ${name} text${where}; to keep binary data, save it to a file in a shell step (curl -o FILE URL)`);
  }
}

/** The offset of the first byte of `b` that does not belong to a well-formed UTF-8 sequence, or -1. */
function invalidUtf8At(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const more = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    if (more === 0) return i;
    // The second byte's range excludes overlong forms (E0, F0), surrogates (ED) and code points past U+10FFFF (F4).
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    if (i + 1 >= b.length || b[i + 1] < lo || b[i + 1] > hi) return i;
    for (let k = 2; k <= more; k++) if (i + k >= b.length || (b[i + k] & 0xc0) !== 0x80) return i;
    i += more + 1;
  }
  return -1;
}

// When a server that refused a request (429 Too Many Requests, 503) asks to be asked again:
// `retry-after-ms` (OpenAI's, in milliseconds), else `Retry-After` in seconds or as an HTTP date
// (RFC 9110 10.2.3). The providers' SDKs wait that long; a retried step does too (attempts.ts).

/** The wait a response asks for, in ms, or undefined when it asks for none that can be read. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && /^\s*\d+(\.\d+)?\s*$/.test(ms)) return Math.ceil(Number(ms));
  const v = headers.get('retry-after');
  if (v === null) return undefined;
  if (/^\s*\d+\s*$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

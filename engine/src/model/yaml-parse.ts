// The one place Weft calls the `yaml` package's parser, with the options every caller needs and a
// workaround for its hottest spot: yaml 2.x reads `process.env.LOG_TOKENS` once per token (and
// `LOG_STREAM` once per document), and Node's `process.env` is a native interceptor that calls
// getenv on each read. For a 1,000-step workflow that is about a third of the parse. While the
// (synchronous) parse runs, `process.env` is a plain object that holds those two variables; it is
// put back before this returns or throws, so no other code can observe the swap. yaml 3 reads both
// once at load, and this shield can go when Weft moves to it.
import { parseAllDocuments, parseDocument, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';

type Options = ParseOptions & DocumentOptions & SchemaOptions;

/**
 * The options of every workflow parse: merge keys; no pretty errors; logLevel 'error', so that warnings
 * (such as collection keys) never reach the console of the CLI or server; and no keepSourceTokens, as
 * node ranges are all the model needs and the CST tokens took 2.7x the memory (6.8 MB instead of
 * 2.5 MB for a 1,000-step file).
 */
export const WORKFLOW_PARSE_OPTIONS: Options = { merge: true, prettyErrors: false, logLevel: 'error' };

/** Runs `parse` with `process.env` replaced by a plain object that holds the yaml package's debug variables. */
export function withPlainEnv<T>(parse: () => T): T {
  const real = process.env;
  const plain: NodeJS.ProcessEnv = { LOG_TOKENS: real.LOG_TOKENS, LOG_STREAM: real.LOG_STREAM };
  try {
    process.env = plain;
  } catch {
    return parse(); // a host that forbids the swap gets the ordinary (slower) parse
  }
  if (process.env !== plain) return parse();
  try {
    return parse();
  } finally {
    process.env = real;
  }
}

/** Every YAML document in `text` (a workflow file holds one; more are reported by the model). */
export function parseYamlDocuments(text: string, options: Options = WORKFLOW_PARSE_OPTIONS): Document[] {
  const docs = withPlainEnv(() => parseAllDocuments(text, options));
  return Array.isArray(docs) ? docs : [];
}

/** The first YAML document in `text`, for callers that parse a fragment (the server's scalar patch). */
export function parseYamlDocument(text: string, options: Options = WORKFLOW_PARSE_OPTIONS): Document {
  return withPlainEnv(() => parseDocument(text, options));
}

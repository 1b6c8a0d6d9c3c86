// The one place Weft parses workflow text with the `yaml` package, with the options every workflow
// parse needs (a step's `parse: yaml` output is plain data, read in run/actions/types.ts). (With
// yaml 2.x this file also shielded the parse from `process.env`, which that version read once per
// token; yaml 3 reads its debug variables once, at load.)
import { parseAllDocuments, parseDocument, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';

type Options = ParseOptions & DocumentOptions & SchemaOptions;

/**
 * The options of every workflow parse: merge keys; no pretty errors; logLevel 'error', so that warnings
 * (such as collection keys) never reach the console of the CLI or server; and no keepSourceTokens, as
 * node ranges are all the model needs and the CST tokens took 2.7x the memory (6.8 MB instead of
 * 2.5 MB for a 1,000-step file).
 */
export const WORKFLOW_PARSE_OPTIONS: Options = { merge: true, prettyErrors: false, logLevel: 'error' };

/** Every YAML document in `text` (a workflow file holds one; more are reported by the model). */
export function parseYamlDocuments(text: string, options: Options = WORKFLOW_PARSE_OPTIONS): Document[] {
  const docs = parseAllDocuments(text, options);
  return Array.isArray(docs) ? docs : [];
}

/** The first YAML document in `text`, for callers that parse a fragment (the server's scalar patch). */
export function parseYamlDocument(text: string, options: Options = WORKFLOW_PARSE_OPTIONS): Document {
  return parseDocument(text, options);
}

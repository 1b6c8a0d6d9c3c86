// The one place Weft parses YAML text with the `yaml` package: workflow files with the options every
// workflow parse needs, and a step's `parse: yaml` output as plain data. (With
// yaml 2.x this file also shielded the parse from `process.env`, which that version read once per
// token; yaml 3 reads its debug variables once, at load.)
import { parse, parseAllDocuments, parseDocument, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';

type Options = ParseOptions & DocumentOptions & SchemaOptions;

/**
 * The options of every workflow parse: merge keys; no pretty errors; logLevel 'error', so that warnings
 * (such as collection keys) never reach the console of the CLI or server; and no keepSourceTokens, as
 * node ranges are all the model needs and the CST tokens took 2.7x the memory (6.8 MB instead of
 * 2.5 MB for a 1,000-step file). And no resolveKnownTags: YAML 1.1's `!!binary`, `!!set`, `!!omap`,
 * `!!pairs` and `!!timestamp` would make a Buffer, Set, Map or Date, which no field of a workflow is,
 * and which the schema check read as mappings (a Buffer's methods as unknown keys); they are read as
 * written instead (text, a mapping, a list), as any other tag the core schema does not know.
 */
const WORKFLOW_PARSE_OPTIONS: Options = { merge: true, prettyErrors: false, logLevel: 'error', resolveKnownTags: false };

const LONE_CR = /\r(?!\n)/g;
const HAS_LONE_CR = /\r(?!\n)/;

/**
 * `text` with every carriage return that is not followed by a line feed made a line feed. YAML
 * counts a lone CR as a line break (spec 5.4, b-break) and reads every break in a scalar as a line
 * feed, so the document means the same; the length, so every offset, is unchanged. yaml 3.0.0-2
 * loops forever on a lone CR between documents (`# comment\r` as a file's first line, `%YAML 1.2\r`),
 * which would freeze the language server and the command line; this is what keeps it from seeing one.
 */
export function withLineFeeds(text: string): string {
  // A CRLF file has CRs but (usually) no lone one: it is returned as it is, not copied.
  return text.indexOf('\r') < 0 || !HAS_LONE_CR.test(text) ? text : text.replace(LONE_CR, '\n');
}

/** Every YAML document in `text` (a workflow file holds one; more are reported by the model). */
export function parseYamlDocuments(text: string): Document[] {
  const docs = parseAllDocuments(withLineFeeds(text), WORKFLOW_PARSE_OPTIONS);
  return Array.isArray(docs) ? docs : [];
}

/** The first YAML document in `text`, for callers that parse a fragment (the server's scalar patch). */
export function parseYamlDocument(text: string): Document {
  return parseDocument(withLineFeeds(text), WORKFLOW_PARSE_OPTIONS);
}

/**
 * Plain data from YAML text that is not a workflow (a step's `parse: yaml` output). logLevel
 * 'error': a warning (an unknown tag) must not reach the console, where it would cut through the
 * command line's live tree; the value is still read. Throws on invalid YAML, and on an alias inside
 * the node it names.
 */
export function parseYamlData(text: string): unknown {
  const value: unknown = parse(withLineFeeds(text), { logLevel: 'error' });
  if (holdsItself(value, new Set())) throw new Error('an alias refers to a node that contains it (a recursive structure), which an output cannot hold');
  return value;
}

/**
 * Whether `v` contains itself: `a: &x { b: *x }` makes an object that does, which no event, record
 * or template can hold (JSON.stringify throws). A node an alias repeats elsewhere is not a loop.
 */
function holdsItself(v: unknown, open: Set<object>): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (open.has(v)) return true;
  open.add(v);
  const found = Array.isArray(v) ? v.some((x) => holdsItself(x, open)) : Object.values(v).some((x) => holdsItself(x, open));
  open.delete(v);
  return found;
}

// Text -> model: parses a workflow file with the `yaml` package (source ranges kept) and extracts
// the top level, inputs, config and the tree of steps. Never throws on bad input: YAML problems
// become `yaml-syntax` diagnostics and the model holds whatever could be read.
import type { Document, Node } from 'yaml';
import { buildScope, pairValue, resolveNode, retryPolicy, type BuildContext } from './build-steps.js';
import { parseDuration } from './duration.js';
import { createLineIndex, lineEndAt } from './line-index.js';
import { collectTemplates, rangeOf } from './template-strings.js';
import { expansionError, yamlErrors } from './yaml-errors.js';
import { mapPairs } from './yaml-node-at-path.js';
import { setOwn } from './own-keys.js';
import { isMap } from './yaml-nodes.js';
import { parseYamlDocuments, withLineFeeds } from './yaml-parse.js';
import { TemplateCache } from '../template/template-cache.js';
import type { Diagnostic, InputDecl, Scope, TemplateString, WorkflowModel } from './types.js';

export const WORKFLOW_FILE_PATTERNS = ['*.weft.yaml', '*.weft.yml', '*.workflow.yaml', '*.workflow.yml'];

/** The workflow's default name: the file name without directories and extensions. */
export function defaultWorkflowName(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.(weft|workflow)\.ya?ml$/i, '').replace(/\.ya?ml$/i, '') || base;
}

/**
 * The largest workflow file that is parsed, in UTF-8 bytes (its size on disk, which the command line
 * checks before reading); a larger text gets one `file-too-large` error.
 */
export const MAX_WORKFLOW_BYTES = 10 * 1024 * 1024;

/** `bytes` as the size messages give it: `12.0 MB`, or with `digits` 0 a whole limit, `10 MB`. */
export function megabytes(bytes: number, digits = 1): string {
  return `${(bytes / 1048576).toFixed(digits)} MB`;
}

/**
 * The UTF-8 size of `text` (as it is saved: a lone surrogate becomes U+FFFD, 3 bytes, as Node counts
 * it) when that is over the limit, else undefined. A UTF-16 code unit takes at most 3 bytes, so a
 * text of up to a third of the limit is not counted.
 */
function sizeOverLimit(text: string): number | undefined {
  if (text.length * 3 <= MAX_WORKFLOW_BYTES) return undefined;
  const size = Buffer.byteLength(text, 'utf8');
  return size > MAX_WORKFLOW_BYTES ? size : undefined;
}

export function parseWorkflow(text: string, file: string, options: BuildOptions = {}): WorkflowModel {
  return build(() => parseYamlDocuments(text), text, file, options);
}

export interface BuildOptions {
  /** Template parses kept across analyses of one document (the language server keeps one per document). */
  templates?: TemplateCache;
  /**
   * The document's plain data when the caller already has it (the server derives it from the
   * previous version's data after a one-scalar edit, sharing every unchanged object); it must be
   * what `doc.toJS()` returns. The schema check reuses its results for step objects it has seen.
   */
  data?: unknown;
}

/**
 * The model of YAML documents already parsed from `text` (the first is the workflow; more are an
 * error). For callers that keep a parsed document up to date themselves, such as the language
 * server patching one scalar in place while the user types inside it; node ranges must match `text`.
 */
export function buildModel(list: Document[], text: string, file: string, options: BuildOptions = {}): WorkflowModel {
  return build(() => list, text, file, options);
}

/**
 * The model of `text`, whose YAML documents `parse` gives; it is not called for a text over the size
 * limit. The limit is checked here, for both entries: the language server's scalar-edit path builds
 * models from a patched document, and typing could take a file past it.
 */
function build(parse: () => Document[], text: string, file: string, options: BuildOptions): WorkflowModel {
  const lines = createLineIndex(text);
  const parseDiagnostics: Diagnostic[] = [];
  const emptyScope: Scope = { steps: [], parent: undefined, owner: undefined, range: { start: 0, end: 0 } };
  const model: WorkflowModel = {
    file,
    text,
    name: defaultWorkflowName(file),
    inputs: [],
    env: {},
    config: { maxConcurrency: 10, continueOnError: false },
    outputs: [],
    outputTemplates: [],
    settingTemplates: [],
    root: emptyScope,
    allSteps: [],
    yaml: undefined,
    data: undefined,
    parseDiagnostics,
    lines,
  };

  const size = sizeOverLimit(text);
  if (size !== undefined) {
    parseDiagnostics.push({
      code: 'file-too-large',
      severity: 'error',
      message: `this file is ${megabytes(size)}; Weft reads workflow files of up to ${megabytes(MAX_WORKFLOW_BYTES, 0)}`,
      // The first line, whatever ends it (a lone CR is a line break too).
      range: { start: 0, end: lineEndAt(text, 0) },
    });
    return model;
  }
  // What the scans for line ends below (messages, template positions) read: the text the parser saw,
  // lone CRs as line feeds, at the same offsets.
  const source = withLineFeeds(text);
  const list = parse();
  const doc = list[0] as Document | undefined;
  if (list.length > 1) {
    const second = list[1];
    const at = second.range?.[0] ?? text.length;
    const dashes = text.lastIndexOf('---', at);
    const marker = dashes >= 0 ? dashes : at;
    parseDiagnostics.push({
      code: 'yaml-syntax',
      severity: 'error',
      message: `a workflow file holds one YAML document, but this one has ${list.length}: remove the '---' that starts the second, or move it into its own file`,
      range: { start: marker, end: Math.min(text.length, marker + 3) },
    });
  }
  if (!doc) return model;
  model.yaml = doc;
  parseDiagnostics.push(...yamlErrors(doc, source, lines));
  try {
    model.data = options.data !== undefined ? options.data : doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    parseDiagnostics.push(expansionError(doc, source, e as Error));
    return model;
  }
  const top = resolveNode(doc, doc.value);
  if (!isMap(top)) return model;
  const data = (model.data && typeof model.data === 'object' ? model.data : {}) as Record<string, unknown>;

  if (typeof data.name === 'string' && data.name.trim()) model.name = data.name;
  if (typeof data.description === 'string') model.description = data.description;
  model.inputs = readInputs(doc, top, data.inputs);
  if (data.env && typeof data.env === 'object' && !Array.isArray(data.env)) {
    for (const [k, v] of Object.entries(data.env)) setOwn(model.env, k, v == null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  }
  readConfig(model, data.config);

  // Without a cache kept across analyses, one for this build: a workflow repeats many of its
  // templates (`${inputs.topic}`, the same prompt over a fan-out), and parses are never mutated.
  const cache = options.templates ?? new TemplateCache();
  cache.nextGeneration();
  const parseTemplate = (value: string) => cache.parse(value);
  const ctx: BuildContext = { doc, text: source, allSteps: model.allSteps, parseTemplate };
  const stepsPair = pairValue(doc, top, 'steps');
  model.root = buildScope(ctx, stepsPair?.value, data.steps, undefined, undefined, '');
  if (!stepsPair) model.root.range = { start: 0, end: 0 };

  for (const key of ['env', 'config']) {
    const node = pairValue(doc, top, key)?.value;
    if (node) collectTemplates(doc, source, node, [key], () => false, model.settingTemplates, parseTemplate);
  }

  const outputsNode = pairValue(doc, top, 'outputs')?.value;
  if (isMap(outputsNode)) {
    const outData = (data.outputs ?? {}) as Record<string, unknown>;
    for (const { name, pair } of mapPairs(doc, outputsNode)) {
      const found: TemplateString[] = [];
      collectTemplates(doc, source, pair.value, ['outputs', name], () => false, found, parseTemplate);
      model.outputTemplates.push(...found);
      model.outputs.push({ name, nameRange: rangeOf(pair.key as Node)!, value: found.length === 1 && found[0].fieldPath.length === 2 ? found[0] : outData[name] });
    }
  }
  return model;
}

/** The input types a declaration may name; the model reads any other as `string` (the schema reports it). */
export const INPUT_TYPES: ReadonlySet<string> = new Set(['string', 'number', 'boolean', 'object', 'array']);

function readInputs(doc: Document, top: Node, data: unknown): InputDecl[] {
  const node = isMap(top) ? pairValue(doc, top, 'inputs')?.value : undefined;
  if (!isMap(node) || !data || typeof data !== 'object') return [];
  const values = data as Record<string, unknown>;
  const out: InputDecl[] = [];
  for (const { name, pair } of mapPairs(doc, node)) {
    const v = values[name];
    const nameRange = rangeOf(pair.key as Node)!;
    if (v && typeof v === 'object' && !Array.isArray(v) && ('type' in v || 'default' in v || 'description' in v || 'required' in v)) {
      const o = v as Record<string, unknown>;
      const type = (INPUT_TYPES.has(o.type as string) ? o.type : 'string') as InputDecl['type'];
      const hasDefault = 'default' in o;
      out.push({
        name,
        nameRange,
        type,
        default: o.default,
        required: typeof o.required === 'boolean' ? o.required && !hasDefault : !hasDefault,
        description: typeof o.description === 'string' ? o.description : undefined,
      });
    } else {
      const type: InputDecl['type'] = Array.isArray(v) ? 'array' : v === null ? 'string' : typeof v === 'object' ? 'object' : (['number', 'boolean'].includes(typeof v) ? typeof v : 'string') as InputDecl['type'];
      out.push({ name, nameRange, type, default: v ?? undefined, required: v === null || v === undefined });
    }
  }
  return out;
}

function readConfig(model: WorkflowModel, config: unknown): void {
  if (!config || typeof config !== 'object' || Array.isArray(config)) return;
  const c = config as Record<string, unknown>;
  if (typeof c.maxConcurrency === 'number' && Number.isInteger(c.maxConcurrency) && c.maxConcurrency >= 1) model.config.maxConcurrency = c.maxConcurrency;
  if (typeof c.continueOnError === 'boolean') model.config.continueOnError = c.continueOnError;
  model.config.timeoutMs = parseDuration(c.timeout);
  model.config.retries = retryPolicy(c.retries);
  if (c.llm && typeof c.llm === 'object') model.config.llm = c.llm as Record<string, unknown>;
}

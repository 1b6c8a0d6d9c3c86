// Text -> model: parses a workflow file with the `yaml` package (source ranges kept) and extracts
// the top level, inputs, config and the tree of steps. Never throws on bad input: YAML problems
// become `yaml-syntax` diagnostics and the model holds whatever could be read.
import { isMap, isPair, isScalar, parseAllDocuments, visit, type Document, type Node } from 'yaml';
import { buildScope, pairValue, resolveNode, retryPolicy, type BuildContext } from './build-steps.js';
import { parseDuration } from './duration.js';
import { createLineIndex } from './line-index.js';
import { collectTemplates, rangeOf } from './template-strings.js';
import type { Diagnostic, InputDecl, Scope, TemplateString, WorkflowModel } from './types.js';

export const WORKFLOW_FILE_PATTERNS = ['*.weft.yaml', '*.weft.yml', '*.workflow.yaml', '*.workflow.yml'];

/** The workflow's default name: the file name without directories and extensions. */
export function defaultWorkflowName(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.(weft|workflow)\.ya?ml$/i, '').replace(/\.ya?ml$/i, '') || base;
}

export function parseWorkflow(text: string, file: string): WorkflowModel {
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
    root: emptyScope,
    allSteps: [],
    yaml: undefined,
    data: undefined,
    parseDiagnostics,
    lines,
  };

  const docs = parseAllDocuments(text, { keepSourceTokens: true, merge: true, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [];
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
  // The `yaml` package follows a real mistake with errors that only restate it, on the same line or
  // the next: keep the first of such a run.
  let lastLine = -2;
  for (const err of doc.errors) {
    const [start, end] = err.pos;
    const line = lines.positionAt(start).line;
    if (line <= lastLine + 1) continue;
    lastLine = line;
    parseDiagnostics.push(yamlDiagnostic(doc, text, err.code, yamlMessage(err.message), Math.min(start, text.length), Math.min(Math.max(end, start), text.length)));
  }
  try {
    model.data = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    // Point at the alias whose anchor is missing, when that is the problem.
    let range = { start: 0, end: Math.min(text.length, 1) };
    let message = `the YAML cannot be expanded: ${(e as Error).message}`;
    const anchors: string[] = [];
    visit(doc, {
      Node(_, node) {
        if (node.anchor && !anchors.includes(node.anchor)) anchors.push(node.anchor);
      },
      Alias(_, node) {
        if (node.range && !node.resolve(doc) && range.start === 0) {
          range = { start: node.range[0], end: node.range[1] };
          message = `unknown anchor '*${node.source}': define '&${node.source}' before this alias`;
        }
      },
    });
    if (range.start > 0 && anchors.length) message += ` (anchors in this file: ${anchors.map((a) => `&${a}`).join(', ')})`;
    parseDiagnostics.push({ code: 'yaml-syntax', severity: 'error', message, range });
    return model;
  }
  const top = resolveNode(doc, doc.contents);
  if (!isMap(top)) return model;
  const data = (model.data && typeof model.data === 'object' ? model.data : {}) as Record<string, unknown>;

  if (typeof data.name === 'string' && data.name.trim()) model.name = data.name;
  if (typeof data.description === 'string') model.description = data.description;
  model.inputs = readInputs(doc, top, data.inputs);
  if (data.env && typeof data.env === 'object' && !Array.isArray(data.env)) {
    for (const [k, v] of Object.entries(data.env)) model.env[k] = v == null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  readConfig(model, data.config);

  const ctx: BuildContext = { doc, text, allSteps: model.allSteps };
  const stepsPair = pairValue(doc, top, 'steps');
  model.root = buildScope(ctx, stepsPair?.value, data.steps, undefined, undefined, '');
  if (!stepsPair) model.root.range = { start: 0, end: 0 };

  const outputsNode = pairValue(doc, top, 'outputs')?.value;
  if (isMap(outputsNode)) {
    const outData = (data.outputs ?? {}) as Record<string, unknown>;
    for (const pair of outputsNode.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const name = String(pair.key.value);
      const found: TemplateString[] = [];
      collectTemplates(doc, text, pair.value, ['outputs', name], () => false, found);
      model.outputTemplates.push(...found);
      model.outputs.push({ name, nameRange: rangeOf(pair.key as Node)!, value: found.length === 1 && found[0].fieldPath.length === 2 ? found[0] : outData[name] });
    }
  }
  return model;
}

/** Moves a YAML error onto the token a person has to fix. */
function yamlDiagnostic(doc: Document, text: string, code: string, message: string, start: number, end: number): Diagnostic {
  const diag = (s: number, e: number, m = message): Diagnostic => ({ code: 'yaml-syntax', severity: 'error', message: m, range: { start: s, end: e } });
  if (code === 'BAD_INDENT' && /flow (sequence|map)/.test(message)) {
    // Reported where the next line starts; the mistake is the bracket that was never closed.
    const open = unclosedBracket(text, start);
    if (open >= 0) {
      const close = text[open] === '[' ? ']' : '}';
      return diag(open, open + 1, `this '${text[open]}' is never closed: add '${close}' to end the ${text[open] === '[' ? 'list' : 'mapping'}`);
    }
  }
  if (code === 'BAD_INDENT' && /^[ \t]*$/.test(text.slice(start, end))) {
    // Reported on the indentation; point at the key that is indented wrongly instead.
    const m = /^[ \t]*([^\s:#][^\s:]*)/.exec(text.slice(start));
    if (m) {
      const s = start + m[0].length - m[1].length;
      return diag(s, s + m[1].length, `'${m[1]}' is not aligned with the keys above it: ${message}`);
    }
  }
  if (code === 'BLOCK_AS_IMPLICIT_KEY') {
    // `shell: echo "status: ok"`: a plain value with ': ' in it reads as a key. Mark the value.
    const lineEnd = text.indexOf('\n', start);
    const rest = text.slice(start, lineEnd < 0 ? text.length : lineEnd).replace(/\s+(#.*)?$/, '');
    if (/: /.test(rest) && !/^["'[{]/.test(rest)) return diag(start, start + rest.length, "this value contains ': ', which YAML reads as a key: put the whole value in quotes (or use a block scalar '|')");
    // A line indented deeper than the value above continues that value, and its ': ' then makes the
    // whole thing a key: the mistake is that line's indentation.
    const next = lineEnd < 0 ? '' : text.slice(lineEnd + 1, (text.indexOf('\n', lineEnd + 1) + 1 || text.length + 1) - 1).replace(/\r$/, '');
    const m = /^([ \t]*)(\S.*?)\s*$/.exec(next);
    if (m && /: |:$/.test(m[2])) {
      const s0 = lineEnd + 1 + m[1].length;
      return diag(s0, s0 + m[2].length, `this line is indented deeper than the one above, so YAML reads it as part of the value '${rest}': line it up with the keys or items above`);
    }
  }
  if (code === 'DUPLICATE_KEY') {
    const key = /^[^:\s]+/.exec(text.slice(start))?.[0];
    if (key) return diag(start, start + key.length, `'${key}' appears twice in this mapping; a key may appear only once`);
  }
  if (code === 'MISSING_CHAR' && /quote/.test(message)) {
    // Reported where the string stops (the end of a line, or of the file); mark the string's first
    // line from its opening quote instead.
    let open: [number, number] | undefined;
    visit(doc, {
      Scalar(_, node) {
        const r = node.range;
        if (!r || (node.type !== 'QUOTE_DOUBLE' && node.type !== 'QUOTE_SINGLE') || r[0] > start) return;
        const q = text[r[0]];
        if (r[1] - r[0] < 2 || text[r[1] - 1] !== q) open = [r[0], r[1]];
      },
    });
    if (open) {
      const lineEnd = text.indexOf('\n', open[0]);
      const stop = Math.min(open[1], lineEnd < 0 ? text.length : lineEnd);
      return diag(open[0], stop, `this string has no closing ${text[open[0]]}: add it where the string ends`);
    }
  }
  return diag(start, end);
}

/** Offset of the last `[` or `{` before `at` that is not closed before it (outside quotes and comments), or -1. */
function unclosedBracket(text: string, at: number): number {
  const stack: number[] = [];
  let quote = '';
  for (let i = 0; i < at; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      else if (c === '\n' && stack.length === 0) quote = '';
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i < at && text[i] !== '\n') i++;
      continue;
    }
    if ((c === '"' || c === "'") && (stack.length > 0 || /[\s:[{,-]/.test(text[i - 1] ?? ' '))) quote = c;
    else if (c === '[' || c === '{') stack.push(i);
    else if ((c === ']' || c === '}') && stack.length) stack.pop();
  }
  return stack.length ? stack[stack.length - 1] : -1;
}

function yamlMessage(message: string): string {
  const first = message.split('\n')[0].replace(/\s+at line \d+, column \d+:?$/, '').trim();
  return first.charAt(0).toLowerCase() + first.slice(1);
}

function readInputs(doc: Document, top: Node, data: unknown): InputDecl[] {
  const node = isMap(top) ? pairValue(doc, top, 'inputs')?.value : undefined;
  if (!isMap(node) || !data || typeof data !== 'object') return [];
  const values = data as Record<string, unknown>;
  const out: InputDecl[] = [];
  for (const pair of node.items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const name = String(pair.key.value);
    const v = values[name];
    const nameRange = rangeOf(pair.key as Node)!;
    if (v && typeof v === 'object' && !Array.isArray(v) && ('type' in v || 'default' in v || 'description' in v || 'required' in v)) {
      const o = v as Record<string, unknown>;
      const type = (['string', 'number', 'boolean', 'object', 'array'].includes(o.type as string) ? o.type : 'string') as InputDecl['type'];
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

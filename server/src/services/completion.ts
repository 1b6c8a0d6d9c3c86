// Completion: template paths inside `${` (roots, functions, step ids visible from the cursor and not
// closing a cycle, per-step fields, known output fields, inputs, env, run), `needs` entries, and
// schema keys and values (with a snippet per action kind). Works on half-typed, broken text: the
// context comes from the current line, and the steps from the last well-formed analysis.
import type { CompletionItem, MarkupContent, Position } from 'vscode-languageserver-types';
import { CompletionItemKind, InsertTextFormat, InsertTextMode, MarkupKind } from 'vscode-languageserver-types';
import type { Analysis } from '../../../engine/src/analysis/types.js';
import type { Scope, Step } from '../../../engine/src/model/types.js';
import { ACTION_KINDS, BLOCK_KINDS } from '../../../engine/src/model/types.js';
import { FUNCTIONS } from '../../../engine/src/template/ast.js';
import { withoutBom } from '../../../engine/src/model/read-workflow-file.js';
import type { ServiceEnv } from './context.js';
import { cursorContext } from './cursor-context.js';
import { jsonPreview, shorten } from './one-line.js';
import { callInputItems, isCallInputsPath } from './call-inputs.js';
import { templateText } from './call-outputs.js';
import { owningForeach } from './item-refs.js';
import { isWorkflowPathValue, pathCompletion } from './path-completion.js';
import {
  FUNCTION_DOCS, RUN_PROPERTIES, lineBreakOf, lineEndAt, lineStartAt, nextLineStart, stepProperties,
} from '../engine-api.js';
import { cycleBlocked, itemNames, resolveId, scopeAt, stepAt, summary, visibleSteps, wouldCycle } from './step-info.js';

export interface CompletionInput {
  /** The current text and the cursor in it. */
  text: string;
  offset: number;
  positionAt(offset: number): Position;
  /** The best analysis available (possibly of an older, well-formed version) and the cursor mapped into its text. */
  analysis: Analysis | undefined;
  analysisOffset: number;
}

const ACTION_SNIPPETS: Record<string, string[]> = {
  shell: ['shell: ${1:echo hello}'],
  http: ['http:', '  method: ${1|GET,POST,PUT,PATCH,DELETE|}', '  url: ${2:https://example.com}'],
  file: ['file:', '  action: ${1|read,write,append,exists,list|}', '  path: ${2:data.txt}'],
  llm: ['llm:', '  prompt: ${1:Summarize: \\${steps.${2:step}.output\\}}'],
  stub: ['stub:', '  output: ${1:value}'],
  parallel: ['parallel:', '  branches:', '    ${1:first}:', '      - id: ${2:a}', '        stub: true', '    ${3:second}:', '      - id: ${4:b}', '        stub: true'],
  foreach: ['foreach:', '  items: ${1:\\${steps.list.output\\}}', '  as: ${2:item}', '  steps:', '    - id: ${3:each}', '      shell: echo \\${${2:item}\\}'],
  workflow: ['workflow:', '  path: ${1:./other.weft.yaml}'],
};

/** The same in flow style, on one line, for a step written as a flow mapping (`- {id: c, |}`). */
const FLOW_ACTION_SNIPPETS: Record<string, string> = {
  shell: 'shell: ${1:echo hello}',
  http: 'http: {method: ${1|GET,POST,PUT,PATCH,DELETE|}, url: ${2:https://example.com}}',
  file: 'file: {action: ${1|read,write,append,exists,list|}, path: ${2:data.txt}}',
  llm: 'llm: {prompt: "${1:Summarize: \\${steps.${2:step}.output\\}}"}',
  stub: 'stub: {output: ${1:value}}',
  parallel: 'parallel: [{id: ${1:a}, stub: true}, {id: ${2:b}, stub: true}]',
  foreach: 'foreach: {items: "${1:\\${steps.list.output\\}}", as: ${2:item}, steps: [{id: ${3:each}, shell: "echo \\${${2:item}\\}"}]}',
  workflow: 'workflow: {path: ${1:./other.weft.yaml}}',
};

const ACTIONS = new Set<string>([...ACTION_KINDS, ...BLOCK_KINDS]);

/**
 * Items without a `textEdit` replace `editRange` with their label (sent once as the list's
 * `itemDefaults.editRange`, or spread into each item for clients without that).
 */
export interface CompletionResult {
  items: CompletionItem[];
  editRange?: { start: Position; end: Position };
  /** True when the list was cut to MAX_ITEMS: the client asks again as the user types more. */
  isIncomplete?: boolean;
}

/** At most this many step ids per answer (the nearest to the cursor); the rest come by typing. */
export const MAX_ITEMS = 1000;

export function completion(input: CompletionInput, env: ServiceEnv): CompletionResult {
  const ctx = cursorContext(input.text, input.offset);
  if (ctx.kind === 'none') return { items: [] };
  if (ctx.kind === 'value' && isWorkflowPathValue(ctx.parents, ctx.key)) {
    const paths = pathCompletion(ctx.valueText, input.offset, input.positionAt, env);
    if (paths) return paths.isIncomplete ? paths : { items: paths.items };
  }
  // The cursor may be inside a word (`${steps.s|h.output}`, `needs: [fe|tch]`, `method: P|OST`): an
  // item replaces the whole word, else accepting `sh` writes `shh`.
  const wordEnd = ctx.kind === 'key' ? input.offset : input.offset + (ctx.kind === 'value' ? /^[\w$.-]*/ : /^[\w-]*/).exec(input.text.slice(input.offset, input.offset + 256))![0].length;
  const editRange = { start: input.positionAt(ctx.partialStart), end: input.positionAt(wordEnd) };
  const list = items(ctx, input, env, editRange, input.text[wordEnd] === '(');
  if (list.length <= MAX_ITEMS) return { items: list, editRange };
  // A very large workflow: keep the ids that match what is typed, nearest to the cursor first.
  const typed = ctx.partial.toLowerCase();
  const matching = typed ? list.filter((i) => subsequence(typed, i.label.toLowerCase())) : list;
  if (matching.length <= MAX_ITEMS) return { items: matching, editRange, isIncomplete: true };
  const near = (i: CompletionItem) => Math.abs(((i.data as { at?: number } | undefined)?.at ?? 0) - input.analysisOffset);
  return { items: [...matching].sort((x, y) => near(x) - near(y)).slice(0, MAX_ITEMS), editRange, isIncomplete: true };
}

function subsequence(needle: string, hay: string): boolean {
  let j = 0;
  for (let i = 0; i < hay.length && j < needle.length; i++) if (hay[i] === needle[j]) j++;
  return j === needle.length;
}

/** `callFollows`: a `(` follows the word the items replace (a function is then inserted by its name alone). */
function items(ctx: Exclude<ReturnType<typeof cursorContext>, { kind: 'none' }>, input: CompletionInput, env: ServiceEnv, editRange: { start: Position; end: Position }, callFollows: boolean): CompletionItem[] {
  const a = input.analysis;
  switch (ctx.kind) {
    case 'template': {
      const r = editRange;
      const item = (label: string, kind: CompletionItemKind, detail?: string, doc?: string, sortText?: string): CompletionItem => ({
        label, kind, detail, documentation: doc, sortText,
      });
      const segs = ctx.segments;
      const scope = a ? scopeAt(a, input.analysisOffset) : undefined;
      if (segs.length === 0) {
        if (ctx.afterDot) return [];
        const out: CompletionItem[] = [
          item('steps', CompletionItemKind.Module, 'steps.ID.output', 'The results of other steps.'),
          item('inputs', CompletionItemKind.Module, 'inputs.NAME', 'The workflow inputs.'),
          item('env', CompletionItemKind.Module, 'env.NAME', 'Environment variables (env: and the process environment).'),
          item('run', CompletionItemKind.Module, Object.keys(RUN_PROPERTIES).map((p) => `run.${p}`).join(', '), 'The current run.'),
        ];
        const names = scope ? itemNames(scope) : [];
        for (const n of names) out.push(item(n, CompletionItemKind.Variable, 'foreach item', 'The current item of the enclosing foreach.'));
        if (names.length) out.push(item('index', CompletionItemKind.Variable, 'foreach index', 'The position of the current item (0-based).'));
        for (const f of FUNCTIONS) {
          out.push({
            label: f, kind: CompletionItemKind.Function, detail: FUNCTION_DOCS[f]?.signature ?? `${f}(…)`, documentation: functionMarkdown(f),
            insertTextFormat: InsertTextFormat.Snippet, textEdit: { range: r, newText: callFollows ? f : `${f}($1)` },
          });
        }
        return out;
      }
      const [root, ...rest] = segs;
      if ((!a || !a.model.allSteps.length) && root === 'steps' && rest.length === 0) return idsByScan(input.text);
      if (!a || !scope) return [];
      if (root === 'steps') {
        if (rest.length === 0) return stepIdItems(a, scope, stepAt(a, input.analysisOffset));
        const target = resolveId(scope, rest[0]);
        if (!target) return [];
        if (rest.length === 1) {
          // The analyser's table for X's kind: exactly the names its unknown-property check accepts.
          return Object.entries(stepProperties(target.kind)).map(([name, doc], i) =>
            item(name, CompletionItemKind.Field, `${target.id}.${name}`, sentence(doc), String(i).padStart(2, '0')));
        }
        if (rest[1] === 'output') {
          // A parallel block's output is an object keyed by its branch names (language spec 2.2).
          // Each name once: a shorthand list with two steps of one id (a duplicate-id error) makes two
          // branches of that name, one field of the output.
          if (rest.length === 2 && target.kind === 'parallel' && target.branches) {
            return target.branches.filter((b, i, all) => all.findIndex((o) => o.name === b.name) === i).map((b) => {
              const last = b.scope.steps[b.scope.steps.length - 1];
              return item(b.name, CompletionItemKind.Field, `branch${last ? ` · output of '${last.id}'` : ''}`);
            });
          }
          // A workflow step's output is the called file's `outputs` object (language spec 2.2): its
          // declared names, each with its template (as the called file writes it) as detail.
          const declared = target.kind === 'workflow' ? calledOutputs(a, target) : undefined;
          if (declared) {
            const inner = navigate(declared, rest.slice(2));
            if (!inner || typeof inner !== 'object' || Array.isArray(inner)) return [];
            const doc = `An output of \`${target.workflowPath?.value ?? 'the called workflow'}\`.`;
            return Object.entries(inner as Record<string, unknown>).map(([k, v]) => item(k, CompletionItemKind.Field, typeof v === 'string' ? shorten(v, 60) : jsonPreview(v, 60), doc));
          }
          const value = knownOutput(target, env);
          const inner = navigate(value, rest.slice(2));
          if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
            return Object.entries(inner as Record<string, unknown>).map(([k, v]) => item(k, CompletionItemKind.Field, jsonPreview(v, 60)));
          }
        }
        return [];
      }
      if (root === 'inputs' && rest.length === 0) {
        return a.model.inputs.map((i) => item(i.name, CompletionItemKind.Variable, `${i.type}${i.required ? ' (required)' : ''}`, i.description));
      }
      if (root === 'env' && rest.length === 0) {
        const seen = new Set<string>();
        const out: CompletionItem[] = [];
        for (const [k, v] of Object.entries(a.model.env ?? {})) { seen.add(k); out.push(item(k, CompletionItemKind.Variable, 'env (workflow)', String(v), '0' + k)); }
        for (const k of Object.keys(env.processEnv)) if (!seen.has(k) && /^[A-Za-z_][\w]*$/.test(k)) out.push(item(k, CompletionItemKind.Variable, 'env (process)', undefined, '1' + k));
        return out;
      }
      if (root === 'run' && rest.length === 0) return Object.entries(RUN_PROPERTIES).map(([name, doc]) => item(name, CompletionItemKind.Field, `run.${name}`, sentence(doc)));
      const foreach = owningForeach(scope, root);
      if (foreach) return itemFields(foreach, rest).map(([k, v]) => item(k, CompletionItemKind.Field, jsonPreview(v, 60), `A field of the items of \`${foreach.id}\`.`));
      return [];
    }
    case 'needs': {
      if (!a) return [];
      const scope = scopeAt(a, input.analysisOffset);
      const listed = new Set(ctx.listed);
      return stepIdItems(a, scope, stepAt(a, input.analysisOffset)).filter((i) => !listed.has(i.label));
    }
    case 'key': {
      const present = ctx.flowKeys ? new Set(ctx.flowKeys) : siblingKeys(input.text, input.offset, ctx.column);
      // Under a `workflow` step's `inputs:`: the called file's inputs not given yet.
      if (isCallInputsPath(ctx.parents)) return (a && callInputItems(a, input.analysisOffset, present, editRange)) ?? [];
      const props = env.schema.properties(ctx.parents);
      if (!props.size) return [];
      const flow = !!ctx.flowKeys;
      const isStep = props.has('id') && props.has('shell');
      const hasAction = isStep && [...present].some((k) => ACTIONS.has(k));
      const out: CompletionItem[] = [];
      const r = editRange;
      const pad = ' '.repeat(ctx.column);
      // Inserted lines end like the document's (an editor other than VS Code may insert them as they are).
      const eol = lineBreakOf(input.text);
      for (const [name, p] of props) {
        if (present.has(name)) continue;
        if (isStep && ACTIONS.has(name)) {
          if (hasAction) continue;
          const lines = ACTION_SNIPPETS[name];
          out.push({
            label: name, kind: CompletionItemKind.Snippet, detail: BLOCK_KINDS.includes(name as never) ? 'block' : 'action',
            documentation: schemaDoc(p.description), insertTextFormat: InsertTextFormat.Snippet, insertTextMode: InsertTextMode.asIs,
            textEdit: { range: r, newText: flow ? FLOW_ACTION_SNIPPETS[name] : lines.map((l, i) => (i ? pad + l : l)).join(eol) }, sortText: '1' + name,
          });
          continue;
        }
        const objectLike = p.schemas.some((s) => s.type === 'object' || (s.properties && !s.type)) && !p.schemas.some((s) => s.type === 'string' || (Array.isArray(s.type) && s.type.includes('string')));
        out.push({
          label: name, kind: CompletionItemKind.Property, documentation: schemaDoc(p.description),
          insertTextFormat: InsertTextFormat.Snippet, insertTextMode: InsertTextMode.asIs,
          textEdit: { range: r, newText: objectLike ? (flow ? `${name}: {$0}` : `${name}:${eol}${pad}  $0`) : `${name}: $0` },
          sortText: (name === 'id' ? '0' : '2') + name,
        });
      }
      return out;
    }
    case 'value': {
      const values = env.schema.values([...ctx.parents, ctx.key]);
      // One item per text: a schema can allow a value both as itself and as its text (an input's
      // default of type boolean takes true and 'true'), which are the same word to type.
      const labels = new Set(values.filter((v) => v !== null && typeof v !== 'object').map((v) => String(v)));
      return [...labels].map((label) => ({ label, kind: CompletionItemKind.EnumMember }));
    }
    default:
      return [];
  }
}

/** A schema description, which is markdown (code spans, ```yaml examples), as hover shows it. */
function schemaDoc(description: string | undefined): MarkupContent | undefined {
  return description ? { kind: MarkupKind.Markdown, value: description } : undefined;
}

/** A description from the analyser's tables (`the HTTP status code`) as a sentence: `The HTTP status code.` */
export function sentence(doc: string): string {
  return doc ? doc[0].toUpperCase() + doc.slice(1) + (/[.!?]$/.test(doc) ? '' : '.') : doc;
}

/**
 * A function's documentation from the analyser's table (`length(x)`: what it returns, how many
 * arguments), or undefined for a name that is not a function, `toString` included.
 */
export function functionMarkdown(name: string): MarkupContent | undefined {
  const f = FUNCTION_DOCS[name];
  if (!f) return undefined;
  const [min, max] = f.arity;
  const count = min === max ? `${min} argument${min === 1 ? '' : 's'}` : `${min} to ${max} arguments`;
  return { kind: MarkupKind.Markdown, value: `\`${f.signature}\`: ${f.doc}.\n\nTakes ${count}.` };
}

/** Last resort while nothing parses: every `id:` in the text, unscoped. */
function idsByScan(text: string): CompletionItem[] {
  const seen = new Set<string>();
  for (const m of text.matchAll(/^[ \t-]*id[ \t]*:[ \t]*["']?([A-Za-z_][\w-]*)/gm)) seen.add(m[1]);
  return [...seen].map((id) => ({ label: id, kind: CompletionItemKind.Reference }));
}

const idItemCache = new WeakMap<Analysis, Map<Scope, Map<Step | undefined, CompletionItem[]>>>();

/** Ids visible from `scope`, without those that would close a cycle from `from` (cached per analysis). */
function stepIdItems(a: Analysis, scope: Scope, from: Step | undefined): CompletionItem[] {
  let byScope = idItemCache.get(a);
  if (!byScope) idItemCache.set(a, (byScope = new Map()));
  let byFrom = byScope.get(scope);
  if (!byFrom) byScope.set(scope, (byFrom = new Map()));
  const hit = byFrom.get(from);
  if (hit) return hit;
  const bad = from ? wouldCycle(a, from) : new Set<Step>();
  const blocked = cycleBlocked(a);
  const out: CompletionItem[] = [];
  let i = 0;
  for (const s of visibleSteps(scope)) {
    i++;
    if (bad.has(s)) continue;
    const stage = a.stages.get(s);
    out.push({
      label: s.id,
      kind: CompletionItemKind.Reference,
      detail: `${s.kind ?? 'step'}${blocked.has(s) ? ` · ${blocked.get(s)}` : stage ? ` · stage ${stage}` : ''}`,
      labelDetails: { description: summary(s) },
      sortText: `${String(stage ?? 0).padStart(5, '0')}${String(i).padStart(6, '0')}`,
      data: { at: s.range.start },
    });
  }
  byFrom.set(from, out);
  return out;
}

/**
 * The output of a step when known: a stub's literal output; for a block, the shape its steps give
 * (language spec 2.2: a foreach's is an array of its last step's output, a parallel block's an object
 * of each branch's last step's output); else the last run's recorded output.
 */
export function knownOutput(step: Step, env: ServiceEnv, depth = 0): unknown {
  if (step.kind === 'stub') {
    const s = (step.raw as Record<string, unknown>).stub;
    if (s && typeof s === 'object' && 'output' in s) {
      const out = (s as Record<string, unknown>).output;
      if (!(typeof out === 'string' && out.includes('${'))) return out;
    }
  }
  if (depth < 32) {
    const lastOf = (sc: Scope) => sc.steps[sc.steps.length - 1];
    if (step.kind === 'foreach' && step.body) {
      const last = lastOf(step.body);
      const each = last && knownOutput(last, env, depth + 1);
      if (each !== undefined) return [each];
    }
    if (step.kind === 'parallel' && step.branches) {
      const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      let known = false;
      for (const b of step.branches) {
        const last = lastOf(b.scope);
        const v = last && knownOutput(last, env, depth + 1);
        if (v !== undefined) { Object.defineProperty(out, b.name, { value: v, enumerable: true, writable: true, configurable: true }); known = true; }
      }
      if (known) return out;
    }
  }
  return env.history?.output(step.path)?.value;
}

/**
 * The `outputs` a `workflow` step's called file declares, as an object (a template as its text), or
 * undefined when the file could not be read or declares none (its output is then its last step's).
 */
function calledOutputs(a: Analysis, step: Step): Record<string, unknown> | undefined {
  const outputs = a.subWorkflows.get(step)?.model.outputs;
  if (!outputs?.length) return undefined;
  const out: Record<string, unknown> = {};
  for (const o of outputs) out[o.name] = templateText(o) ?? o.value;
  return out;
}

/**
 * The fields at `segs` inside the items a foreach lists literally (`items: [{name: a}, ...]`), each
 * with the first value it has, in order of appearance: the keys of every item that is a mapping
 * there. None when the items come from a template (known only at run time).
 */
function itemFields(foreach: Step, segs: string[]): [string, unknown][] {
  const items = (foreach.raw.foreach as { items?: unknown } | undefined)?.items;
  if (!Array.isArray(items)) return [];
  const out = new Map<string, unknown>();
  for (const it of items) {
    const inner = navigate(it, segs);
    if (!inner || typeof inner !== 'object' || Array.isArray(inner)) continue;
    for (const [k, v] of Object.entries(inner)) if (!out.has(k)) out.set(k, v);
  }
  return [...out];
}

function navigate(value: unknown, segs: string[]): unknown {
  let cur = value;
  for (const s of segs) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (s === '[]') cur = Array.isArray(cur) ? cur[0] : undefined;
    // Own keys only: `output.constructor.` names no field of the output.
    else cur = Array.isArray(cur) || !Object.hasOwn(cur, s) ? undefined : (cur as Record<string, unknown>)[s];
  }
  return cur;
}

/** Keys already present in the mapping the cursor's line belongs to (same column, same item). */
function siblingKeys(text: string, offset: number, column: number): Set<string> {
  const out = new Set<string>();
  const lineStart = lineStartAt(text, offset);
  const curLineHasDash = /^ *- /.test(text.slice(lineStart, offset));
  // The first line without a byte order mark, which is not content (the key after it is a sibling).
  const lineAt = (start: number) => {
    const line = text.slice(start, lineEndAt(text, start));
    return start === 0 ? withoutBom(line) : line;
  };
  const classify = (line: string) => {
    const spaces = /^ */.exec(line)![0].length;
    const lead = /^[ -]*/.exec(line)![0];
    const m = /^([A-Za-z_$][\w$-]*)\s*:/.exec(line.slice(lead.length));
    return { spaces, keyCol: lead.length, hasDash: lead.includes('-'), key: m?.[1] };
  };
  if (!curLineHasDash) {
    let pos = lineStart;
    for (let n = 0; n < 2000 && pos > 0; n++) {
      const start = lineStartAt(text, pos - 1);
      const line = lineAt(start);
      pos = start;
      if (!line.trim() || line.trim().startsWith('#')) continue;
      const c = classify(line);
      if (c.spaces < column) {
        if (c.hasDash && c.keyCol === column && c.key) out.add(c.key);
        break;
      }
      if (c.keyCol === column && c.key) out.add(c.key);
    }
  }
  for (let pos = nextLineStart(text, offset), n = 0; n < 2000 && pos >= 0; n++, pos = nextLineStart(text, pos)) {
    const line = lineAt(pos);
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const c = classify(line);
    if (c.spaces < column) break;
    if (c.keyCol === column && c.key) out.add(c.key);
  }
  return out;
}

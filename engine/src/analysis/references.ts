// Resolves every `${...}` path and `needs` entry against the scope rules, and reports what cannot be
// resolved: unknown steps, inputs, properties, roots and functions, `item` outside a foreach, and
// template syntax errors. Emits one StepReference per step id mentioned.
import type { Diagnostic, Range, Scope, Step, TemplateString, WorkflowModel } from '../model/types.js';
import type { Expr } from '../template/ast.js';
import { nameTable } from '../model/name-table.js';
import { spelledAsIs } from '../model/template-strings.js';
import { GITHUB_ROOTS, githubContextHint } from './github-contexts.js';
import { isIdentifier } from '../template/lexer.js';
import { walkExpr } from '../template/parse.js';
import { foreachItemNames, resolveStep, visibleSteps, ancestors } from './scopes.js';
import { FUNCTION_DOCS, RUN_PROPERTIES, stepProperties } from './step-properties.js';
import { argoInputHint, argoRootHint } from './argo-paths.js';
import { checkStatusComparison } from './status-values.js';
import { fixData, named } from './segment-names.js';
import { didYouMean, meaning } from './suggest.js';
import type { StepReference } from './types.js';

export interface ReferenceResult {
  references: StepReference[];
  diagnostics: Diagnostic[];
}

export function resolveReferences(model: WorkflowModel): ReferenceResult {
  const out: ReferenceResult = { references: [], diagnostics: [] };
  const inputNames = new Set(model.inputs.map((i) => i.name));
  for (const step of model.allSteps) {
    for (const ts of step.templates) checkTemplate(model, ts, step, step.scope, inputNames, out);
    for (const need of step.needs) {
      const target = resolveStep(step.scope, need.id);
      out.references.push({ from: step, id: need.id, range: need.range, via: 'needs', target, properties: [] });
      // An id that breaks the id rule (`needs: a, c`, `needs: fetch data`) is the schema's error, on
      // the same token: a second 'unknown step' there says nothing more.
      if (!target && isIdentifier(need.id)) out.diagnostics.push(unknownStep(model, step.scope, need.id, need.range, step, 'needs'));
    }
  }
  for (const ts of model.outputTemplates) checkTemplate(model, ts, undefined, model.root, inputNames, out);
  // env: and config: as the run reads them (workflow-frame.ts, attempts.ts): no step, no item.
  for (const ts of model.settingTemplates) checkTemplate(model, ts, undefined, model.root, inputNames, out);
  return out;
}

/** `env 'A'`, `config.timeout`: the setting a template of model.settingTemplates is in, else undefined. */
function settingOf(ts: TemplateString, from: Step | undefined): string | undefined {
  if (from) return undefined;
  const [top, key, ...rest] = ts.fieldPath;
  if (top === 'env') return `env '${String(key)}'`;
  if (top === 'config') return ['config', key, ...rest].filter((k) => k !== undefined).join('.');
  return undefined;
}

/** Why `${steps.ID...}` cannot be read in `setting` (settingOf), and what to write instead. */
function stepInSettingMessage(id: string, setting: string, ts: TemplateString): string {
  const why = `${setting} cannot read step '${id}'`;
  if (ts.fieldPath[0] === 'env') return `${why}: env: is read before any step runs; give the value to the step that needs it, in its own fields (shell: {run: ..., env: {${String(ts.fieldPath[1])}: ...}})`;
  if (ts.fieldPath[1] === 'llm') return `${why}: config.llm holds defaults for every llm step and waits for no step; write the value in the llm step's own fields, where it waits for '${id}'`;
  return `${why}: config: is read before any step runs, so no step's value can reach it`;
}

function checkTemplate(
  model: WorkflowModel,
  ts: TemplateString,
  from: Step | undefined,
  scope: Scope,
  inputNames: Set<string>,
  out: ReferenceResult,
): void {
  const src = (r: Range): Range => ({ start: ts.toSource(r.start), end: ts.toSource(r.end) });
  const diag = (code: Diagnostic['code'], message: string, r: Range, data?: Diagnostic['data']) =>
    out.diagnostics.push({ code, severity: 'error', message, range: src(r), ...(data ? { data } : {}) });
  for (const err of ts.template.errors) {
    // A fix is offered only where the source spells the range as the value does (no escapes, folds).
    const fixable = err.suggestion !== undefined && spelledAsIs(ts, model.text, err.range);
    diag('template-syntax', err.message, err.range, fixable ? { suggestion: inScalar(err.suggestion!, model.text[ts.range.start]) } : undefined);
  }
  const itemNames = foreachItemNames(scope);
  for (const part of ts.template.parts) {
    if (part.kind !== 'expr') continue;
    walkExpr(part.expr, (e) => {
      if (e.type === 'call') {
        if (!(e.name.name in FUNCTION_DOCS)) {
          const name = e.name.name;
          const synonym = FUNCTION_SYNONYMS[name.toLowerCase()];
          const hint = synonym ? meaning(synonym) : didYouMean(name, Object.keys(FUNCTION_DOCS));
          const fallback = GITHUB_STATUS_FUNCTIONS.has(name) ? `: ${STATUS_FUNCTION_HINT}` : `; the functions are ${Object.keys(FUNCTION_DOCS).join(', ')}`;
          diag('unknown-function', `unknown function '${name}'${hint.text || fallback}`, e.name.range, hint.suggestion ? { suggestion: hint.suggestion } : undefined);
        } else {
          const [min, max] = FUNCTION_DOCS[e.name.name].arity;
          if (e.args.length < min || e.args.length > max) {
            diag('template-syntax', `${FUNCTION_DOCS[e.name.name].signature} takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? '' : 's'}, not ${e.args.length}`, e.range);
          }
        }
        return;
      }
      if (e.type === 'binary') checkStatusComparison(e, ts, scope, diag);
      if (e.type !== 'path') return;
      checkPath(model, ts, e, from, scope, inputNames, itemNames, out, diag);
    });
  }
}

/**
 * `s` as it is written inside the YAML scalar whose source starts with `opener`: a double-quoted
 * scalar escapes `\` and `"`, a single-quoted one doubles `'`, any other takes it as it is (a fix's
 * `'it\'s'` in `if: "${x == 'it''s'}"` must be written `'it\\'s'`).
 */
function inScalar(s: string, opener: string | undefined): string {
  if (opener === '"') return s.replace(/[\\"]/g, '\\$&');
  if (opener === "'") return s.replace(/'/g, "''");
  return s;
}

/** GitHub's spellings of Weft's functions (lower case). */
const FUNCTION_SYNONYMS = nameTable<string>({ tojson: 'json', fromjson: 'fromJson' });
/** GitHub's job-status functions, which Weft has no counterpart of. */
const GITHUB_STATUS_FUNCTIONS = new Set(['always', 'success', 'failure', 'cancelled']);
const STATUS_FUNCTION_HINT = "Weft has no status functions; a step runs when the steps it waits for succeeded, and under continueOnError its condition reads their status: ${steps.ID.status == 'failed'}";

/** Reports a diagnostic of the template being checked (`r` in the template's value). */
export type Diag = (code: Diagnostic['code'], message: string, r: Range, data?: Diagnostic['data']) => void;

function checkPath(
  model: WorkflowModel,
  ts: TemplateString,
  e: Extract<Expr, { type: 'path' }>,
  from: Step | undefined,
  scope: Scope,
  inputNames: Set<string>,
  itemNames: readonly string[],
  out: ReferenceResult,
  diag: Diag,
): void {
  const root = e.root.name;
  const first = e.segments[0];
  switch (root) {
    case 'steps': {
      // `${steps}` and `steps[...]` name no step: the engine refuses them when it evaluates the
      // template, and the graph could not know what the step waits for, so they are errors here too
      // (unless the template is already reported as malformed: `${steps` while typing).
      if (!first || first.kind !== 'prop') {
        if (ts.template.errors.length) return;
        if (first) diag('template-syntax', bracketStepMessage(first.expr), first.range);
        else diag('template-syntax', 'steps must be followed by a step id: write steps.ID.output', e.root.range);
        return;
      }
      if (first.name === '') return; // half-typed `${steps.`: reported as a syntax error already
      const range = { start: ts.toSource(first.range.start), end: ts.toSource(first.range.end) };
      const setting = settingOf(ts, from);
      if (setting) {
        // No step is visible there, whatever its id: no reference, so no edge in the graph.
        out.diagnostics.push({ code: 'unknown-step', severity: 'error', message: stepInSettingMessage(first.name, setting, ts), range });
        return;
      }
      const target = resolveStep(scope, first.name);
      const properties: StepReference['properties'] = [];
      for (const seg of e.segments.slice(1)) {
        if (seg.kind !== 'prop') break;
        properties.push({ name: seg.name, range: { start: ts.toSource(seg.range.start), end: ts.toSource(seg.range.end) } });
      }
      out.references.push({ from, id: first.name, range, via: 'template', target, properties, host: ts, expr: e });
      if (!target) {
        out.diagnostics.push(unknownStep(model, scope, first.name, range, from));
        return;
      }
      checkStepProperties(target, e, ts, diag);
      return;
    }
    case 'inputs': {
      const input = named(first, ts);
      if (input && !inputNames.has(input.name)) {
        const argo = input.name === 'parameters' ? argoInputHint(e, ts, model.text, inputNames) : undefined;
        if (argo) {
          diag('unknown-input', argo.message, argo.range, argo.suggestion ? { suggestion: argo.suggestion } : undefined);
          return;
        }
        const hint = didYouMean(input.name, inputNames);
        const declared = inputNames.size ? `the inputs are ${[...inputNames].join(', ')}` : 'this workflow declares no inputs';
        diag('unknown-input', `unknown input '${input.name}'${hint.text || `; ${declared}`}`, input.range, fixData(input, hint.suggestion));
      }
      return;
    }
    case 'env':
      return;
    case 'run': {
      const prop = named(first, ts);
      if (prop && !(prop.name in RUN_PROPERTIES)) {
        const hint = didYouMean(prop.name, Object.keys(RUN_PROPERTIES));
        diag('unknown-property', `'run' has no property '${prop.name}'${hint.text || `; it has ${Object.keys(RUN_PROPERTIES).join(', ')}`}`, prop.range, fixData(prop, hint.suggestion));
      }
      return;
    }
    default:
      break;
  }
  // `as: file` renames the item: `${item}` is then not bound (the engine binds only the `as` name).
  if (root === 'item' && itemNames.length && !itemNames.includes('item')) {
    let owner: Step | undefined;
    for (let s: Scope | undefined = scope; s && !owner; s = s.parent) if (s.itemName) owner = s.owner;
    diag('unknown-root', `unknown name 'item': foreach '${owner?.id ?? ''}' names its item '${itemNames[0]}' (as: ${itemNames[0]}); use \${${itemNames[0]}}`, e.root.range, { suggestion: itemNames[0] });
    return;
  }
  // The item name of a foreach this reference is not inside (`as: file`, then `${file}` after the loop).
  const namedBy = itemNames.includes(root) ? undefined : (root === 'item' ? undefined : foreachByItem(model).get(root));
  const isItem = root === 'index' || root === 'item' || itemNames.includes(root) || !!namedBy;
  if (isItem) {
    if (itemNames.length === 0 || namedBy) {
      const own = from?.kind === 'foreach' && ts.fieldPath[0] === 'foreach' ? from : undefined;
      const loop = namedBy ?? own;
      const message = own
        ? `'${root}' exists only inside the steps of foreach '${own.id}', not in its own fields`
        : loop
          ? `'${root}' is the item of foreach '${loop.id}' and exists only inside its steps`
          : `'${root}' exists only inside the steps of a foreach${from ? `, and '${from.id}' is not inside one` : ''}`;
      diag('item-outside-foreach', message, e.root.range);
    }
    return;
  }
  const resolves = (id: string) => !!resolveStep(scope, id);
  const foreign = root === 'tasks' || root === 'workflow'
    ? argoRootHint(e, ts, model.text, inputNames, resolves)
    : GITHUB_ROOTS.has(root) ? githubContextHint(e, ts, model.text, resolves) : undefined;
  if (foreign) {
    diag('unknown-root', foreign.message, foreign.range, foreign.suggestion ? { suggestion: foreign.suggestion } : undefined);
    return;
  }
  const roots = ['steps', 'inputs', 'env', 'run', ...itemNames, ...(itemNames.length ? ['index'] : [])];
  const hint = didYouMean(root, [...roots, ...(itemNames.length ? [] : ['item', 'index'])]);
  // Names other tools use for secrets and variables: Weft reads them from the environment.
  const envHint = root === 'secrets' || root === 'vars' ? `; secrets and variables come from the environment: use \${env.${e.segments[0]?.kind === 'prop' && e.segments[0].name ? e.segments[0].name : 'NAME'}}` : '';
  diag('unknown-root', `unknown name '${root}'${hint.text || envHint || `; an expression starts with ${roots.join(', ')}, a literal or a function`}`, e.root.range, hint.suggestion ? { suggestion: hint.suggestion } : undefined);
}

/** Why `steps[...]` is refused, with the dotted form when the index is a literal id (`steps['a']`). */
function bracketStepMessage(index: Expr): string {
  const id = index.type === 'literal' && typeof index.value === 'string' && isIdentifier(index.value) ? index.value : undefined;
  return id
    ? `a step is named with '.', not '[...]': write steps.${id}`
    : "a step is named with '.', not '[...]': write steps.ID, so that what the step waits for is known before the run";
}

/** Other tools' names for a step's properties: GitHub's `outcome`/`conclusion`, Argo's `phase` and `outputs.result`. */
const PROPERTY_SYNONYMS = nameTable<string>({ outcome: 'status', conclusion: 'status', phase: 'status', result: 'output', stdout: 'output' });

function checkStepProperties(target: Step, e: Extract<Expr, { type: 'path' }>, ts: TemplateString, diag: Diag): void {
  const prop = named(e.segments[1], ts);
  if (!prop) return;
  const props = stepProperties(target.kind);
  if (!(prop.name in props)) {
    const synonym = PROPERTY_SYNONYMS[prop.name];
    const hint = synonym ? meaning(synonym) : didYouMean(prop.name, Object.keys(props));
    const kind = target.kind ? ` (${target.kind})` : '';
    diag('unknown-property', `step '${target.id}'${kind} has no property '${prop.name}'${hint.text || `; it has ${Object.keys(props).join(', ')}`}`, prop.range, fixData(prop, hint.suggestion));
    return;
  }
  if (prop.name !== 'output') return;
  const field = named(e.segments[2], ts);
  if (!field) return;
  if (target.kind === 'foreach') {
    const problem = foreachOutputField(target, field.name);
    if (problem) diag('unknown-property', problem, field.range);
    return;
  }
  const known = knownOutputFields(target);
  const problem = known && unknownOutputField(target, field.name, known, `; it has ${known.join(', ') || 'no fields'}`);
  if (problem) diag('unknown-property', problem.message, field.range, fixData(field, problem.suggestion));
  else if (known) checkNestedFields(target, e, ts, diag);
}

/**
 * A foreach's output is a list (spec 2.2), and the run reads a name on a list as nothing but
 * `length` or an index (`['1']` is item 1): `${steps.loop.output.up}` (Argo's habit of naming the
 * loop's step) is always empty. The message for such a name, undefined for one the run reads.
 */
function foreachOutputField(target: Step, name: string): string | undefined {
  if (name === 'length' || Number.isInteger(Number(name))) return undefined;
  const body = target.body?.steps ?? [];
  const last = body[body.length - 1]?.id;
  const entry = last ? ` (each the output of its last step '${last}')` : '';
  return `the output of foreach '${target.id}' is a list, one entry per item${entry}, so it has no field '${name}'; index it: \${steps.${target.id}.output[0]}`;
}

/**
 * The fields below the first of a stub's literal output (`output.db.prot`): each level that is a
 * mapping in the file has the keys written there (keys are never templates); a value that is not a
 * mapping (text, which a template may turn into anything; a list) is not looked into. The first level
 * is there: the caller reported it otherwise.
 */
function checkNestedFields(target: Step, e: Extract<Expr, { type: 'path' }>, ts: TemplateString, diag: Diag): void {
  let value: unknown = stubOutput(target);
  for (let i = 2; i < e.segments.length && isMapping(value); i++) {
    const field = named(e.segments[i], ts);
    if (!field) return;
    if (!Object.hasOwn(value, field.name)) {
      const at = ['output', ...e.segments.slice(2, i).map((s) => named(s, ts)!.name)].join('.');
      const keys = Object.keys(value);
      const hint = didYouMean(field.name, keys);
      diag('unknown-property', `'${at}' of '${target.id}' has no field '${field.name}'${hint.text || `; it has ${keys.join(', ') || 'no fields'}`}`, field.range, fixData(field, hint.suggestion));
      return;
    }
    value = value[field.name];
  }
}

const isMapping = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** A stub's `output` as written, when the step is a stub with an output. */
function stubOutput(step: Step): unknown {
  const stub = step.raw.stub;
  return isMapping(stub) ? stub.output : undefined;
}

/**
 * The message (and "did you mean" suggestion) of `unknown-property` for the field `name` of `target`'s output
 * when `known` lacks it, undefined when it has it; `listed` ends the message when no name is close.
 * Shared by the fields known from the file itself (knownOutputFields) and by those a called file
 * declares (call-outputs.ts).
 */
export function unknownOutputField(target: Step, name: string, known: readonly string[], listed: string): { message: string; suggestion?: string } | undefined {
  if (known.includes(name)) return undefined;
  const hint = didYouMean(name, known);
  return { message: `the output of '${target.id}' has no field '${name}'${hint.text || listed}`, suggestion: hint.suggestion };
}

/** Field names of a step's output when they are known statically (stub literal, parallel branches). */
export function knownOutputFields(step: Step): string[] | undefined {
  if (step.kind === 'stub') {
    // A mapping's keys are as written even when its values are templates (only values are evaluated).
    const output = stubOutput(step);
    return isMapping(output) ? Object.keys(output) : undefined;
  }
  if (step.kind === 'parallel' && step.branches) return step.branches.map((b) => b.name);
  return undefined;
}

/**
 * The ids visible from a scope and the hint found for each unknown id there. A broken file can name
 * unknown steps thousands of times, often the same one (a renamed step), and each search measures the
 * id against every visible id.
 */
const hintsByScope = new WeakMap<Scope, { visible: string[]; hints: Map<string, ReturnType<typeof didYouMean>> }>();
/**
 * Per model: the first step of each id, anywhere, and how many "did you mean" searches are left. Kept
 * with the model, as the hints are with its scopes, so analysing one model again gives the same answers.
 */
const unknownState = new WeakMap<WorkflowModel, { byId: Map<string, Step>; searchesLeft: number }>();
/**
 * How many different unknown ids get a "did you mean" search in one model (a file as parsed once),
 * as TypeScript gives spelling suggestions for the first few unresolved names of a file only: past
 * that, a file is broken wholesale (5,000 different unknown ids among 5,000 steps took 13 s to
 * search) and each further unknown id is reported without one.
 */
const SEARCHES_PER_MODEL = 100;

/**
 * `via` is how the id is written: a `needs` entry is fixed by naming the block there (`needs: gather`,
 * offered as the fix); a template reads the block's output instead.
 */
function unknownStep(model: WorkflowModel, scope: Scope, id: string, range: Range, from: Step | undefined, via: StepReference['via'] = 'template'): Diagnostic {
  let state = unknownState.get(model);
  if (!state) {
    unknownState.set(model, (state = { byId: new Map(), searchesLeft: SEARCHES_PER_MODEL }));
    for (const s of model.allSteps) if (s.id && !state.byId.has(s.id)) state.byId.set(s.id, s);
  }
  let cached = hintsByScope.get(scope);
  if (!cached) hintsByScope.set(scope, (cached = { visible: visibleSteps(scope).map((s) => s.id), hints: new Map() }));
  const visible = cached.visible;
  let hint = cached.hints.get(id);
  if (!hint) {
    hint = state.searchesLeft > 0 ? didYouMean(id, visible) : { text: '' };
    state.searchesLeft--;
    cached.hints.set(id, hint);
  }
  let message = `unknown step '${id}'${hint.text}`;
  let suggestion = hint.suggestion;
  const hidden = state.byId.get(id);
  if (hidden) suggestion = undefined;
  if (!suggestion) {
    if (hidden) {
      // Walk out from the hidden step: the first block that also encloses the reference has them in
      // different branches; the first block visible from here is the one whose output to use.
      const owners = new Set<Step | undefined>();
      for (let s: Scope | undefined = scope; s; s = s.parent) owners.add(s.owner);
      for (const block of ancestors(hidden)) {
        if (owners.has(block)) {
          message = `step '${id}' is in another branch of '${block.id}'; branches run independently and cannot reference each other`;
          break;
        }
        if (block === from) {
          message = `step '${id}' is inside '${block.id}' itself; the fields of a block cannot use the steps inside it`;
          break;
        }
        if (resolveStep(scope, block.id) === block) {
          const instead = via === 'needs' ? `wait for the whole block instead: needs: ${block.id}` : `use \${steps.${block.id}.output} instead`;
          message = `step '${id}' is inside block '${block.id}' and cannot be seen from here; ${instead}`;
          if (via === 'needs') suggestion = block.id;
          break;
        }
      }
    } else if (visible.length === 0) {
      message = `unknown step '${id}'; no step is visible from here`;
    }
  }
  return { code: 'unknown-step', severity: 'error', message, range, ...(suggestion ? { data: { suggestion } } : {}) };
}

const foreachCache = new WeakMap<WorkflowModel, Map<string, Step>>();
function foreachByItem(model: WorkflowModel): Map<string, Step> {
  let m = foreachCache.get(model);
  if (!m) {
    m = new Map();
    for (const s of model.allSteps) if (s.kind === 'foreach' && s.body?.itemName && !m.has(s.body.itemName)) m.set(s.body.itemName, s);
    foreachCache.set(model, m);
  }
  return m;
}

// `workflow` steps: loads the called files through the host (read only, never executed), analyses
// them, and reports calls that cannot be read (`workflow-not-found`), that reach their own file
// (`workflow-cycle`), or whose file has errors (`workflow-invalid`), and literal inputs the called
// file would refuse (`unknown-input`).
import * as path from 'node:path';
import type { Node } from 'yaml';
import { isMap } from '../model/yaml-nodes.js';
import { pairValue, resolveNode } from '../model/build-steps.js';
import { findPair, headRange } from '../model/yaml-node-at-path.js';
import { rangeOf } from '../model/template-strings.js';
import type { Diagnostic, Step, WorkflowModel } from '../model/types.js';
import { literalInputProblem } from './input-types.js';
import { didYouMean } from './suggest.js';
import type { AnalyseOptions, Analysis, Unreadable } from './types.js';

/**
 * The called file's absolute path: `relative` from the calling file's folder. None when the calling
 * file has no folder (an editor's unsaved document, named by a URI such as `untitled:Untitled-1`)
 * and the path is relative: resolving it against the process's working folder would read some
 * unrelated file.
 */
export function resolveWorkflowPath(model: WorkflowModel, relative: string): string | undefined {
  if (!hasFolder(model.file) && !path.isAbsolute(relative)) return undefined;
  return path.resolve(path.dirname(model.file), relative);
}

/**
 * A file name with a URI scheme (`untitled:`; not a Windows drive letter, as a scheme here has two or
 * more letters) names no folder on disk. Such a name is never an absolute path, on POSIX or Windows.
 */
function hasFolder(file: string): boolean {
  return !/^[a-z][a-z0-9+.-]+:/i.test(file);
}

export function analyseCalls(
  model: WorkflowModel,
  options: AnalyseOptions,
  analyseChild: (text: string, file: string, options: AnalyseOptions) => Analysis,
): { diagnostics: Diagnostic[]; subWorkflows: Map<Step, Analysis> } {
  const diagnostics: Diagnostic[] = [];
  const subWorkflows = new Map<Step, Analysis>();
  const host = options.host;
  if (!host) return { diagnostics, subWorkflows };
  const self = path.resolve(model.file);
  const chain = [...(options.callChain ?? []), self];
  const cache = (options.callCache ??= new Map());
  // Files as this file's folder sees them, so messages do not depend on where the project lives.
  const shown = (files: string[]) => files.map((f) => path.relative(path.dirname(self), f).replace(/\\/g, '/') || path.basename(f)).join(' -> ');
  const seen = new Map<string, Called>();
  for (const step of model.allSteps) {
    // An empty path is the schema's error alone (resolved, it named this file's folder).
    if (step.kind !== 'workflow' || !step.workflowPath?.value) continue;
    const target = resolveWorkflowPath(model, step.workflowPath.value);
    const range = step.workflowPath.range;
    if (target === undefined) {
      diagnostics.push({ code: 'workflow-not-found', severity: 'error', message: `workflow file '${step.workflowPath.value}' is relative to this file's folder, and this file is not saved: save it to check the call`, range });
      continue;
    }
    const at = chain.indexOf(target);
    if (at >= 0) {
      // `loop` starts and ends with the file the call reaches again (absolute paths, passed up in `data`).
      const loop = [...chain.slice(at), target];
      const message = target === self ? `this call reaches its own file: ${shown(loop)}` : `this call leads back to '${path.basename(target)}': ${shown(loop)}`;
      diagnostics.push({ code: 'workflow-cycle', severity: 'error', message, range, data: { loop } });
      continue;
    }
    // Several steps calling one file share its analysis (the call chain is the same for all of them);
    // without this, a file calling a child three times, which calls its child three times, ... grows
    // exponentially with the depth.
    let called = seen.get(target);
    if (!called) {
      const text = host.readFile(target);
      if (text === undefined) {
        const why = host.whyUnreadable?.(target);
        const hint = why === undefined || why.code === 'missing' ? missingHint(step.workflowPath.value, target, host) : undefined;
        diagnostics.push({ code: 'workflow-not-found', severity: 'error', message: notFoundMessage(step.workflowPath.value, why, hint), range });
        continue;
      }
      called = calledFile(childAnalysis(target, text, chain, options, cache, analyseChild));
      seen.set(target, called);
    }
    const { analysis: child, cycle, errors } = called;
    subWorkflows.set(step, child);
    if (cycle) {
      const loop = cycle.data!.loop as string[];
      const i = loop.indexOf(self);
      // This file on the loop: spell it from here. Otherwise the call leads into someone else's loop.
      const message = i >= 0
        ? `'${step.workflowPath.value}' calls back into this file: ${shown([...loop.slice(i, -1), ...loop.slice(0, i), self])}`
        : `'${step.workflowPath.value}' leads into a workflow cycle: ${shown(loop)}`;
      diagnostics.push({ code: 'workflow-cycle', severity: 'error', message, range, data: { loop } });
    }
    if (errors.length) diagnostics.push(invalidCall(step.workflowPath.value, child, errors, range));
    // A called file that is not a YAML mapping (not YAML, empty, a list) declares nothing to check
    // the call's inputs against: its workflow-invalid says why.
    if (!child.model.parseDiagnostics.length && isMap(child.model.yaml && resolveNode(child.model.yaml, child.model.yaml.value))) checkCallInputs(step, child, diagnostics, model);
  }
  return { diagnostics, subWorkflows };
}

/**
 * What the calls of one file need from its analysis, looked for once per file: a file called from
 * thousands of steps would otherwise have all its diagnostics scanned again at each call.
 */
interface Called {
  analysis: Analysis;
  /** A loop the file's analysis passes up (a `workflow-cycle` with its `loop`). */
  cycle: Diagnostic | undefined;
  /** The errors that make a call of it `workflow-invalid`: all but `workflow-cycle`. */
  errors: Diagnostic[];
}

function calledFile(analysis: Analysis): Called {
  return {
    analysis,
    cycle: analysis.diagnostics.find((d) => d.code === 'workflow-cycle' && Array.isArray(d.data?.loop)),
    errors: analysis.diagnostics.filter((d) => d.severity === 'error' && d.code !== 'workflow-cycle'),
  };
}

/** How many of a called file's errors the call's diagnostic links to (related information). */
const RELATED_ERRORS = 10;

/**
 * The call of a file that has errors of its own (`errors`, not empty; a cycle through it is
 * reported as `workflow-cycle`): the run refuses the whole workflow, so `weft validate`, the editor
 * and the run agree that it cannot run. The message quotes the first error; related information
 * points at them.
 */
function invalidCall(shown: string, child: Analysis, errors: Diagnostic[], range: Diagnostic['range']): Diagnostic {
  const first = errors[0];
  const line = child.model.lines.positionAt(first.range.start).line + 1;
  const count = errors.length === 1 ? 'an error, so this workflow cannot run:' : `${errors.length} errors, so this workflow cannot run; the first,`;
  return {
    code: 'workflow-invalid',
    severity: 'error',
    message: `'${shown}' has ${count} line ${line}: ${first.message}`,
    range,
    related: errors.slice(0, RELATED_ERRORS).map((d) => ({ file: child.model.file, range: d.range, message: `${d.code}: ${d.message}` })),
  };
}

/** A called file's analysis, from the shared cache when no file of the current chain lies below it. */
function childAnalysis(
  target: string,
  text: string,
  chain: string[],
  options: AnalyseOptions,
  cache: NonNullable<AnalyseOptions['callCache']>,
  analyseChild: (text: string, file: string, options: AnalyseOptions) => Analysis,
): Analysis {
  const hit = cache.get(target);
  if (hit && hit.chainFree && !chain.some((f) => hit.reaches.has(f))) return hit.analysis;
  const analysis = analyseChild(text, target, { ...options, callChain: chain, callCache: cache });
  const reaches = new Set<string>();
  for (const [, sub] of analysis.subWorkflows) {
    const file = path.resolve(sub.model.file);
    reaches.add(file);
    for (const f of cache.get(file)?.reaches ?? []) reaches.add(f);
  }
  const chainFree = !chain.some((f) => reaches.has(f)) && !analysis.diagnostics.some((d) => d.code === 'workflow-cycle');
  cache.set(target, { analysis, reaches, chainFree });
  return analysis;
}

function checkCallInputs(step: Step, child: Analysis, out: Diagnostic[], model: WorkflowModel): void {
  const wf = step.raw.workflow as Record<string, unknown> | undefined;
  const values = wf && typeof wf.inputs === 'object' && wf.inputs ? (wf.inputs as Record<string, unknown>) : {};
  const given = Object.keys(values);
  const declared = new Set(child.model.inputs.map((i) => i.name));
  const missing = child.model.inputs.filter((i) => i.required && !given.includes(i.name)).map((i) => i.name);
  // Point at the input's key under `workflow.inputs` (or at `inputs`/`workflow` for a missing one).
  const wfNode = model.yaml && isMap(step.node) ? pairValue(model.yaml, step.node, 'workflow')?.value : undefined;
  const inputsPair = model.yaml && isMap(wfNode) ? pairValue(model.yaml, wfNode, 'inputs') : undefined;
  // An input's pair under `workflow.inputs`, its value as written (an alias, not the anchor it names).
  const inputPair = (name: string) => (model.yaml && isMap(inputsPair?.value) ? findPair(model.yaml, inputsPair.value, name) : undefined);
  const fallback = rangeOf(inputsPair?.key) ?? step.kindRange ?? step.idRange;
  for (const name of given.filter((g) => !declared.has(g))) {
    const hint = didYouMean(name, declared);
    out.push({
      code: 'unknown-input',
      severity: 'error',
      message: `'${step.workflowPath!.value}' declares no input '${name}'${hint.text || (declared.size ? `; its inputs are ${[...declared].join(', ')}` : '; it declares no inputs')}`,
      range: rangeOf(inputPair(name)?.key as Node | undefined) ?? fallback,
      ...(hint.suggestion ? { data: { suggestion: hint.suggestion } } : {}),
    });
  }
  // Literal values the run would refuse for the declared type (a template's value is not known here).
  for (const decl of child.model.inputs) {
    if (!Object.prototype.hasOwnProperty.call(values, decl.name)) continue;
    const problem = literalInputProblem(decl, values[decl.name]);
    if (!problem) continue;
    // On the value (a block collection's first line), else the key: an empty value has no extent.
    const pair = inputPair(decl.name);
    out.push({
      code: 'unknown-input',
      severity: 'error',
      message: `input '${decl.name}' of '${step.workflowPath!.value}' ${problem}`,
      range: headRange(pair?.value ?? undefined, model.text) ?? rangeOf(pair?.key as Node | undefined) ?? fallback,
    });
  }
  // `workflow: ./file` has no place for inputs yet: its schema error (with the mapping to write) says it.
  if (missing.length && typeof step.raw.workflow !== 'string') {
    out.push({
      code: 'unknown-input',
      severity: 'error',
      message: `'${step.workflowPath!.value}' needs the input${missing.length > 1 ? 's' : ''} ${missing.map((m) => `'${m}'`).join(', ')}; give ${missing.length > 1 ? 'them' : 'it'} under workflow.inputs`,
      range: fallback,
    });
  }
}

/** The message for a call whose file cannot be read: not found (with where paths start), or why not. */
function notFoundMessage(shown: string, why: Unreadable | undefined, hint: string | undefined): string {
  const relative = "the path is relative to this file's folder";
  if (why === undefined) return `workflow file '${shown}' not found (${hint ?? 'or not a readable file'}); ${relative}`;
  if (why.code === 'missing') {
    const notes = [why.note, hint].filter(Boolean).join('; ');
    return `workflow file '${shown}' not found${notes ? ` (${notes})` : ''}; ${relative}`;
  }
  return `workflow file '${shown}' cannot be read: ${why.phrase}`;
}

const WORKFLOW_EXTENSIONS = ['.weft.yaml', '.weft.yml', '.yaml', '.yml'];

/**
 * What a path not found probably meant: `~/` is not the home folder here (a shell's expansion), or
 * the same name with a workflow extension, when such a file can be read.
 */
function missingHint(value: string, target: string, host: NonNullable<AnalyseOptions['host']>): string | undefined {
  if (/^~[\\/]/.test(value)) return '~ is not expanded to the home folder';
  if (/\.ya?ml$/i.test(value)) return undefined;
  const ext = WORKFLOW_EXTENSIONS.find((e) => host.readFile(target + e) !== undefined);
  return ext ? `did you mean '${value}${ext}'?` : undefined;
}

// The workflow model: what the parser builds from YAML text, with a source range on everything a
// diagnostic, a hover or a rename may point at. Every later stage (analysis, plan, run, LSP, views)
// reads this model; nothing writes back into it.
import type { Node as YamlNode, Document as YamlDocument } from 'yaml';
import type { Template } from '../template/ast.js';

/** Half-open range of character offsets into the document text. */
export interface Range {
  start: number;
  end: number;
}

export const ACTION_KINDS = ['shell', 'http', 'file', 'llm', 'stub'] as const;
export const BLOCK_KINDS = ['parallel', 'foreach', 'workflow'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];
export type BlockKind = (typeof BLOCK_KINDS)[number];
export type StepKind = ActionKind | BlockKind;

export function isBlockKind(kind: StepKind | undefined): kind is BlockKind {
  return kind === 'parallel' || kind === 'foreach' || kind === 'workflow';
}

/** One `${...}` occurrence's host: a string value somewhere in the workflow. */
export interface TemplateString {
  /** The scalar's value as YAML produced it (escapes resolved, block scalars folded). */
  value: string;
  /** Range of the whole scalar in the source (quotes included). */
  range: Range;
  /** Maps an offset inside `value` to an offset in the source text. */
  toSource: (valueOffset: number) => number;
  /** The parsed template (text parts and expressions, ranges relative to `value`). */
  template: Template;
  /** JSON-pointer-like location of the value inside the step, e.g. ['http', 'headers', 'X']. */
  fieldPath: (string | number)[];
}

/** A `needs` entry. */
export interface NeedsEntry {
  id: string;
  range: Range;
}

/** A named branch of a `parallel` block. */
export interface Branch {
  name: string;
  /** Range of the branch name key (for shorthand lists: the step's id). */
  nameRange: Range;
  scope: Scope;
}

/** One steps list: ids are unique within it and resolve outward through `parent`. */
export interface Scope {
  steps: Step[];
  parent: Scope | undefined;
  /** The block step that owns this list (undefined for the top level). */
  owner: Step | undefined;
  /** For a branch scope: the branch name. */
  branch?: string;
  /** For a foreach body: the item variable name (`as`, default `item`). */
  itemName?: string;
  /** Range of the `steps:` sequence (or the branch list). */
  range: Range;
}

export interface RetryPolicy {
  max: number;
  delayMs: number;
  backoff: 'fixed' | 'exponential';
  maxDelayMs: number;
}

export interface Step {
  id: string;
  /** Position in `WorkflowModel.allSteps` (document order): the analysis numbers its graphs by it. */
  index: number;
  /** Range of the id value (falls back to the step's range when the id is missing). */
  idRange: Range;
  /** Range of the whole step mapping. */
  range: Range;
  /** The action or block key; undefined when the step has none or several (a schema error). */
  kind: StepKind | undefined;
  /** Range of the action/block key. */
  kindRange: Range | undefined;
  name?: string;
  description?: string;
  needs: NeedsEntry[];
  /** Milliseconds, from `timeout` (per attempt). */
  timeoutMs?: number;
  retries?: RetryPolicy;
  continueOnError?: boolean;
  /** Every templated string in the step's own fields (not inside its children). */
  templates: TemplateString[];
  /** The step as plain data (aliases resolved), for the engine. */
  raw: Record<string, unknown>;
  /** The YAML node of the step mapping. */
  node: YamlNode;
  /** The scope this step belongs to. */
  scope: Scope;
  /**
   * Unique path in the static tree (interfaces spec): enclosing block ids and branch names, then the
   * id, joined by `/` (`analyses/summary/sum`). A shorthand `parallel: [...]` list makes each step its
   * own branch named after it, and the path does not repeat the name (`quick/a`). Foreach iterations
   * add their index at run time (`per_file/3/size`); statically the body's steps are `per_file/size`.
   */
  path: string;
  /** Block contents. */
  branches?: Branch[];
  /** foreach body / sub-workflow has no static children here (see analysis for sub-workflows). */
  body?: Scope;
  /** For `workflow` steps: the literal path (relative to the file), when it is a plain string. */
  workflowPath?: { value: string; range: Range };
}

export interface InputDecl {
  name: string;
  nameRange: Range;
  type: 'string' | 'number' | 'boolean' | 'object' | 'array';
  default?: unknown;
  required: boolean;
  description?: string;
}

export interface WorkflowModel {
  /** Absolute path or URI of the file, as given by the caller. */
  file: string;
  text: string;
  /** The workflow name (`name:` or the file name without extensions). */
  name: string;
  description?: string;
  inputs: InputDecl[];
  env: Record<string, string>;
  config: {
    maxConcurrency: number;
    continueOnError: boolean;
    timeoutMs?: number;
    retries?: RetryPolicy;
    llm?: Record<string, unknown>;
  };
  /** `outputs:` templates, by name. */
  outputs: { name: string; nameRange: Range; value: TemplateString | unknown }[];
  /** Templates found in top-level `outputs`. */
  outputTemplates: TemplateString[];
  /**
   * Templates found in the top-level `env:` and `config:` values (field paths start with `env` or
   * `config`). The run evaluates `env:` and config's policy fields before any step runs, and
   * `config.llm` for every llm step apart from the steps' graph: no step is visible in them.
   */
  settingTemplates: TemplateString[];
  root: Scope;
  /** Every step of the file in document order (depth-first). */
  allSteps: Step[];
  /** The parsed YAML document; undefined when the text is not YAML at all. */
  yaml: YamlDocument | undefined;
  /** The whole document as plain data (aliases resolved). */
  data: unknown;
  /** Problems found while parsing (yaml-syntax, multi-document). */
  parseDiagnostics: Diagnostic[];
  /** Converts offsets to 0-based line/character positions. */
  lines: LineIndex;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export type DiagnosticCode =
  | 'yaml-syntax'
  | 'schema'
  | 'duplicate-id'
  | 'unknown-step'
  | 'cycle'
  | 'unknown-input'
  | 'unknown-property'
  | 'unknown-root'
  | 'unknown-function'
  | 'template-syntax'
  | 'workflow-cycle'
  | 'workflow-not-found'
  | 'workflow-invalid'
  | 'file-race'
  | 'if-always-true'
  | 'foreign-template'
  | 'template-not-evaluated'
  | 'item-outside-foreach'
  | 'file-too-large';

export interface RelatedInfo {
  file: string;
  range: Range;
  message: string;
}

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  range: Range;
  /** Other places that belong to the same problem (the other duplicate, each step of a cycle). */
  related?: RelatedInfo[];
  /** Machine-readable fix data (e.g. suggested replacement id for unknown-step). */
  data?: { suggestion?: string; [k: string]: unknown };
}

export interface Position {
  line: number;
  character: number;
}

export interface LineIndex {
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
  lineCount: number;
}

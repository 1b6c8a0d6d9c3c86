// What the analyser produces from a model: resolved references, the dependency graph, stages, the
// critical path and every diagnostic. The engine schedules from it, the language server answers
// from it, the command line prints it.
import type { Diagnostic, Range, Step, TemplateString, WorkflowModel } from '../model/types.js';
import type { Expr } from '../template/ast.js';
import type { Unreadable } from '../model/read-regular-file.js';

export type { Unreadable };

/** A `${steps.X...}` reference or a `needs` entry. */
export interface StepReference {
  /** The step whose field holds the reference; undefined for top-level `outputs`. */
  from: Step | undefined;
  id: string;
  /** Range of the id token in the source. */
  range: Range;
  via: 'template' | 'needs';
  /** The step it resolves to, when visible. */
  target: Step | undefined;
  /** For templates: the property names after the id (`output`, `field`, ...), with source ranges. */
  properties: { name: string; range: Range }[];
  /** For templates: the template string and the path expression. */
  host?: TemplateString;
  expr?: Expr;
}

export interface Analysis {
  model: WorkflowModel;
  diagnostics: Diagnostic[];
  references: StepReference[];
  /** Direct dependencies of each step (own references and needs, resolved; may be blocks or steps of enclosing scopes). */
  deps: Map<Step, readonly Step[]>;
  /** Reverse of `deps`. */
  dependents: Map<Step, readonly Step[]>;
  /** Stage of each step within its own scope (1-based). */
  stages: Map<Step, number>;
  /** Number of stages in each scope. */
  stageCount: Map<Step['scope'], number>;
  /** The longest chain of leaf steps (unit weights, or the durations given). */
  criticalPath: Step[];
  /** Sub-workflow models loaded for `workflow` steps (by step), when the host could read them. */
  subWorkflows: Map<Step, Analysis>;
}

/** What the analyser needs from the outside world: reading other files for `workflow` steps. */
export interface AnalysisHost {
  /** Returns the text of a file, or undefined if it cannot be read. Never executes anything. */
  readFile(absPath: string): string | undefined;
  /**
   * Optional: why readFile gave undefined for `absPath`, for the message of the call that named it.
   * Without it the message says "not found or not readable".
   */
  whyUnreadable?(absPath: string): Unreadable;
}

export interface AnalyseOptions {
  host?: AnalysisHost;
  /** Known step durations in ms by path, for the critical path (from earlier runs). */
  durations?: Map<string, number>;
  /** Files on the current `workflow` call chain (for workflow-cycle); internal. */
  callChain?: string[];
  /**
   * Analyses of called files shared by one top-level analysis (internal): each with the files it
   * reaches, so it is reused wherever no call chain loops through it (diamond-shaped call graphs stay
   * linear instead of exponential).
   */
  callCache?: Map<string, { analysis: Analysis; reaches: Set<string>; chainFree: boolean }>;
}

// The custom request `weft/plan` {uri}: the plan of the current text, the same steps tree that
// `run.started` carries. `planAnswer` is the whole handler apart from the connection: the open
// document's analysis (or the error its failed analysis left), else the file on disk analysed now.
// It takes the analyser, the store's reads and the log as parameters, so a test can give it an
// analyser that throws (no input known today makes the real one throw) and check the exact error answered.
// Like every service it returns plain data: a refusal is a value ({error}), which the adapter
// (`../plan-response.ts`) turns into the LSP error the client receives.
import type { PlanNode } from '../../../engine/src/plan/types.js';
import type { Analysis } from '../../../engine/src/analysis/types.js';
import { planOf } from '../engine-api.js';
import { analysisFailure, uriToPath } from '../document-store.js';

export const PLAN_REQUEST = 'weft/plan';

export interface PlanParams { uri: string }

/**
 * Why weft/plan gave no plan: `params` the request itself is wrong (no uri, a file that cannot be
 * read), `analysis` the analyser threw (a bug in Weft).
 */
export interface PlanRefusal { reason: 'params' | 'analysis'; message: string }

export type PlanAnswer = { ok: PlanNode[] } | { error: PlanRefusal };

function planSteps(a: Analysis): PlanAnswer {
  return { ok: planOf(a).steps };
}

/** What `planAnswer` reads: the server passes its DocumentStore's and the engine's functions, and its log. */
export interface PlanSources {
  /** The open document's analysis (DocumentStore.analysed), undefined when it is not open. */
  open(uri: string): { analysis: Analysis | undefined; failure?: string } | undefined;
  /** The file's text (DocumentStore.readFile), undefined when it cannot be read. */
  readFile(file: string): string | undefined;
  /** Analyses a file the editor has not opened (may throw: a bug in Weft). */
  analyse(text: string, file: string): Analysis;
  /** The server's log. */
  log(line: string): void;
}

/** The answer to weft/plan: the plan's steps, or why there is none (bad params, unreadable, analysis failed). */
export function planAnswer(p: unknown, src: PlanSources): PlanAnswer {
  const uri = (p as Partial<PlanParams> | null | undefined)?.uri;
  if (typeof uri !== 'string') return { error: { reason: 'params', message: 'weft/plan expects {uri}' } };
  const couldNotAnalyse = (failure: string): PlanAnswer => ({ error: { reason: 'analysis', message: `Weft could not analyse ${uri} (${failure})` } });
  const open = src.open(uri);
  if (open?.analysis) return planSteps(open.analysis);
  if (open?.failure !== undefined) return couldNotAnalyse(open.failure);
  const file = uriToPath(uri);
  const text = src.readFile(file);
  if (text === undefined) return { error: { reason: 'params', message: `cannot read ${uri}` } };
  let analysis: Analysis;
  try {
    analysis = src.analyse(text, file);
  } catch (e) {
    const f = analysisFailure(uri, e);
    src.log(f.log);
    return couldNotAnalyse(f.failure);
  }
  return planSteps(analysis);
}

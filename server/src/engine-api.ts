// The one place where the server calls into the engine (parse, analyse, plan, and the line scans its
// services read the text around the cursor with), so that a change in the engine's entry points
// touches a single file. Never executes anything from a workflow.
import type { Document } from 'yaml';
import { buildModel, parseWorkflow } from '../../engine/src/model/parse.js';
import { analyse } from '../../engine/src/analysis/analyse.js';
import { buildPlan } from '../../engine/src/plan/build-plan.js';
import type { Analysis, AnalysisHost } from '../../engine/src/analysis/types.js';
import type { Plan } from '../../engine/src/plan/types.js';
import type { TemplateCache } from '../../engine/src/template/template-cache.js';

// Lines as the engine's line index and LSP count them (a line ends at LF, CRLF or a lone CR), read
// around one offset without building the index: completion, hover, the quick fixes, the incremental
// paths' block-scalar checks.
export { lineBreakOf, lineEndAt, lineStartAt, nextLineStart, splitLines } from '../../engine/src/model/line-index.js';

// The template functions' signatures, documentation and arity: the analyser's own table (one copy for
// the analyser, completion and hover). It has no prototype, so `toString` or `__proto__` written in a
// template find nothing in it.
export { FUNCTION_DOCS } from '../../engine/src/analysis/step-properties.js';
// What `${steps.X.<property>}` and `${run.<property>}` may name, with a one-line description each: the
// analyser's tables (its unknown-property check reads them), so completion offers exactly the names it
// accepts. `stepProperties(kind)` is one prototype-free table per kind (the common properties, then
// the kind's own).
export { COMMON_PROPERTIES, RUN_PROPERTIES, stepProperties } from '../../engine/src/analysis/step-properties.js';

// Where a run keeps a step's full output: the engine's rule, which shortens a name too long for the
// file system (a step a few blocks deep with long ids), so run history finds every step's file.
export { outputPath } from '../../engine/src/run/records.js';

export function analyseText(text: string, file: string, host: AnalysisHost, templates?: TemplateCache): Analysis {
  const model = parseWorkflow(text, file, { templates });
  return analyse(model, { host });
}

export function planOf(analysis: Analysis): Plan {
  return buildPlan(analysis);
}

/** The analysis of `text` from a YAML Document already parsed from it (see scalar-edit.ts). */
export function analyseDocument(doc: Document, text: string, file: string, host: AnalysisHost, templates?: TemplateCache, data?: unknown): Analysis {
  return analyse(buildModel([doc], text, file, { templates, data }), { host });
}

// `${steps.build.status == 'success'}`: a comparison of a step's status with text that is never a
// status (GitHub Actions' outcomes, Argo's capitalised phases) is always false (`!=`: always true),
// so the step it guards is always skipped (or always runs). Reported on the text, with the status
// meant as the fix.
import type { Scope, TemplateString } from '../model/types.js';
import type { Expr } from '../template/ast.js';
import { nameTable } from '../model/name-table.js';
import type { Diag } from './references.js';
import { fixData, named } from './segment-names.js';
import { resolveStep } from './scopes.js';
import { closest, meaning } from './suggest.js';

/** Every status a step has (spec 3.3), in the spec's order. */
export const STEP_STATUSES = ['pending', 'running', 'retrying', 'succeeded', 'failed', 'skipped', 'cancelled'] as const;

/** Other tools' words for a status (lower case): GitHub's outcomes and conclusions, Argo's phases. */
const STATUS_SYNONYMS = nameTable<string>({
  success: 'succeeded',
  successful: 'succeeded',
  failure: 'failed',
  error: 'failed',
  errored: 'failed',
  omitted: 'skipped',
  canceled: 'cancelled',
});

/**
 * Checks one `==` / `!=` of a template whose steps are seen from `scope`. This runs for every binary
 * expression of every template: nothing is allocated until an operand is a step's status.
 */
export function checkStatusComparison(e: Expr, ts: TemplateString, scope: Scope, diag: Diag): void {
  if (e.type !== 'binary' || (e.op !== '==' && e.op !== '!=')) return;
  for (let side = 0; side < 2; side++) {
    const path = side ? e.right : e.left;
    const other = side ? e.left : e.right;
    if (!isStatusPath(path, ts, scope) || other.type !== 'literal' || typeof other.value !== 'string') continue;
    const text = other.value;
    if ((STEP_STATUSES as readonly string[]).includes(text)) continue;
    const lower = text.toLowerCase();
    const meant = STATUS_SYNONYMS[lower] ?? STEP_STATUSES.find((s) => s === lower) ?? closest(lower, STEP_STATUSES);
    const always = e.op === '==' ? 'false' : 'true';
    const message = `'${text}' is not a step status, so this comparison is always ${always}${meaning(meant).text} (a status is ${STEP_STATUSES.slice(0, -1).join(', ')} or ${STEP_STATUSES[STEP_STATUSES.length - 1]})`;
    const at = named({ kind: 'index', expr: other, range: other.range }, ts);
    diag('unknown-property', message, other.range, at && meant ? fixData(at, meant) : undefined);
  }
}

/** `steps.X.status` (or `steps.X['status']`) of a step visible from `scope`, with nothing after it. */
function isStatusPath(e: Expr, ts: TemplateString, scope: Scope): boolean {
  if (e.type !== 'path' || e.root.name !== 'steps' || e.segments.length !== 2) return false;
  const [id, prop] = e.segments;
  return id.kind === 'prop' && named(prop, ts)?.name === 'status' && !!resolveStep(scope, id.name);
}

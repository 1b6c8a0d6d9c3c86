// `if-always-true` (warning): an `if` that can never skip its step. GitHub Actions lets `if:` hold a
// bare expression (`if: steps.a.outputs.x == 'y'`), and YAML 1.1 read `no` and `off` as false; in
// Weft both are text, and any text but `false` and the empty one is true (engine/src/template,
// isTruthy). Such a step always runs, and it does not even wait for the step its condition names,
// because only `${...}` makes a dependency. The run accepts the file, so this is a warning, with
// the template (or `false`) as the quick fix.
import { pairValue } from '../model/build-steps.js';
import { booleanWord } from '../model/schema-fixes.js';
import type { Diagnostic, WorkflowModel } from '../model/types.js';
import { nodeRange } from '../model/yaml-node-at-path.js';
import { isMap, isScalar } from '../model/yaml-nodes.js';
import { FUNCTIONS, type Template } from '../template/ast.js';
import { isTruthy } from '../template/evaluate.js';
import { parseTemplate, walkExpr } from '../template/parse.js';

export function findAlwaysTrueIfs(model: WorkflowModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (!model.yaml) return out;
  for (const step of model.allSteps) {
    const value = step.raw.if;
    if (typeof value !== 'string') continue;
    // A value with `${` was parsed when the model was built (step.templates): not parsed again here.
    const parsed = step.templates.find((t) => t.fieldPath.length === 1 && t.fieldPath[0] === 'if')?.template;
    const problem = whyAlwaysTrue(value, parsed);
    if (!problem) continue;
    const node = isMap(step.node) ? pairValue(model.yaml, step.node, 'if')?.value : undefined;
    const range = nodeRange(node, model.text);
    if (!range) continue;
    const style = isScalar(node) ? String(node.type) : '';
    const suggestion = problem.fix === undefined ? undefined : written(problem.fix, style);
    out.push({
      code: 'if-always-true',
      severity: 'warning',
      message: problem.message,
      range,
      ...(suggestion !== undefined ? { data: { suggestion } } : {}),
    });
  }
  return out;
}

interface Problem {
  message: string;
  /** The value to write instead, when one is clear. */
  fix?: string;
}

/** `parsed`: the value's template, when it has one (else the value is all text). */
function whyAlwaysTrue(value: string, parsed: Template | undefined): Problem | undefined {
  const parts = parsed?.parts ?? [{ kind: 'text' as const, value }];
  const text = parts.filter((p) => p.kind === 'text').map((p) => p.value).join('');
  if (parts.some((p) => p.kind === 'expr')) {
    if (!text.trim()) return undefined;
    return {
      message: "only part of this 'if' is a template: with the text around it the value is never empty or 'false', so it is always true; put the whole condition inside one ${...}",
    };
  }
  // YAML 1.1's words for true and false (schema-fixes.ts), which YAML 1.2, and so Weft, reads as text.
  const meant = booleanWord(text.trim());
  // Empty or `false` (the run's only false texts), or a word that means true (text, so true to the run).
  if (!isTruthy(text) || meant === 'true') return undefined;
  if (meant === 'false') {
    return { message: `'${text.trim()}' is text, not false (YAML 1.2 reads only true and false as booleans), so this 'if' is always true; write false`, fix: 'false' };
  }
  const expr = `\${${text.trim()}}`;
  const fits = isExpression(expr);
  return {
    message: `'if' is text, not a template, so it is always true and the step waits for nothing it names; write the condition as a template, ${fits ? expr : '${...}'}`,
    ...(fits ? { fix: expr } : {}),
  };
}

/**
 * Whether `template` parses and calls only Weft's functions: then it is offered as the fix. GitHub's
 * `always()` or `success()` have no Weft spelling of the same name, so they get no fix.
 */
function isExpression(template: string): boolean {
  const { parts, errors } = parseTemplate(template);
  if (errors.length) return false;
  let known = true;
  for (const p of parts) {
    if (p.kind !== 'expr') continue;
    walkExpr(p.expr, (e) => {
      if (e.type === 'call' && !(FUNCTIONS as readonly string[]).includes(e.name.name)) known = false;
    });
  }
  return known;
}

/**
 * `value` written as the scalar it replaces was (plain, 'single' or "double" quoted), or undefined
 * for a block scalar, which a one-range edit cannot rewrite well. A plain scalar holds no `: ` or
 * ` #`, so neither does `${` + its text + `}`, which therefore stays plain.
 */
function written(value: string, style: string): string | undefined {
  if (style === 'QUOTE_DOUBLE') return JSON.stringify(value);
  if (style === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  return style === 'PLAIN' ? value : undefined;
}

// The template tests' evaluation: a template parsed and evaluated in a scope with nothing but the
// given inputs (and, for tests of step values, one step's record), so each test file does not write
// its own EvalScope.
import { evaluateTemplate, type EvalScope } from '../../src/template/evaluate.js';
import { parseTemplate } from '../../src/template/parse.js';

/** A scope with `inputs` and the steps `steps` gives (none by default). */
export function scopeWith(inputs: Record<string, unknown>, step: EvalScope['step'] = () => undefined): EvalScope {
  return { step, inputs, env: {}, run: {}, variable: () => ({ found: false, value: undefined }) };
}

/** `template` evaluated with `inputs`. */
export function evaluateWith(template: string, inputs: Record<string, unknown> = {}): unknown {
  return evaluateTemplate(parseTemplate(template), scopeWith(inputs));
}

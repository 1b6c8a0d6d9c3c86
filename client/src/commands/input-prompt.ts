// What Run with Inputs does with the text typed for one input: whether the run would take it (checked
// in the input box, as the user types, in the run's own words) and what it passes to the run. The
// text goes to the run as text, which the engine converts to the input's type as it converts
// `weft run --input n=5` (engine/src/run/workflow-frame.ts, coerceInputs). Before, the prompt
// converted it itself: `True`, `yes` or `1` for a boolean input ran as false, `0x10` or ` 5` for a
// number ran as 16 or 5 (the CLI refuses both), and text that is not JSON for an object input
// passed the prompt and failed the run after every prompt was answered. No `vscode` import.
import { inputValueProblem } from '../../../engine/src/analysis/input-types.js';
import type { InputInfo } from '../workflow-info.js';

/** The text the input box starts with: the value given before, else the default, as it would be typed. */
export function promptText(input: InputInfo, given?: unknown): string {
  const v = given ?? input.default;
  return v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);
}

/** Why the run would refuse `text` for `input` (the input box's message), or undefined when it takes it. */
export function promptProblem(input: InputInfo, text: string): string | undefined {
  if (text === '') return input.required ? `input '${input.name}' is required` : undefined;
  const problem = inputValueProblem({ ...input, nameRange: { start: 0, end: 0 } }, text);
  return problem && `input '${input.name}' ${problem}`;
}

/**
 * What the run is given for `text`: the text itself (the run converts it), or undefined to give
 * nothing (an optional input left empty: its default, or null without one).
 */
export function promptValue(input: InputInfo, text: string): string | undefined {
  return text === '' && !input.required ? undefined : text;
}

// JSON text parsed with an error that says where it went wrong (line, column, offset), for every
// step kind that reads JSON (`parse: json` on shell, file and http steps, an llm step's JSON reply).
import { jsonProblem } from '../../template/json-problem.js';
import { StepError } from './types.js';

/**
 * `text` parsed as JSON; else a StepError saying what is wrong and where: `<what> is not valid JSON:
 * unexpected token '}' at line 2, column 10 (position 18)` (json-problem.ts).
 */
export function parseJsonText(text: string, what: string, extra: Record<string, unknown> = {}): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new StepError(`${what} is not valid JSON: ${jsonProblem(text, e)}`, extra);
  }
}

// A step's `parse: json|yaml|text`, applied to the text a shell, file or http step produced; a parse
// error fails the step with a message that says where the text went wrong.
import { parseYamlData } from '../../model/yaml-parse.js';
import { parseJsonText } from './json-text.js';
import { StepError } from './types.js';

/** Parses text per `parse: json|yaml|text`. */
export function parseOutput(text: string, parse: unknown): unknown {
  if (parse === 'json') return parseJsonText(text, 'output');
  if (parse === 'yaml') {
    try {
      return parseYamlData(text);
    } catch (e) {
      throw new StepError(`output is not valid YAML: ${(e as Error).message}`);
    }
  }
  return text;
}

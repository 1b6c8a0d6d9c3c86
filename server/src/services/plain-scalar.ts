// How a name is written as a YAML scalar of its own by the rename edits (a step id, a `needs` entry,
// a foreach's `as:`): plain when YAML reads it back as that text, else quoted. rename.ts and
// item-rename.ts each had a copy of this check.
import { parseYamlDocument } from '../../../engine/src/model/yaml-parse.js';
import { isScalar } from '../../../engine/src/model/yaml-nodes.js';
import type { Analysed } from './context.js';

/** True when `name`, written as a plain YAML scalar in this document, reads as that text (not `true`, `null`, ...). */
export function readsAsText(d: Pick<Analysed, 'analysis'>, name: string): boolean {
  // The document's own YAML version: `%YAML 1.1` reads `yes` and `off` as booleans too.
  const v11 = d.analysis.model.yaml?.directives?.yaml.version === '1.1';
  const read = parseYamlDocument(`${v11 ? '%YAML 1.1\n---\n' : ''}${name}`).value;
  return isScalar(read) && read.value === name;
}

/** `name` as a plain scalar's text: as it is when it reads as that text, else double-quoted. */
export function plainScalarText(d: Analysed, name: string): string {
  return readsAsText(d, name) ? name : JSON.stringify(name);
}

// `schema` (error): an input's `default` that is not a value of its declared `type`
// (`n: {type: number, default: abc}`). The run refuses it with the same words when the run does
// not give the input (workflow-frame.ts converts a default as it converts a given value), so
// `weft validate` says it first, with the run's own rule (inputValueProblem, input-types.ts): a
// default is not evaluated, so `${inputs.m}` is text here as there. A `type` the schema refuses
// (`integer`) is reported there and not checked here: the model reads it as `string`.
// `template-not-evaluated` (warning): a `${` in a default, which reaches the steps as written.
// Defaults are plain values, as `--input` values are (GitHub Actions does not evaluate an input's
// default either): `tag: build-${run.id}` gave the shell `${run.id}` and bash "bad substitution".
import { getOwn } from '../model/own-keys.js';
import { INPUT_TYPES } from '../model/parse.js';
import type { Diagnostic, WorkflowModel } from '../model/types.js';
import { headRange, nodeAtPath } from '../model/yaml-node-at-path.js';
import { hasTemplate } from '../template/parse.js';
import { inputValueProblem } from './input-types.js';

export function findBadInputDefaults(model: WorkflowModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const yaml = model.yaml;
  if (!yaml) return out;
  for (const decl of model.inputs) {
    if (decl.default === undefined) continue;
    // Only a declaration has a `default:` key; a shorthand's value is its default.
    const defaultNode = () => nodeAtPath(yaml, ['inputs', decl.name, 'default']).value;
    const problem = knownType(model, decl.name) ? inputValueProblem(decl, decl.default) : undefined;
    if (problem) {
      // A shorthand's value gives its type, so it fails only as a number that is not finite
      // (`n: .inf`): marked on the input's name. A default the run refuses
      // (`port: {type: number, default: "${inputs.count}"}`) has this error only.
      out.push({
        code: 'schema',
        severity: 'error',
        message: `the default of input '${decl.name}' ${problem}`,
        // On the value (a block collection's first line), else the input's name.
        range: headRange(defaultNode(), model.text) ?? decl.nameRange,
      });
      continue;
    }
    const text = firstTemplateText(decl.default);
    if (text === undefined) continue;
    out.push({
      code: 'template-not-evaluated',
      severity: 'warning',
      message: `the default of input '${decl.name}' is not evaluated: '${clipped(text)}' reaches the steps as written, as a value given with --input would; an input's default is a plain value (compute it in env: or in a step)`,
      // On the `default:` value, or on a shorthand's value (`tag: build-${run.id}`).
      range: headRange(defaultNode() ?? nodeAtPath(yaml, ['inputs', decl.name]).value, model.text) ?? decl.nameRange,
    });
  }
  return out;
}

/** The first text holding `${` in a default (a list's or mapping's values included), else undefined. */
function firstTemplateText(v: unknown, depth = 0): string | undefined {
  if (typeof v === 'string') return hasTemplate(v) ? v : undefined;
  if (!v || typeof v !== 'object' || depth > 50) return undefined;
  for (const x of Array.isArray(v) ? v : Object.values(v)) {
    const found = firstTemplateText(x, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

const clipped = (s: string) => (s.length > 60 ? `${s.slice(0, 59)}…` : s);

/** Whether the input `name` has no `type`, or one of the five (the model reads any other as `string`). */
function knownType(model: WorkflowModel, name: string): boolean {
  const inputs = (model.data as { inputs?: Record<string, unknown> } | undefined)?.inputs;
  const raw = inputs && getOwn(inputs, name);
  const type = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as { type?: unknown }).type : undefined;
  return type === undefined || typeof type === 'string' && INPUT_TYPES.has(type);
}

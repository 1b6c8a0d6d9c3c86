// Reads what the editor needs straight from a workflow's YAML text, without running anything: where
// each step is (by its static path, for decorations and "reveal step") and the declared inputs (for
// "Run with Inputs"). Paths follow the model's rules: block ids and branch names, then the step id;
// a shorthand `parallel: [...]` list does not repeat the step's name. No `vscode` import.
import { parseDocument, isMap, isSeq, isScalar, type YAMLMap, type Node } from 'yaml';

export interface StepLocation {
  path: string;
  id: string;
  /** Offsets of the id value (or of the step mapping when it has no id). */
  start: number;
  end: number;
  /** Offset where the step mapping starts (its `- ` item). */
  stepStart: number;
}

export interface InputInfo {
  name: string;
  type: string;
  default?: unknown;
  required: boolean;
  description?: string;
}

export interface WorkflowInfo {
  name?: string;
  steps: Map<string, StepLocation>;
  inputs: InputInfo[];
}

export function readWorkflowInfo(text: string): WorkflowInfo {
  const doc = parseDocument(text, { keepSourceTokens: false });
  const info: WorkflowInfo = { steps: new Map(), inputs: [] };
  const top = doc.contents;
  if (!isMap(top)) return info;
  const name = top.get('name');
  if (typeof name === 'string') info.name = name;
  const inputs = top.get('inputs', true);
  if (isMap(inputs)) {
    for (const pair of inputs.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (!key) continue;
      const v = pair.value;
      if (isMap(v) && (v.has('type') || v.has('default') || v.has('required') || v.has('description'))) {
        const j = v.toJSON() as Record<string, unknown>;
        info.inputs.push({ name: key, type: String(j.type ?? 'string'), default: j.default, required: j.required === undefined ? !('default' in j) : Boolean(j.required), description: j.description as string | undefined });
      } else {
        const d = isScalar(v) ? v.value : (v as Node | null)?.toJSON?.();
        info.inputs.push({ name: key, type: typeof d === 'number' ? 'number' : typeof d === 'boolean' ? 'boolean' : Array.isArray(d) ? 'array' : d && typeof d === 'object' ? 'object' : 'string', default: d, required: d === null || d === undefined });
      }
    }
  }
  walkSteps(top.get('steps', true), '', info.steps);
  return info;
}

function walkSteps(list: unknown, prefix: string, out: Map<string, StepLocation>, shorthand = false): void {
  if (!isSeq(list)) return;
  for (const item of list.items) {
    if (!isMap(item)) continue;
    const idNode = item.get('id', true);
    const id = isScalar(idNode) ? String(idNode.value) : undefined;
    if (!id) continue;
    const path = shorthand ? prefix.replace(/\/$/, '') + '/' + id : prefix + id;
    const range = (isScalar(idNode) && idNode.range) || item.range || [0, 0];
    out.set(path, { path, id, start: range[0], end: range[1], stepStart: item.range?.[0] ?? range[0] });
    walkBlock(item, path, out);
  }
}

function walkBlock(step: YAMLMap, path: string, out: Map<string, StepLocation>): void {
  const par = step.get('parallel', true);
  if (isSeq(par)) walkSteps(par, `${path}/`, out, true);
  else if (isMap(par)) {
    const branches = par.get('branches', true);
    if (isMap(branches)) {
      for (const b of branches.items) {
        const name = isScalar(b.key) ? String(b.key.value) : undefined;
        if (name) walkSteps(b.value, `${path}/${name}/`, out);
      }
    }
  }
  const fe = step.get('foreach', true);
  if (isMap(fe)) walkSteps(fe.get('steps', true), `${path}/`, out);
}

/** The static path of a runtime path: foreach iteration indexes removed (`per_file/3/size` -> `per_file/size`). */
export function staticPath(path: string): string {
  return path.replace(/\/\d+(?=\/|$)/g, '');
}

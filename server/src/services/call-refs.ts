// The names a `workflow` call shares between two files, for references and rename across them: a
// called file's output (its key under `outputs:`, read by callers as `${steps.X.output.NAME}` or
// `output['NAME']`) and its input (its declaration under `inputs:`, its `${inputs.NAME}` uses, and
// the callers' keys under `workflow: inputs:`). The callers are those KnownCalls finds (the open
// documents and the files the server read as their callees), never the rest of the disk.
import type { Analysis } from '../../../engine/src/analysis/types.js';
import type { Range, Step } from '../../../engine/src/model/types.js';
import { isMap } from '../../../engine/src/model/yaml-nodes.js';
import { pairValue } from '../../../engine/src/model/build-steps.js';
import { findPair } from '../../../engine/src/model/yaml-node-at-path.js';
import { rangeOf } from '../../../engine/src/model/template-strings.js';
import type { Analysed } from './context.js';
import type { KnownCalls, KnownFile } from './known-calls.js';
import { innerRange } from './target-at.js';
import { inputAt, inputUses } from './input-refs.js';
import { callInputKeyAt } from './call-inputs.js';
import { callOutputAt, outputUses } from './call-outputs.js';

/** An output or input of a called file, named at an offset of the request's document. */
export interface CallName {
  kind: 'output' | 'input';
  /** The called file's analysis (the request's own when the offset is in the called file). */
  callee: Analysis;
  name: string;
  /** The name at the offset, its quotes left out. */
  range: Range;
}

/** A place that names it: a file and the range of the name there (quotes left out). */
export interface NamePlace {
  file: KnownFile;
  range: Range;
  /** A YAML key or a `['NAME']` text of its own, so a rename may need to quote it. */
  how: 'key' | 'dotted' | 'bracketed';
  /** A bracketed name whose source does not spell the text plainly (escapes): it cannot be edited as the name. */
  escaped?: boolean;
}

const within = (r: Range, o: number) => r.start <= o && o <= r.end;

/** The called file's output or input named at `offset`, on either side of the call. */
export function callNameAt(d: Analysed, offset: number): CallName | undefined {
  const a = d.analysis;
  const out = a.model.outputs.find((o) => within(o.nameRange, offset));
  if (out) return { kind: 'output', callee: a, name: out.name, range: innerRange(d.text, out.nameRange) };
  // A name the called file does not declare is the diagnostics' `unknown-property`, not a shared name.
  const use = callOutputAt(a, offset);
  if (use) return { kind: 'output', callee: use.called, name: use.decl.name, range: use.range };
  const key = callInputKeyAt(a, offset);
  if (key) return { kind: 'input', callee: key.called, name: key.decl.name, range: innerRange(d.text, key.range) };
  const input = inputAt(a, offset);
  if (input?.decl) return { kind: 'input', callee: a, name: input.name, range: innerRange(d.text, input.range) };
  return undefined;
}

/**
 * Every place that names `n`: in the called file its key (an output's) or its declaration and its
 * `${inputs.NAME}` uses (an input's), then in each known caller the uses (an output's) or the keys
 * under `workflow: inputs:` (an input's). The declaration comes first; each place once.
 */
export function callNamePlaces(known: KnownCalls, n: CallName): { declaration: NamePlace | undefined; uses: NamePlace[] } {
  const callee = known.fileOf(n.callee);
  const model = callee.analysis.model;
  const text = model.text;
  const decl = n.kind === 'output' ? model.outputs.find((o) => o.name === n.name) : model.inputs.find((i) => i.name === n.name);
  const declaration: NamePlace | undefined = decl ? { file: callee, range: innerRange(text, decl.nameRange), how: 'key' } : undefined;
  const uses: NamePlace[] = [];
  const seen = new Set<string>();
  const add = (p: NamePlace) => {
    const k = `${p.file.uri}#${p.range.start}`;
    if (!seen.has(k) && seen.add(k)) uses.push(p);
  };
  if (n.kind === 'input') for (const r of inputUses(callee.analysis, n.name)) add({ file: callee, range: r, how: 'dotted' });
  for (const { caller, steps } of known.callsOf(model.file)) {
    const a = caller.analysis;
    if (n.kind === 'output') {
      for (const u of outputUses(a, steps)) {
        if (u.name === n.name) add({ file: caller, range: u.range, how: u.bracketed ? 'bracketed' : 'dotted', escaped: u.escaped });
      }
      continue;
    }
    for (const step of steps) {
      const key = callInputKey(a, step, n.name);
      if (key) add({ file: caller, range: innerRange(a.model.text, key), how: 'key' });
    }
  }
  return { declaration, uses };
}

/** The range of the key `name` under a `workflow` step's `inputs:`, when the step gives it. */
function callInputKey(a: Analysis, step: Step, name: string): Range | undefined {
  const doc = a.model.yaml;
  if (!doc || !isMap(step.node)) return undefined;
  const wf = pairValue(doc, step.node, 'workflow')?.value;
  const inputs = isMap(wf) ? pairValue(doc, wf, 'inputs')?.value : undefined;
  const pair = isMap(inputs) ? findPair(doc, inputs, name) : undefined;
  return rangeOf(pair?.key as Parameters<typeof rangeOf>[0]);
}

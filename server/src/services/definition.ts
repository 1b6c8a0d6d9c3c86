// Go to definition: from a step reference or a `needs` entry to the step's `id`; from a `workflow`
// path to the file it names (relative to the document; none when it cannot be read); from
// `${inputs.NAME}` to NAME under `inputs:`; from a key under a `workflow` step's `inputs:` to that
// input's declaration in the called file; from a foreach item (`${f}`) to its `as: f`; from a field
// of a `workflow` step's output (`steps.call.output.status`) to that output's key in the called file.
import { pathToFileURL } from 'node:url';
import type { Location } from 'vscode-languageserver-types';
import type { Analysed, ServiceEnv } from './context.js';
import { innerRange, targetAt } from './target-at.js';
import { inputAt } from './input-refs.js';
import { callInputDefinition } from './call-inputs.js';
import { callOutputAt, callOutputDefinition } from './call-outputs.js';
import { itemAt, itemDeclaration } from './item-refs.js';
import { resolveWorkflowPath } from '../../../engine/src/analysis/workflow-calls.js';

export function definition(d: Analysed, offset: number, env: ServiceEnv): Location | null {
  const t = targetAt(d.analysis, offset);
  /** A place in this document. */
  const here = (r: { start: number; end: number }): Location => ({ uri: env.uri, range: { start: d.positionAt(r.start), end: d.positionAt(r.end) } });
  // `status` in `${steps.call.output.status}`, `call` a `workflow` step: the called file's output key.
  // Any kind of target: the name in `output['status']` is a string inside the reference, not a part of it.
  const out = callOutputAt(d.analysis, offset);
  if (out) return callOutputDefinition(out);
  // A quoted id (`id: "b"`) without its quotes, as references, highlight and rename mark it.
  if (t.kind === 'reference' && t.step) return here(innerRange(d.text, t.step.idRange));
  if (t.kind === 'step-id') return here(innerRange(d.text, t.range));
  if (t.kind === 'workflow-path') {
    // A file the analyser could not read: a location naming it only makes the editor fail to open it.
    if (d.analysis.diagnostics.some((x) => x.code === 'workflow-not-found' && x.range.start === t.range.start)) return null;
    const target = resolveWorkflowPath(d.analysis.model, t.value);
    if (target === undefined) return null;
    return { uri: pathToFileURL(target).href, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  }
  if (t.kind === 'none') {
    // A key under a `workflow` step's `inputs:`: the input's declaration in the called file.
    const called = callInputDefinition(d.analysis, offset);
    if (called) return called;
    const decl = inputAt(d.analysis, offset)?.decl;
    if (decl) return here(innerRange(d.text, decl.nameRange));
    // `${f}` in a foreach body: the foreach's `as: f` (its `foreach` key for the default `item`).
    const item = itemAt(d.analysis, offset);
    const where = item && itemDeclaration(d.analysis, item.foreach);
    if (where) return here(innerRange(d.text, where.range));
  }
  return null;
}

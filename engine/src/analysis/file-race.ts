// `file-race`: two file steps touch the same path, at least one writes it, and neither waits for the
// other, so their order (and the file's content) depends on timing.
import type { Diagnostic, Range, Step, WorkflowModel } from '../model/types.js';
import { reachability, type Adjacency } from './graph.js';
import { ancestors, resolveStep } from './scopes.js';
import { literalBlockLimit } from './block-limits.js';
import { pairValue } from '../model/build-steps.js';
import type { YAMLMap } from 'yaml';
import { isMap } from '../model/yaml-nodes.js';
import { rangeOf } from '../model/template-strings.js';

interface FileUse {
  step: Step;
  path: string;
  writes: boolean;
  range: Range;
}

function fileUse(model: WorkflowModel, step: Step): FileUse | undefined {
  if (step.kind !== 'file' || !model.yaml) return undefined;
  const f = step.raw.file as Record<string, unknown> | undefined;
  if (!f || typeof f.path !== 'string' || f.path.includes('${')) return undefined;
  const action = typeof f.action === 'string' ? f.action : 'read';
  const fileNode = pairValue(model.yaml, step.node as YAMLMap, 'file')?.value;
  const pathNode = isMap(fileNode) ? pairValue(model.yaml, fileNode, 'path')?.value : undefined;
  return {
    step,
    path: normalize(f.path),
    writes: action === 'write' || action === 'append',
    range: rangeOf(pathNode) ?? step.idRange,
  };
}

function normalize(p: string): string {
  const parts: string[] = [];
  for (const seg of p.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && parts.length && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(seg);
  }
  return (p.startsWith('/') ? '/' : '') + parts.join('/');
}

export function findFileRaces(model: WorkflowModel, leafGraph: Adjacency): Diagnostic[] {
  const byPath = new Map<string, FileUse[]>();
  for (const step of model.allSteps) {
    const use = fileUse(model, step);
    if (use) byPath.set(use.path, [...(byPath.get(use.path) ?? []), use]);
  }
  const out: Diagnostic[] = [...foreachRaces(model, [...byPath.values()].flat())];
  const reportedCopies = new Set<number>();
  const reaches = reachability(leafGraph);
  for (const uses of byPath.values()) {
    if (uses.length < 2 || !uses.some((u) => u.writes)) continue;
    const reportedPairs = new Set<string>();
    for (let i = 0; i < uses.length; i++) {
      for (let j = i + 1; j < uses.length; j++) {
        // In document order, so that copies made by an alias give the same pair (reported once).
        const [a, b] = uses[i].range.start <= uses[j].range.start ? [uses[i], uses[j]] : [uses[j], uses[i]];
        if (!a.writes && !b.writes) continue;
        // The later step usually waits for the earlier one: asking that first finds it within a few
        // edges, where the other direction walks everything upstream of the earlier step (quadratic
        // over a file's file steps).
        if (reaches(b.step, a.step) || reaches(a.step, b.step)) continue;
        if (a.step.range.start === b.step.range.start) {
          // The same YAML reused through an alias (seed 003's "same workflow in each branch"): two
          // copies of one step that write one file at once. One warning per step, on its path.
          if (reportedCopies.has(a.range.start)) continue;
          reportedCopies.add(a.range.start);
          const where = (u: FileUse) => `'${u.step.path.slice(0, u.step.path.lastIndexOf('/'))}'`;
          const message = `'${a.step.id}' writes '${a.path}' in two places at the same time: its steps list is reused (a YAML alias) in ${where(a)} and ${where(b)}, which do not wait for each other; write the file outside the block, or give each branch its own steps and file`;
          out.push({ code: 'file-race', severity: 'warning', message, range: a.range });
          continue;
        }
        const pair = `${a.range.start}:${b.range.start}`;
        if (reportedPairs.has(pair)) continue;
        reportedPairs.add(pair);
        const writer = a.writes ? a : b;
        const what = a.writes && b.writes ? 'both write it' : `'${writer.step.id}' writes it`;
        // Suggest a `needs` only where it would resolve: steps in sibling branches cannot wait for each other.
        const fix = resolveStep(b.step.scope, a.step.id) === a.step
          ? { text: `add \`needs: ${a.step.id}\` to '${b.step.id}' to order them`, data: { needs: a.step.id, step: b.step.path } }
          : resolveStep(a.step.scope, b.step.id) === b.step
            ? { text: `add \`needs: ${b.step.id}\` to '${a.step.id}' to order them`, data: { needs: b.step.id, step: a.step.path } }
            : { text: 'they are in branches that cannot wait for each other: use different files, or move one out of its block', data: undefined };
        const message = `'${a.step.id}' and '${b.step.id}' both use '${a.path}' and may run at the same time (${what}); ${fix.text}`;
        out.push({ code: 'file-race', severity: 'warning', message, range: b.range, related: [{ file: model.file, range: a.range, message: `'${a.step.id}' uses the same file` }], ...(fix.data ? { data: fix.data } : {}) });
        out.push({ code: 'file-race', severity: 'warning', message, range: a.range, related: [{ file: model.file, range: b.range, message: `'${b.step.id}' uses the same file` }], ...(fix.data ? { data: fix.data } : {}) });
      }
    }
  }
  return out;
}

/**
 * A literal path written inside a foreach body is written by every iteration, and iterations run in
 * parallel unless the foreach runs one at a time (`maxConcurrency: 1`).
 */
function foreachRaces(model: WorkflowModel, uses: FileUse[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const use of uses) {
    if (!use.writes) continue;
    const loop = ancestors(use.step).find((a) => a.kind === 'foreach');
    if (!loop) continue;
    if (literalBlockLimit(loop) === 1) continue;
    const as = ((loop.raw.foreach as Record<string, unknown> | undefined)?.as as string | undefined) || 'item';
    out.push({
      code: 'file-race',
      severity: 'warning',
      message: `every iteration of foreach '${loop.id}' writes '${use.path}', and iterations run in parallel; put \${${as}} or \${index} in the path, or set maxConcurrency: 1 on the foreach`,
      range: use.range,
    });
  }
  void model;
  return out;
}

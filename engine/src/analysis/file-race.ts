// `file-race`: two file steps touch the same path, at least one writes it, and neither waits for the
// other, so their order (and the file's content) depends on timing.
import type { Diagnostic, Range, Step, WorkflowModel } from '../model/types.js';
import { reaches } from './graph.js';
import { resolveStep } from './scopes.js';
import { pairValue } from '../model/build-steps.js';
import { isMap, type YAMLMap } from 'yaml';
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

export function findFileRaces(model: WorkflowModel, leafGraph: Map<Step, Set<Step>>): Diagnostic[] {
  const byPath = new Map<string, FileUse[]>();
  for (const step of model.allSteps) {
    const use = fileUse(model, step);
    if (use) byPath.set(use.path, [...(byPath.get(use.path) ?? []), use]);
  }
  const out: Diagnostic[] = [];
  for (const uses of byPath.values()) {
    if (uses.length < 2 || !uses.some((u) => u.writes)) continue;
    for (let i = 0; i < uses.length; i++) {
      for (let j = i + 1; j < uses.length; j++) {
        const a = uses[i];
        const b = uses[j];
        if (!a.writes && !b.writes) continue;
        if (a.step.range.start === b.step.range.start) continue; // the same YAML reused through an alias
        if (reaches(leafGraph, a.step, b.step) || reaches(leafGraph, b.step, a.step)) continue;
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

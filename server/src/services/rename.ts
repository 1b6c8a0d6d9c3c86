// Rename a step id (and a foreach item, item-rename.ts): prepareRename says what would be renamed;
// rename updates the id and every reference that resolves to it, and refuses an invalid id, an id already used in the same steps
// list (or, in a shorthand parallel list, another branch's), or one that would change what another
// reference resolves to (shadowing); a shorthand parallel branch's fields of the block's output
// (`output.NAME`) are renamed with it (branch-fields.ts). A workflow input is
// not renamed: its name is also what `--input` sets on command lines and in scripts, which no rename
// can see, so prepareRename says so. A called file's output is renamed across its callers (call-rename.ts).
import type { Range as LspRange, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { Scope, Step } from '../../../engine/src/model/types.js';
import { isIdentifier } from '../../../engine/src/template/lexer.js';
import type { Analysed, ServiceEnv } from './context.js';
import { allReferencesTo, innerRange, instancesOf, targetAt, targetStep, uniqueRanges } from './target-at.js';
import { resolveId } from './step-info.js';
import { inputAt } from './input-refs.js';
import { prepareItemRename, renameItem } from './item-rename.js';
import { plainScalarText } from './plain-scalar.js';
import { unreadReference } from './unread-references.js';
import { callNameAt } from './call-refs.js';
import { renameCallOutput } from './call-rename.js';
import { branchFieldUses, shorthandBlock, siblingBranchSteps } from './branch-fields.js';

/** Why an input is not renamed (on its declaration, a use, or a caller's `workflow: inputs:` key). */
function inputRefusal(name: string): string {
  return `Inputs are not renamed: '${name}' is also the name that --input sets on command lines and in scripts, which are outside the files the server knows; change it by hand (Find All References lists the declaration, its uses and the callers' workflow.inputs keys).`;
}

export type RenameResult<T> = { ok: T } | { error: string };

export function prepareRename(d: Analysed, offset: number): RenameResult<{ range: LspRange; placeholder: string }> {
  const shared = callNameAt(d, offset);
  if (shared?.kind === 'input') return { error: inputRefusal(shared.name) };
  if (shared) return { ok: { range: { start: d.positionAt(shared.range.start), end: d.positionAt(shared.range.end) }, placeholder: shared.name } };
  const t = targetAt(d.analysis, offset);
  const step = targetStep(t);
  if (!step || t.kind === 'none' || t.kind === 'workflow-path') {
    if (t.kind === 'reference' && t.ref.via === 'needs' && !isIdentifier(t.ref.id)) {
      // `needs: lint, test`: one text (the schema reports it), not a missing step.
      const ids = t.ref.id.split(/[\s,]+/).filter(Boolean);
      return { error: `'${t.ref.id}' is one text, not a step id, so there is nothing to rename: needs takes one id or a list; write [${ids.join(', ')}], then rename each id.` };
    }
    if (t.kind === 'reference') return { error: `No step '${t.ref.id}' is visible here, so there is nothing to rename.` };
    const item = t.kind === 'none' ? prepareItemRename(d, offset) : undefined;
    if (item) return { ok: { range: item.range, placeholder: item.placeholder } };
    const input = t.kind === 'none' ? inputAt(d.analysis, offset) : undefined;
    if (input) return { error: inputRefusal(input.name) };
    return { error: "Only a step id, a reference to a step, a foreach item or a called workflow's output can be renamed." };
  }
  // Text after a YAML error that names the step but is not read as a reference would keep the old
  // id. Refused here, whatever the new name, so that the editor says so before asking for one.
  const unread = unreadReference(d, step.id);
  if (unread) {
    const line = (o: number) => d.positionAt(o).line + 1;
    return { error: `Cannot rename '${step.id}' while the file has a YAML error (line ${line(unread.error.range.start)}: ${unread.error.message}): line ${line(unread.at)} names '${step.id}' in text that YAML does not read as a step, so the rename could not change it. Fix the error first.` };
  }
  const r = innerRange(d.text, t.range);
  return { ok: { range: { start: d.positionAt(r.start), end: d.positionAt(r.end) }, placeholder: step.id } };
}

export function rename(d: Analysed, offset: number, newName: string, env: ServiceEnv): RenameResult<WorkspaceEdit> {
  const prep = prepareRename(d, offset);
  if ('error' in prep) return prep;
  const shared = callNameAt(d, offset);
  if (shared) return renameCallOutput(d, shared, newName, env);
  const step = targetStep(targetAt(d.analysis, offset));
  if (!step) {
    const item = prepareItemRename(d, offset);
    return item ? renameItem(d, item.target, newName, env.uri) : { error: 'Only a step id, a reference to a step or a foreach item can be renamed.' };
  }
  if (newName === step.id) return { ok: { changes: { [env.uri]: [] } } };
  // The one step-id rule (spec section 2), the one the template lexer reads names by: a new id that
  // the lexer would read differently could never be referenced as ${steps.ID}.
  if (!isIdentifier(newName)) {
    return { error: `'${newName}' is not a valid step id: it must start with a letter or '_' and contain only letters, digits, '_' and '-'.` };
  }
  const clash = step.scope.steps.find((s) => s !== step && s.id === newName);
  if (clash) {
    const pos = d.positionAt(clash.idRange.start);
    return { error: `A step '${newName}' already exists in the same steps list (line ${pos.line + 1}).` };
  }
  // In a shorthand `parallel: [...]` list each step is a branch of its own named after it: the new id
  // must not be another branch's, and the fields of the block's output that name it change with it.
  const block = shorthandBlock(step);
  const sibling = block ? siblingBranchSteps(block, step).find((s) => s.id === newName) : undefined;
  if (sibling) {
    return { error: `A step '${newName}' already exists in the same parallel list (line ${d.positionAt(sibling.idRange.start).line + 1}): each of its steps is a branch named after its id.` };
  }
  const fields = block ? branchFieldUses(d.analysis, block, step.id) : [];
  const escaped = fields.find((f) => f.escaped);
  if (escaped) {
    return { error: `Cannot rename '${step.id}': line ${d.positionAt(escaped.range.start).line + 1} reads the branch '${step.id}' of '${block!.id}' as a bracketed text with escapes; write it as output.${step.id} first.` };
  }
  // Text that YAML reuses (an anchor and its aliases) is one text in several places: the step may have
  // copies (`instances`), and each reference in such text is checked from every place it is in.
  const instances = instancesOf(d.analysis, step);
  const refs = allReferencesTo(d.analysis, step);
  // A reference to this step from an inner scope must not be captured by an inner step of the new name.
  for (const r of refs) {
    const from = r.from ? scopeOfReference(r.from, r.via) : d.analysis.model.root;
    const hit = resolveId(from, newName);
    if (hit && !instances.has(hit) && isInnerTo(hit.scope, r.target!.scope)) {
      const pos = d.positionAt(r.range.start);
      return { error: `Renaming to '${newName}' would make the reference on line ${pos.line + 1} point at another step '${newName}' (line ${d.positionAt(hit.idRange.start).line + 1}).` };
    }
  }
  // References that today resolve to an outer step of the new name must not be captured by this one.
  for (const r of d.analysis.references) {
    if (r.id !== newName || !r.target || instances.has(r.target)) continue;
    const from = r.from ? scopeOfReference(r.from, r.via) : d.analysis.model.root;
    for (const s of instances) {
      if (inChain(from, s.scope) && isInnerTo(s.scope, r.target.scope)) {
        const pos = d.positionAt(r.range.start);
        return { error: `Renaming to '${newName}' would capture the reference to another step '${newName}' on line ${pos.line + 1}.` };
      }
    }
  }
  // A reference in reused text that names this step in one place and another step (or none) in
  // another: editing the one text would change what the other place refers to.
  const edited = new Set(refs.map((r) => r.range.start));
  for (const r of d.analysis.references) {
    if (!edited.has(r.range.start) || (r.target && instances.has(r.target))) continue;
    const line = d.positionAt(r.range.start).line + 1;
    const other = r.target ? `another step '${r.id}' (line ${d.positionAt(r.target.idRange.start).line + 1})` : 'no step';
    return { error: `Cannot rename '${step.id}': the reference on line ${line} is in text that YAML reuses (an anchor and its alias), and in another place it names ${other}.` };
  }
  const edits: TextEdit[] = [];
  // The id and a `needs` entry are YAML scalars of their own: written plain, `true` or `null` would be
  // read as a boolean or a null (the step-id rule accepts them), so there the new id is quoted unless
  // the scalar already is. A template reference is inside a string: written as it is.
  const plainName = plainScalarText(d, newName);
  const edit = (range: { start: number; end: number }, scalar: boolean) => {
    const i = innerRange(d.text, range);
    const quoted = i.start !== range.start;
    edits.push({ range: { start: d.positionAt(i.start), end: d.positionAt(i.end) }, newText: scalar && !quoted ? plainName : newName });
  };
  edit(step.idRange, true);
  for (const r of uniqueRanges(refs)) edit(r.range, r.via === 'needs');
  for (const f of fields) edits.push({ range: { start: d.positionAt(f.range.start), end: d.positionAt(f.range.end) }, newText: newName });
  return { ok: { changes: { [env.uri]: edits } } };
}

/** The scope a reference is resolved from: the scope of the step that holds it. */
function scopeOfReference(from: Step, _via: 'template' | 'needs'): Scope {
  return from.scope;
}

/** True when `inner` is `outer` or nested inside it... strictly: `inner` is a descendant scope of `outer`. */
function isInnerTo(inner: Scope, outer: Scope): boolean {
  for (let s = inner.parent; s; s = s.parent) if (s === outer) return true;
  return false;
}

function inChain(from: Scope, target: Scope): boolean {
  for (let s: Scope | undefined = from; s; s = s.parent) if (s === target) return true;
  return false;
}

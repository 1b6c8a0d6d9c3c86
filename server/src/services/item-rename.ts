// Rename a foreach item (`as: f` and every `${f...}` in the body that names this foreach's item, as
// item-refs.ts finds them for references and highlight). Refused when the new name breaks the
// schema's rule for `as` (`^[A-Za-z_][A-Za-z0-9_]*$`, not a root: steps, inputs, env, index, run; nor a
// literal: true, false, null), or when it would change what another name in the body means: a use
// of an outer item (or any root) of the new name would now name this item, or a use of this item
// inside an inner foreach whose item has the new name would name that one. The default `item` (no
// `as:`) is renamed by adding `as: <new name>` before the foreach's `steps:` key (block style: a line
// of its own; flow style: `as: g, `) and renaming its uses.
import type { Range as LspRange, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { Range, Scope, Step } from '../../../engine/src/model/types.js';
import { forEachInside } from '../../../engine/src/analysis/scopes.js';
import { ROOTS } from '../../../engine/src/template/ast.js';
import { isMap } from '../../../engine/src/model/yaml-nodes.js';
import { findPair } from '../../../engine/src/model/yaml-node-at-path.js';
import type { Analysed } from './context.js';
import { eachPathRoot, itemAt, itemDeclaration, itemUses, owningForeach, type ItemTarget } from './item-refs.js';
import { innerRange } from './target-at.js';
import { plainScalarText } from './plain-scalar.js';
import { lineBreakOf, lineStartAt } from '../engine-api.js';

type Result<T> = { ok: T } | { error: string };

/** Names `as` may not take: the template roots (ast.ts's ROOTS) and the literals. */
const RESERVED = new Set<string>([...ROOTS, 'true', 'false', 'null']);

/** The item at `offset` and the range to rename there, or undefined when the offset is on no item. */
export function prepareItemRename(d: Analysed, offset: number): { target: ItemTarget; range: LspRange; placeholder: string } | undefined {
  const target = itemAt(d.analysis, offset);
  if (!target) return undefined;
  const decl = itemDeclaration(d.analysis, target.foreach);
  const onDecl = decl?.as && decl.range.start <= offset && offset <= decl.range.end;
  const r = onDecl ? innerRange(d.text, decl.range) : itemUses(target.foreach, target.name).find((u) => u.start <= offset && offset <= u.end);
  if (!r) return undefined;
  return { target, range: { start: d.positionAt(r.start), end: d.positionAt(r.end) }, placeholder: target.name };
}

export function renameItem(d: Analysed, target: ItemTarget, newName: string, uri: string): Result<WorkspaceEdit> {
  const { foreach, name } = target;
  if (newName === name) return { ok: { changes: { [uri]: [] } } };
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(newName) || RESERVED.has(newName)) {
    return { error: `'${newName}' is not a valid item name: it must start with a letter or '_', contain only letters, digits and '_', and not be steps, inputs, env, index, run, true, false or null.` };
  }
  const body = foreach.body!;
  const line = (o: number) => d.positionAt(o).line + 1;
  // Every path root in the body's templates, with the scope it is resolved from.
  const clash = (): string | undefined => {
    let problem: string | undefined;
    forEachInside(foreach, (s) => {
      // An inner foreach around this step whose item already has the new name: it depends on the step only.
      const inner = innerItemScope(s.scope, body, newName);
      for (const host of s.templates) {
        eachPathRoot(host, (root, { start: at }) => {
          if (problem) return;
          if (root === newName && !inner) {
            problem = `Renaming to '${newName}' would make '\${${newName}...}' on line ${line(at)} name this foreach's item.`;
          } else if (root === name && owningForeach(s.scope, name) === foreach && inner) {
            problem = `Renaming to '${newName}' would make the use on line ${line(at)} name the item of foreach '${inner.owner?.id}' (as: ${newName}).`;
          }
        });
      }
    });
    return problem;
  };
  const problem = clash();
  if (problem) return { error: problem };
  const edits: TextEdit[] = [];
  const edit = (r: Range, text: string) => edits.push({ range: { start: d.positionAt(r.start), end: d.positionAt(r.end) }, newText: text });
  const decl = itemDeclaration(d.analysis, foreach);
  if (decl?.as) {
    const r = innerRange(d.text, decl.range);
    edit(r, r.start === decl.range.start ? plainScalarText(d, newName) : newName);
  } else {
    const insert = asInsertion(d, foreach, newName);
    if ('error' in insert) return insert;
    edit({ start: insert.ok.at, end: insert.ok.at }, insert.ok.text);
  }
  for (const u of itemUses(foreach, name)) edit(u, newName);
  return { ok: { changes: { [uri]: edits } } };
}

/** A foreach body between `scope` and `body` (inclusive of `scope`, exclusive of `body`) whose item is `name`. */
function innerItemScope(scope: Scope, body: Scope, name: string): Scope | undefined {
  for (let sc: Scope | undefined = scope; sc && sc !== body; sc = sc.parent) if (sc.itemName === name) return sc;
  return undefined;
}

/** Where `as: <name>` goes for a foreach without one: before its `steps:` key. */
function asInsertion(d: Analysed, foreach: Step, name: string): Result<{ at: number; text: string }> {
  const doc = d.analysis.model.yaml;
  const map = foreach.node;
  const value = doc && isMap(map) ? findPair(doc, map, 'foreach')?.value : undefined;
  const steps = doc && isMap(value) ? findPair(doc, value, 'steps') : undefined;
  const key = steps?.key as { range?: [number, number, number] } | undefined;
  if (!isMap(value) || !key?.range) return { error: `Cannot add 'as: ${name}' to foreach '${foreach.id}': its 'steps' key was not found.` };
  const at = key.range[0];
  const written = plainScalarText(d, name);
  if ((value as { flow?: boolean }).flow) return { ok: { at, text: `as: ${written}, ` } };
  const lead = d.text.slice(lineStartAt(d.text, at), at);
  if (!/^[ ]*$/.test(lead)) return { error: `Cannot add 'as: ${name}' to foreach '${foreach.id}': its 'steps' key does not start a line.` };
  return { ok: { at, text: `as: ${written}${lineBreakOf(d.text)}${lead}` } };
}

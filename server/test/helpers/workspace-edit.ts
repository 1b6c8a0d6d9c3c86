// Applies a server's WorkspaceEdit to a test's text, as an editor would (every range read in the text
// before the edit), so a test can analyse the result: the rename tests each wrote this loop.
import * as assert from 'node:assert/strict';
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';
import { createLineIndex } from '../../../engine/src/model/line-index.js';

/**
 * `text` with the edits `edit` makes to `uri`, and the text each edit replaced (in the edit's order).
 * With `disjoint`, fails when two edits overlap, as VS Code refuses such an edit.
 */
export function applyWorkspaceEdit(text: string, uri: string, edit: WorkspaceEdit, { disjoint = false } = {}): { text: string; replaced: string[] } {
  const idx = createLineIndex(text);
  const edits = edit.changes![uri].map((e) => ({ start: idx.offsetAt(e.range.start), end: idx.offsetAt(e.range.end), newText: e.newText }));
  const replaced = edits.map((e) => text.slice(e.start, e.end));
  edits.sort((a, b) => b.start - a.start);
  if (disjoint) for (let i = 1; i < edits.length; i++) assert.ok(edits[i].end <= edits[i - 1].start, `overlapping edits at ${edits[i].start}: ${JSON.stringify(edit)}`);
  for (const e of edits) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
  return { text, replaced };
}

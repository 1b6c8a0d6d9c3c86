// Completion of a `workflow` step's `path:` value (`path: ./lib/|`, also in flow style): the folders
// and workflow files (`*.weft.yaml`, `*.weft.yml`, `*.workflow.yaml`, `*.workflow.yml`) of the folder
// typed so far, relative to the document's folder as the analyser resolves the path, the way VS Code
// completes paths. Reads directory listings only, through `ServiceEnv.listDir` (bounded, never opens
// a FIFO or a device; see ../dir-list.ts). A document that is not a file on disk (`untitled:`) has
// no folder, so it gets nothing. A typed `.` or `..` also gets `./` and `../`; and when the client
// has named the command that opens its completion list again (`retriggerSuggestCommand` in its
// initialization options: the Weft VS Code extension names `editor.action.triggerSuggest`),
// accepting a folder runs it, so that the folder's entries follow without another keystroke.
import * as path from 'node:path';
import type { CompletionItem, Position } from 'vscode-languageserver-types';
import { CompletionItemKind } from 'vscode-languageserver-types';
import type { ServiceEnv } from './context.js';
import type { PathSeg } from './yaml-path.js';

const WORKFLOW_FILE = /\.(weft|workflow)\.ya?ml$/;

/** True for the value of `path:` directly under a step's `workflow:`. */
export function isWorkflowPathValue(parents: PathSeg[], key: string): boolean {
  return key === 'path' && parents[parents.length - 1] === 'workflow' && parents[parents.length - 2] === '[]';
}

/**
 * The items for the value typed so far (`valueText`, up to the cursor at `offset`), each replacing
 * the last path segment; undefined when the value is not a path being typed (a template, a document
 * without a folder, a folder that cannot be listed).
 */
export function pathCompletion(
  valueText: string, offset: number, positionAt: (o: number) => Position, env: ServiceEnv,
): { items: CompletionItem[]; isIncomplete: boolean } | undefined {
  if (!env.uri.startsWith('file:') || !env.listDir || !path.isAbsolute(env.file)) return undefined;
  const typed = valueText.replace(/^["']/, '');
  if (typed.includes('${') || /["'#]/.test(typed)) return undefined;
  const slash = typed.lastIndexOf('/');
  const folderPart = typed.slice(0, slash + 1);
  const name = typed.slice(slash + 1);
  const folder = path.resolve(path.dirname(env.file), folderPart || '.');
  const listing = env.listDir(folder);
  if (!listing) return undefined;
  const range = { start: positionAt(offset - name.length), end: positionAt(offset) };
  // An empty value gets `./` written before the name, as the language spec's examples write paths.
  const lead = typed === '' ? './' : '';
  const self = path.resolve(env.file);
  const items: CompletionItem[] = [];
  const command = env.retriggerSuggestCommand ? { title: 'Suggest', command: env.retriggerSuggestCommand } : undefined;
  if (folderPart === '' && (name === '.' || name === '..')) {
    for (const up of name === '.' ? ['./', '../'] : ['../']) {
      items.push({ label: up, kind: CompletionItemKind.Folder, textEdit: { range, newText: up }, filterText: up, sortText: `0${up}`, command });
    }
  }
  for (const e of listing.entries) {
    // Hidden entries only when a `.` is typed (`.weft/runs` is history, not workflows).
    if (e.name.startsWith('.') && !name.startsWith('.')) continue;
    if (e.kind === 'file' && (!WORKFLOW_FILE.test(e.name) || path.join(folder, e.name) === self)) continue;
    const folderItem = e.kind === 'folder';
    const label = folderItem ? `${e.name}/` : e.name;
    items.push({
      label, kind: folderItem ? CompletionItemKind.Folder : CompletionItemKind.File,
      textEdit: { range, newText: lead + label }, filterText: label, sortText: (folderItem ? '0' : '1') + e.name,
      ...(folderItem && command ? { command } : {}),
    });
  }
  return { items, isIncomplete: listing.truncated };
}

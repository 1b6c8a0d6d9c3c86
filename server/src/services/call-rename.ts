// Rename of a called file's output across a `workflow` call: from its key under `outputs:` or from a
// caller's `${steps.X.output.NAME}` / `output['NAME']`, one WorkspaceEdit with the key and every use
// in the callers the server knows (call-refs.ts; known-calls.ts says which files those are). An input
// is not renamed (rename.ts says why; docs/language-server.md).
import * as path from 'node:path';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { isIdentifier } from '../../../engine/src/template/lexer.js';
import type { Analysed, ServiceEnv } from './context.js';
import type { CallName, NamePlace } from './call-refs.js';
import { callNamePlaces } from './call-refs.js';
import { KnownCalls } from './known-calls.js';
import { readsAsText } from './plain-scalar.js';

export type Renamed = { ok: WorkspaceEdit } | { error: string };

export function renameCallOutput(d: Analysed, n: CallName, newName: string, env: ServiceEnv): Renamed {
  if (newName === n.name) return { ok: { changes: {} } };
  // The schema's rule for an output name, which is also the one `.NAME` after `output` is read by.
  if (!isIdentifier(newName)) {
    return { error: `'${newName}' is not a valid output name: it must start with a letter or '_' and contain only letters, digits, '_' and '-'.` };
  }
  const known = new KnownCalls({ uri: env.uri, analysis: d.analysis, positionAt: d.positionAt }, env.workspace);
  const callee = known.fileOf(n.callee);
  const shown = path.basename(callee.analysis.model.file);
  const clash = callee.analysis.model.outputs.find((o) => o.name === newName);
  if (clash) {
    return { error: `'${shown}' already declares an output '${newName}' (line ${callee.positionAt(clash.nameRange.start).line + 1}).` };
  }
  const { declaration, uses } = callNamePlaces(known, n);
  const escaped = uses.find((u) => u.escaped);
  if (escaped) {
    const line = escaped.file.positionAt(escaped.range.start).line + 1;
    return { error: `Cannot rename '${n.name}': ${path.basename(escaped.file.analysis.model.file)} line ${line} writes it as a bracketed text with escapes; write it as output.${n.name} first.` };
  }
  const changes: Record<string, TextEdit[]> = {};
  for (const p of declaration ? [declaration, ...uses] : uses) {
    (changes[p.file.uri] ??= []).push({ range: { start: p.file.positionAt(p.range.start), end: p.file.positionAt(p.range.end) }, newText: written(p, newName) });
  }
  return { ok: { changes } };
}

/** The new name as the place writes it: a plain key that YAML would read as something else (`true`) is quoted. */
function written(p: NamePlace, name: string): string {
  if (p.how !== 'key') return name;
  const text = p.file.analysis.model.text;
  const c = text[p.range.start - 1];
  const quoted = (c === '"' || c === "'") && text[p.range.end] === c;
  return quoted || readsAsText(p.file, name) ? name : JSON.stringify(name);
}

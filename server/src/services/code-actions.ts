// Quick fixes: "Change to 'fetch'" for an unknown step (the analyser's suggestion), and "Add `needs`"
// for a file race (make one of the two steps wait for the other).
import type { CodeAction, Diagnostic as LspDiagnostic, TextEdit } from 'vscode-languageserver-types';
import { CodeActionKind } from 'vscode-languageserver-types';
import type { Step } from '../../../engine/src/model/types.js';
import type { Analysed, ServiceEnv } from './context.js';
import { stepAt, wouldCycle } from './step-info.js';
import { lineBreakOf, lineEndAt, lineStartAt } from '../engine-api.js';

export function codeActions(d: Analysed, diagnostics: LspDiagnostic[], env: ServiceEnv): CodeAction[] {
  const out: CodeAction[] = [];
  for (const diag of diagnostics) {
    if (diag.code === 'unknown-step') {
      const suggestion = (diag.data as { suggestion?: string } | undefined)?.suggestion ?? /did you mean '([^']+)'/.exec(typeof diag.message === 'string' ? diag.message : diag.message.value)?.[1];
      if (!suggestion) continue;
      out.push({
        title: `Change to '${suggestion}'`, kind: CodeActionKind.QuickFix, diagnostics: [diag], isPreferred: true,
        edit: { changes: { [env.uri]: [{ range: diag.range, newText: suggestion }] } },
      });
    }
    if (diag.code === 'file-race') {
      const a = d.analysis;
      const s1 = stepAt(a, d.offsetAt(diag.range.start));
      const otherLoc = diag.relatedInformation?.find((r) => r.location.uri === env.uri);
      const s2 = otherLoc ? stepAt(a, d.offsetAt(otherLoc.location.range.start)) : undefined;
      if (!s1 || !s2 || s1 === s2) continue;
      // The analyser's suggestion (data: {needs, step}) first, else the later step (in file order)
      // waits for the earlier one; the reverse is offered too.
      const data = diag.data as { needs?: string; step?: string } | undefined;
      let [first, second] = s1.range.start < s2.range.start ? [s1, s2] : [s2, s1];
      if (data?.step && data.needs) {
        if (first.path === data.step && second.id === data.needs) [first, second] = [second, first];
      }
      for (const [waiter, waited, preferred] of [[second, first, true], [first, second, false]] as const) {
        if (waiter.scope !== waited.scope && !visibleFrom(waiter, waited)) continue;
        if (wouldCycle(a, waiter).has(waited)) continue;
        const edits = addNeedsEdits(d, waiter, waited.id);
        if (!edits) continue;
        out.push({
          title: `Add \`needs: ${waited.id}\` to '${waiter.id}'`, kind: CodeActionKind.QuickFix, diagnostics: [diag], isPreferred: preferred,
          edit: { changes: { [env.uri]: edits } },
        });
      }
    }
  }
  return out;
}

function visibleFrom(from: Step, target: Step): boolean {
  for (let sc: Step['scope'] | undefined = from.scope; sc; sc = sc.parent) if (sc === target.scope) return true;
  return false;
}

/** Edits that add `id` to the step's `needs` (creating the key after `id:` when it has none). */
export function addNeedsEdits(d: Analysed, step: Step, id: string): TextEdit[] | undefined {
  const text = d.text;
  const at = (o: number) => d.positionAt(o);
  if (step.needs.length) {
    const last = step.needs[step.needs.length - 1];
    // Inside a flow list `[a, b]` or a block list `- b`, or a single scalar `needs: a`.
    const lineStart = lineStartAt(text, last.range.start);
    const before = text.slice(lineStart, last.range.start);
    const afterText = text.slice(last.range.end, last.range.end + 40);
    if (/^\s*\]/.test(afterText) || /^\s*,/.test(afterText) || /\[\s*$/.test(before) || /,\s*$/.test(before)) {
      return [{ range: { start: at(last.range.end), end: at(last.range.end) }, newText: `, ${id}` }];
    }
    const dash = /^(\s*)-\s+$/.exec(before);
    if (dash) return [{ range: { start: at(last.range.end), end: at(last.range.end) }, newText: `${lineBreakOf(text)}${dash[1]}- ${id}` }];
    return [{ range: { start: at(last.range.start), end: at(last.range.end) }, newText: `[${text.slice(last.range.start, last.range.end)}, ${id}]` }];
  }
  // No needs yet: insert a line after the `id:` line, with the id key's indentation.
  const idLineStart = lineStartAt(text, step.idRange.start);
  const idLine = text.slice(idLineStart, step.idRange.start);
  const m = /^([ -]*)id\s*:\s*$/.exec(idLine);
  if (!m) return undefined;
  const lineEnd = lineEndAt(text, step.idRange.end);
  const indent = ' '.repeat(m[1].length);
  return [{ range: { start: at(lineEnd), end: at(lineEnd) }, newText: `${lineBreakOf(text)}${indent}needs: ${id}` }];
}

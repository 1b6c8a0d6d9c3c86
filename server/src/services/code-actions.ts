// Quick fixes: the analyser's data.suggestion as a replacement of the diagnostic's range ("Change to
// 'fetch'" for an unknown step, "Write as a template: ${...}" for a bare `if:` expression or GitHub's
// `${{ x }}`, "Change to 'false'" for `if: no`), and "Add `needs`" for a file race (make one of the two steps wait for the other). A race is reported on each of its
// steps, so a selection over both brings the same fix twice: it is offered once, for both diagnostics.
import type { CodeAction, Diagnostic as LspDiagnostic } from 'vscode-languageserver-types';
import type { Diagnostic } from '../../../engine/src/model/types.js';
import { CodeActionKind } from 'vscode-languageserver-types';
import type { Step } from '../../../engine/src/model/types.js';
import type { Analysed, ServiceEnv } from './context.js';
import { stepAt, wouldCycle } from './step-info.js';
import { addNeedsEdits } from './add-needs.js';

/**
 * The analyser's data.suggestion, of any code (unknown names, schema keys and values, `if:`, `${{ }}`),
 * as the replacement of the diagnostic's range; engine/test/analysis/suggestions.test.ts checks that
 * each one fixes its diagnostic. An unknown step without data falls back to its "did you mean".
 */
function suggestionFix(diag: LspDiagnostic, env: ServiceEnv, own: Diagnostic | undefined): CodeAction | undefined {
  const data = ((diag.data ?? own?.data) as { suggestion?: unknown } | undefined)?.suggestion;
  const suggestion = typeof data === 'string' ? data
    : diag.code === 'unknown-step' ? /did you mean '([^']+)'/.exec(typeof diag.message === 'string' ? diag.message : diag.message.value)?.[1] : undefined;
  if (!suggestion) return undefined;
  return {
    title: suggestionTitle(suggestion), kind: CodeActionKind.QuickFix, diagnostics: [diag], isPreferred: true,
    edit: { changes: { [env.uri]: [{ range: diag.range, newText: suggestion }] } },
  };
}

export function codeActions(d: Analysed, diagnostics: LspDiagnostic[], env: ServiceEnv): CodeAction[] {
  const out: CodeAction[] = [];
  /** Actions by their edit: a second diagnostic with the same fix joins the first action's list. */
  const byEdit = new Map<string, CodeAction>();
  const push = (action: CodeAction) => {
    const key = JSON.stringify(action.edit);
    const same = byEdit.get(key);
    if (same) { same.diagnostics = [...(same.diagnostics ?? []), ...(action.diagnostics ?? [])]; return; }
    byEdit.set(key, action);
    out.push(action);
  };
  for (const diag of diagnostics) {
    const own = ownDiagnostic(d, diag);
    const suggested = suggestionFix(diag, env, own);
    if (suggested) push(suggested);
    if (diag.code === 'file-race') {
      const a = d.analysis;
      const s1 = stepAt(a, d.offsetAt(diag.range.start));
      const otherLoc = diag.relatedInformation?.find((r) => r.location.uri === env.uri);
      const other = otherLoc ? d.offsetAt(otherLoc.location.range.start) : own?.related?.find((r) => !r.file || r.file === a.model.file)?.range.start;
      const s2 = other === undefined ? undefined : stepAt(a, other);
      if (!s1 || !s2 || s1 === s2) continue;
      // The analyser's suggestion (data: {needs, step}) first, else the later step (in file order)
      // waits for the earlier one; the reverse is offered too.
      const data = (diag.data ?? own?.data) as { needs?: string; step?: string } | undefined;
      let [first, second] = s1.range.start < s2.range.start ? [s1, s2] : [s2, s1];
      if (data?.step && data.needs) {
        if (first.path === data.step && second.id === data.needs) [first, second] = [second, first];
      }
      // One already waits for the other (wouldCycle, either way): a `needs` the other way would close a
      // cycle, and the race is between other copies of the two (a steps list reused through a YAML
      // alias is one text, and stepAt finds its first copy), which no `needs` can order.
      if (wouldCycle(a, first).has(second) || wouldCycle(a, second).has(first)) continue;
      for (const [waiter, waited, preferred] of [[second, first, true], [first, second, false]] as const) {
        if (waiter.scope !== waited.scope && !visibleFrom(waiter, waited)) continue;
        const edits = addNeedsEdits(d, waiter, waited.id);
        if (!edits) continue;
        push({
          title: `Add \`needs: ${waited.id}\` to '${waiter.id}'`, kind: CodeActionKind.QuickFix, diagnostics: [diag], isPreferred: preferred,
          edit: { changes: { [env.uri]: edits } },
        });
      }
    }
  }
  return out;
}

/**
 * The analysis's own diagnostic that `diag` (as the client sent it back) is: same code and range, the
 * same message when there is one. A client need not keep `data` (without publishDiagnostics.dataSupport)
 * or `relatedInformation` (Helix drops it), and LSP does not promise the context's diagnostics are
 * exact, so the fix data and the other place of a race are read from it when the client's lack them.
 */
function ownDiagnostic(d: Analysed, diag: LspDiagnostic): Diagnostic | undefined {
  const start = d.offsetAt(diag.range.start);
  const end = d.offsetAt(diag.range.end);
  const same = d.analysis.diagnostics.filter((x) => x.code === diag.code && x.range.start === start && x.range.end === end);
  return same.find((x) => x.message === diag.message) ?? same[0];
}

/**
 * "Change to 'x'" for a name; a template (maybe inside the quotes of its scalar) reads as what it is,
 * "Write as a template: ${a == 'x'}", not as "Change to '${a == 'x'}'" with quotes in quotes; a name
 * written in brackets comes with its own quotes (`'target-env'`), which the title does not double.
 */
function suggestionTitle(suggestion: string): string {
  if (/^["']?\$\{/.test(suggestion)) return `Write as a template: ${suggestion}`;
  return /^(["']).*\1$/s.test(suggestion) ? `Change to ${suggestion}` : `Change to '${suggestion}'`;
}

function visibleFrom(from: Step, target: Step): boolean {
  for (let sc: Step['scope'] | undefined = from.scope; sc; sc = sc.parent) if (sc === target.scope) return true;
  return false;
}

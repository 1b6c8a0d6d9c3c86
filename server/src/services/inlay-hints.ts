// Inlay hints after each step id: its stage and the steps of the same stage in its scope
// ("stage 2 · parallel with process2, process3"), peers in the other branches of a `parallel` block
// included; ids that repeat are named by their branch (`south/process`). A steps list (or step) reused through a YAML alias has one step per use but one id in the
// text: it gets one hint, its first use's. Under a `maxConcurrency: 1` (config, or a block around
// them) they run "one at a time with" those steps; in or behind a dependency cycle, they never run.
import type { InlayHint, Range as LspRange } from 'vscode-languageserver-types';
import { InlayHintKind } from 'vscode-languageserver-types';
import type { Analysed } from './context.js';
import { cycleBlocked, peersPhrase, textKey } from './step-info.js';

export function inlayHints(d: Analysed, range: LspRange | undefined): InlayHint[] {
  const a = d.analysis;
  const from = range ? d.offsetAt(range.start) : 0;
  const to = range ? d.offsetAt(range.end) : Infinity;
  const out: InlayHint[] = [];
  const seen = new Set<string>();
  for (const s of a.model.allSteps) {
    if (!s.id || s.idRange.end < from || s.idRange.end > to) continue;
    if (seen.has(textKey(s))) continue; // another use of an aliased steps list
    if (s.idRange.end - s.idRange.start > s.id.length + 2) continue; // no id of its own
    const stage = a.stages.get(s);
    if (stage === undefined) continue;
    seen.add(textKey(s));
    // A step a dependency cycle keeps from running has no stage to show.
    const blocked = cycleBlocked(a).get(s);
    if (blocked) {
      out.push({ position: d.positionAt(s.idRange.end), label: blocked, kind: InlayHintKind.Type, paddingLeft: true });
      continue;
    }
    // Under a limit of 1 the steps of a stage run one after the other, in no order the text fixes.
    const peers = peersPhrase(a, s, 3);
    const label = `stage ${stage}${peers ? ` · ${peers}` : ''}`;
    out.push({ position: d.positionAt(s.idRange.end), label, kind: InlayHintKind.Type, paddingLeft: true });
  }
  return out;
}

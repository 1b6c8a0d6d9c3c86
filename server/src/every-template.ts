// Every template a workflow file holds, as the analyser checks them: each step's fields, the
// top-level `outputs`, and the top-level `env:` and `config:` (WorkflowModel.settingTemplates). The
// services that look at all of them (input references, semantic tokens, free-text edits, the scan
// for unread references) read this one list, so a new kind of template is added here once.
import type { WorkflowModel, TemplateString } from '../../engine/src/model/types.js';

export function* everyTemplate(m: WorkflowModel): Iterable<TemplateString> {
  for (const s of m.allSteps) yield* s.templates;
  yield* m.outputTemplates;
  yield* m.settingTemplates;
}

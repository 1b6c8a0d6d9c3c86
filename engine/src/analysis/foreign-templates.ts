// `foreign-template` (warning): Argo Workflows' `{{inputs.parameters.msg}}`, `{{item}}`,
// `{{steps.a.outputs.result}}` or `{{workflow.name}}` (and Ansible's `{{ item }}`) in a Weft value.
// Weft reads only `${...}`, so such text reaches the shell, the request or the file as written, and
// the step waits for nothing it names: the file validated and ran with the braces in its output.
// Only those names are matched, not every `{{`, which a shell command may mean (`docker inspect -f
// '{{.Id}}'`, Go and Helm templates): a warning, as the run accepts the text, with the Weft template
// as the quick fix when there is one.
import { visit } from 'yaml';
import type { Diagnostic, WorkflowModel } from '../model/types.js';
import { WORKFLOW_TO_RUN } from './argo-paths.js';

// An Argo expression: `{{` name `}}`, spaces allowed inside the braces, not `${{` (GitHub's form,
// a template-syntax error of its own).
const ARGO = /(?<!\$)\{\{\s*((?:inputs\.parameters|workflow\.parameters)\.[A-Za-z_][\w-]*|(?:steps|tasks)\.[A-Za-z_][\w-]*\.outputs(?:\.[A-Za-z_][\w-]*)+|workflow\.(?:name|uid|creationTimestamp)|item(?:\.[A-Za-z_][\w-]*)*)\s*\}\}/g;

export function findForeignTemplates(model: WorkflowModel): Diagnostic[] {
  // Most files hold no `{{` at all: they cost one search of the text.
  if (!model.yaml || !model.text.includes('{{')) return [];
  const out: Diagnostic[] = [];
  const text = model.text;
  visit(model.yaml, {
    Scalar(key, node) {
      if (key === 'key' || typeof node.value !== 'string' || !node.value.includes('{{') || !node.range) return;
      // Matched in the source, so the range is the written text (in a block scalar too).
      const [start, end] = node.range;
      const source = text.slice(start, end);
      for (const m of source.matchAll(ARGO)) {
        const at = start + m.index;
        const name = m[1]!;
        const weft = weftSpelling(name);
        out.push({
          code: 'foreign-template',
          severity: 'warning',
          message: `'${m[0]}' is Argo's template syntax, which Weft does not read: the text is used as written${waitsFor(name)}; ${weft ? `write ${weft}` : `Weft has one output per step: \${steps.${name.split('.')[1]}.output}`}`,
          range: { start: at, end: at + m[0].length },
          ...(weft ? { data: { suggestion: weft } } : {}),
        });
      }
    },
  });
  return out;
}

/** For a step's output: that the step does not wait for it (only `${...}` makes a dependency). */
function waitsFor(name: string): string {
  const [root, id] = name.split('.');
  return root === 'steps' || root === 'tasks' ? `, and the step does not wait for '${id}'` : '';
}

/** The Weft template meaning the same as Argo's `name`, or undefined when there is no one spelling. */
function weftSpelling(name: string): string | undefined {
  const [root, second, third, fourth, ...rest] = name.split('.');
  if (root === 'inputs' || (root === 'workflow' && second === 'parameters')) return `\${inputs.${third}}`;
  // `workflow.X`: ARGO matches only the names WORKFLOW_TO_RUN has.
  if (root === 'workflow') return `\${${WORKFLOW_TO_RUN[second!]}}`;
  if (root === 'item') return `\${${name}}`;
  // steps.X.outputs.result: the step's output (its stdout); an output parameter has no one spelling.
  return fourth === 'result' && rest.length === 0 ? `\${steps.${second}.output}` : undefined;
}

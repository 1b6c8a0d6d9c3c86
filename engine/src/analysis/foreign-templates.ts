// `foreign-template` (warning): Argo Workflows' `{{inputs.parameters.msg}}`, `{{item}}`,
// `{{steps.a.outputs.result}}` or `{{workflow.name}}` (and Ansible's `{{ item }}`) in a Weft value.
// Weft reads only `${...}`, so such text reaches the shell, the request or the file as written, and
// the step waits for nothing it names: the file validated and ran with the braces in its output.
// Only those names are matched, not every `{{`, which a shell command may mean (`docker inspect -f
// '{{.Id}}'`, Go and Helm templates): a warning, as the run accepts the text, with the Weft template
// as the quick fix when there is one.
import { visit } from 'yaml';
import type { Diagnostic, Scope, WorkflowModel } from '../model/types.js';
import { WORKFLOW_TO_RUN } from './argo-paths.js';
import { foreachItemNames, resolveStep } from './scopes.js';

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
        const scope = scopeAt(model, at);
        const weft = weftSpelling(name, scope);
        out.push({
          code: 'foreign-template',
          severity: 'warning',
          message: `'${m[0]}' is Argo's template syntax, which Weft does not read: the text is used as written${waitsFor(name)}; ${weft ? `write ${weft}` : `Weft has one output per step: \${steps.${name.split('.')[1]}.output}`}`,
          range: { start: at, end: at + m[0].length },
          // No fix that would name nothing (the warning would become an error).
          ...(weft && namesSomething(name, model, scope) ? { data: { suggestion: weft } } : {}),
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

/** The scope a template at `offset` is read in: that of the innermost step holding it (the file's outside any). */
function scopeAt(model: WorkflowModel, offset: number): Scope {
  let scope = model.root;
  for (const step of model.allSteps) {
    const r = step.node.range;
    // Depth-first: a step inside another comes after it, so the last one holding the offset is the innermost.
    if (r && r[0] <= offset && offset < r[1]) scope = step.scope;
  }
  return scope;
}

/** The Weft template meaning the same as Argo's `name` where it is (`scope`), or undefined when there is no one spelling. */
function weftSpelling(name: string, scope: Scope): string | undefined {
  const [root, second, third, fourth, ...rest] = name.split('.');
  if (root === 'inputs' || (root === 'workflow' && second === 'parameters')) return `\${inputs.${third}}`;
  // `workflow.X`: ARGO matches only the names WORKFLOW_TO_RUN has.
  if (root === 'workflow') return `\${${WORKFLOW_TO_RUN[second!]}}`;
  // Argo's item is the innermost foreach's, under the name it gives it (`as: x`).
  if (root === 'item') return `\${${[foreachItemNames(scope)[0] ?? 'item', ...name.split('.').slice(1)].join('.')}}`;
  // steps.X.outputs.result: the step's output (its stdout); an output parameter has no one spelling.
  return fourth === 'result' && rest.length === 0 ? `\${steps.${second}.output}` : undefined;
}

/** Whether the Weft spelling of `name` names something at `scope`: a declared input, a visible step, a foreach's item. */
function namesSomething(name: string, model: WorkflowModel, scope: Scope): boolean {
  const [root, second, third] = name.split('.');
  if (root === 'inputs' || (root === 'workflow' && second === 'parameters')) return model.inputs.some((i) => i.name === third);
  if (root === 'item') return foreachItemNames(scope).length > 0;
  if (root === 'steps' || root === 'tasks') return resolveStep(scope, second!) !== undefined;
  return true;
}

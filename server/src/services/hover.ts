// Hover: on a step reference or id, the step (kind, summary, what it waits for, what waits for it,
// stage, parallel peers, and from the last run: status, duration, output preview); on a YAML key,
// the schema's documentation; on a `workflow` path, the file it calls; on a key under a `workflow`
// step's `inputs:`, that input as the called file declares it; on a field of a `workflow` step's
// output (`steps.call.output.status`), that output as the called file declares it; on a per-step
// field (`steps.api.statusCode`) or a field of `run`, its description from the analyser's tables.
import type { Hover } from 'vscode-languageserver-types';
import { MarkupKind } from 'vscode-languageserver-types';
import type { Analysis } from '../../../engine/src/analysis/types.js';
import type { Step } from '../../../engine/src/model/types.js';
import type { Analysed, ServiceEnv } from './context.js';
import { itemNames, listNames, peersPhrase, stageLabel, stepAt, summary } from './step-info.js';
import { walkExpr } from '../../../engine/src/template/parse.js';
import { functionMarkdown, sentence } from './completion.js';
import { targetAt } from './target-at.js';
import { codeSpanText, shorten, sliceWhole } from './one-line.js';
import { lineCursor } from './yaml-path.js';
import { keyAt } from './key-at.js';
import { waitsForLines } from './waits-for.js';
import { callInputKeyAt, inputMarkdown } from './call-inputs.js';
import { callOutputAt, callOutputMarkdown } from './call-outputs.js';
import { COMMON_PROPERTIES, FUNCTION_DOCS, RUN_PROPERTIES, lineEndAt, lineStartAt, stepProperties } from '../engine-api.js';

export function hover(d: Analysed, offset: number, env: ServiceEnv): Hover | null {
  const a = d.analysis;
  const t = targetAt(a, offset);
  const range = (r: { start: number; end: number }) => ({ start: d.positionAt(r.start), end: d.positionAt(r.end) });
  // A field of a `workflow` step's output: the called file's declaration of that output.
  // Any kind of target: the name in `output['status']` is a string inside the reference, not a part of it.
  const out = callOutputAt(a, offset);
  if (out) return { contents: callOutputMarkdown(out), range: range(out.range) };
  if (t.kind === 'reference') {
    // A per-step field (`statusCode`, `status`; not `output`, which is the step's result): its description.
    const field = t.ref.via === 'template' && t.step ? t.ref.properties[0] : undefined;
    if (field && field.name !== 'output' && field.range.start <= offset && offset <= field.range.end) {
      const props = stepProperties(t.step!.kind);
      const doc = Object.hasOwn(props, field.name) ? props[field.name] : undefined;
      if (doc) return { contents: { kind: MarkupKind.Markdown, value: `**${t.step!.id}.${field.name}** · \`${t.step!.kind ?? 'step'}\`: ${sentence(doc)}` }, range: range(field.range) };
    }
    // On a field after the id (`output` in `steps.prepare.output`, or one after it) the hover is the
    // step's, over the id and the fields up to the cursor's: LSP's hover range is what the editor
    // marks as hovered, and the id's alone left out the word under the mouse.
    const under = t.ref.properties.find((p) => p.range.start <= offset && offset <= p.range.end);
    const over = under && !(t.range.start <= offset && offset <= t.range.end) ? range({ start: t.range.start, end: under.range.end }) : range(t.range);
    if (!t.step) return { contents: { kind: MarkupKind.Markdown, value: `No step \`${t.ref.id}\` is visible here.` }, range: over };
    return { contents: { kind: MarkupKind.Markdown, value: stepMarkdown(a, t.step, env) }, range: over };
  }
  if (t.kind === 'step-id') return { contents: { kind: MarkupKind.Markdown, value: stepMarkdown(a, t.step, env) }, range: range(t.range) };
  if (t.kind === 'workflow-path') return { contents: { kind: MarkupKind.Markdown, value: `Calls the workflow \`${t.value}\` (relative to this file).` }, range: range(t.range) };
  return templateHover(d, offset) ?? callInputHover(d, offset) ?? keyHover(d, offset, env);
}

/** On a key under a `workflow` step's `inputs:`: that input as the called file declares it. */
function callInputHover(d: Analysed, offset: number): Hover | null {
  const hit = callInputKeyAt(d.analysis, offset);
  if (!hit) return null;
  return { contents: inputMarkdown(hit.decl, hit.step.workflowPath?.value), range: { start: d.positionAt(hit.range.start), end: d.positionAt(hit.range.end) } };
}

/** Inside a template: an input, a workflow env entry, a function, the foreach item, a root. */
function templateHover(d: Analysed, offset: number): Hover | null {
  const a = d.analysis;
  const step = stepAt(a, offset);
  const hosts = step ? step.templates : [...a.model.outputTemplates, ...a.model.settingTemplates];
  for (const host of hosts) {
    if (offset < host.range.start || offset > host.range.end) continue;
    let found: Hover | null = null;
    const src = (r: { start: number; end: number }) => ({ start: host.toSource(r.start), end: host.toSource(r.end) });
    const inside = (r: { start: number; end: number }) => { const x = src(r); return x.start <= offset && offset <= x.end; };
    const md = (value: string, r: { start: number; end: number }): Hover => {
      const x = src(r);
      return { contents: { kind: MarkupKind.Markdown, value }, range: { start: d.positionAt(x.start), end: d.positionAt(x.end) } };
    };
    for (const part of host.template.parts) {
      if (part.kind !== 'expr') continue;
      walkExpr(part.expr, (e) => {
        if (found) return;
        if (e.type === 'call' && inside(e.name.range)) {
          // The analyser's table has no prototype: `toString(1)` is an unknown function here too.
          found = md(functionMarkdown(e.name.name)?.value ?? `Unknown function \`${e.name.name}\`; the functions are ${Object.keys(FUNCTION_DOCS).join(', ')}.`, e.name.range);
        } else if (e.type === 'path') {
          const first = e.segments[0];
          const root = e.root.name;
          if (root === 'inputs' && first?.kind === 'prop' && (inside(first.range) || inside(e.root.range))) {
            const decl = a.model.inputs.find((i) => i.name === first.name);
            found = md(decl ? inputMarkdown(decl, undefined, `inputs.${decl.name}`).value : `No input \`${first.name}\` is declared.`, { start: e.root.range.start, end: first.range.end });
          } else if (root === 'env' && first?.kind === 'prop' && (inside(first.range) || inside(e.root.range))) {
            // Only the workflow's own entries: `env.toString` is not Object.prototype's.
            const v = Object.hasOwn(a.model.env, first.name) ? a.model.env[first.name] : undefined;
            found = md(v !== undefined ? `**env.${first.name}** = \`${codeSpanText(shorten(String(v)))}\` (from \`env:\`, which wins over the process environment)` : `**env.${first.name}**: from the process environment when the run starts.`, { start: e.root.range.start, end: first.range.end });
          } else if (root === 'run' && first?.kind === 'prop' && inside(first.range) && Object.hasOwn(RUN_PROPERTIES, first.name)) {
            found = md(`**run.${first.name}**: ${sentence(RUN_PROPERTIES[first.name]!)}`, first.range);
          } else if (inside(e.root.range)) {
            const names = step ? itemNames(step.scope) : [];
            const doc = root === 'steps' ? `The results of other steps: \`steps.ID.output\`, ${Object.keys(COMMON_PROPERTIES).filter((p) => p !== 'output').map((p) => `\`.${p}\``).join(', ')}, and the fields of the step's kind.`
              : root === 'inputs' ? 'The workflow inputs.'
              : root === 'env' ? 'Environment variables: `env:` of the workflow, then the process environment.'
              : root === 'run' ? `The current run: ${Object.keys(RUN_PROPERTIES).map((p) => `\`run.${p}\``).join(', ')}.`
              : root === 'index' ? 'The position of the current item in the enclosing foreach (0-based).'
              : names.includes(root) ? `The current item of the enclosing foreach (\`as: ${root}\`).` : undefined;
            if (doc) found = md(doc, e.root.range);
          }
        }
      });
    }
    if (found) return found;
  }
  return null;
}

export function stepMarkdown(a: Analysis, s: Step, env: ServiceEnv): string {
  const lines: string[] = [];
  const stage = stageLabel(a, s);
  lines.push(`**${s.id}** · \`${s.kind ?? 'step'}\`${stage ? ` · ${stage}` : ''}${s.name ? ` — ${s.name}` : ''}`);
  const sum = summary(s);
  if (sum) lines.push('', '`' + codeSpanText(sum) + '`');
  if (s.description) lines.push('', s.description);
  const dependents = [...(a.dependents.get(s) ?? [])];
  const facts: string[] = [];
  facts.push(...waitsForLines(a, s));
  facts.push(`needed by: ${dependents.length ? listNames(a, dependents, 8) : 'nothing'}`);
  const peers = peersPhrase(a, s, 5, ': ');
  if (peers) facts.push(peers);
  lines.push('', facts.map((f) => `- ${f}`).join('\n'));
  const rec = env.history?.step(s.path);
  if (rec) {
    const dur = rec.durationMs === undefined ? '' : ` in ${formatMs(rec.durationMs)}`;
    const att = rec.attempts && rec.attempts > 1 ? `, ${rec.attempts} attempts` : '';
    const iter = rec.iterations ? ` (${rec.iterations} iteration${rec.iterations === 1 ? '' : 's'}${rec.failedIterations ? `, ${rec.failedIterations} failed` : ''}; shown: the ${rec.failedIterations ? 'first failed' : 'first'})` : '';
    lines.push('', `Last run \`${rec.runId}\`: **${rec.status}**${dur}${att}${iter}`);
    if (rec.error) lines.push('', `Error: ${rec.error}`);
    if (rec.preview !== undefined && rec.preview !== '') {
      const p = rec.preview.length > 500 ? sliceWhole(rec.preview, 500) + '…' : rec.preview;
      lines.push('', '```', p.replace(/```/g, "'''"), '```');
    }
  }
  return lines.join('\n');
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

function keyHover(d: Analysed, offset: number, env: ServiceEnv): Hover | null {
  const text = d.text;
  const lineStart = lineStartAt(text, offset);
  const line = text.slice(lineStart, lineEndAt(text, offset));
  const m = /^([ ]*(?:-[ ]+)*)([A-Za-z_$][\w$-]*)\s*:(?=\s|$)/.exec(line);
  const keyStart = m ? lineStart + m[1].length : -1;
  const keyEnd = m ? keyStart + m[2].length : -1;
  if (m && keyStart <= offset && offset <= keyEnd) {
    // The line scan works on broken, half-typed text too.
    const doc = env.schema.description([...lineCursor(text, keyStart).parents, m[2]]);
    return doc ? { contents: { kind: MarkupKind.Markdown, value: doc }, range: { start: d.positionAt(keyStart), end: d.positionAt(keyEnd) } } : null;
  }
  // Any other key (in a flow mapping, or after the first on its line): from the parsed YAML.
  const hit = keyAt(d.analysis.model.yaml?.value, offset);
  const doc = hit && env.schema.description(hit.path);
  if (!hit || !doc) return null;
  return { contents: { kind: MarkupKind.Markdown, value: doc }, range: { start: d.positionAt(hit.start), end: d.positionAt(hit.end) } };
}

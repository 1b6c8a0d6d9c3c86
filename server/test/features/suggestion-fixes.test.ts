// Quick fixes from an analyser diagnostic's data.suggestion beyond unknown steps: `if-always-true`
// (a GitHub-style bare `if:` expression, YAML 1.1's `no`), `template-syntax` (GitHub's `${{ x }}`),
// and every other code that carries one (unknown property, function, input, root; schema keys).
// Each case opens the file, asks for code actions at the diagnostic, applies the preferred one through
// didChange (as an editor does) and requires that the next publication has no diagnostics at all.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lsp-client.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

const A = 'steps:\n  - id: a\n    stub: {output: x}\n  - id: b\n';

/** Opens `text`, applies the preferred fix of its `code` diagnostic via didChange; the title, new text and diagnostics after. */
async function applyFix(name: string, text: string, code: string): Promise<{ title: string; fixed: string; after: Diagnostic[] }> {
  const uri = await client.openNew(name, text);
  const before = client.diagnostics.get(uri)!.diagnostics;
  const diag = before.find((d) => d.code === code);
  assert.ok(diag, `a ${code} diagnostic among ${JSON.stringify(before)}`);
  const actions = await client.codeActions(uri, [diag]);
  const fix = actions.find((a) => a.isPreferred);
  assert.ok(fix, `a preferred fix among ${JSON.stringify(actions.map((a) => a.title))}`);
  assert.deepEqual(fix.diagnostics, [diag]);
  const edits = fix.edit!.changes![uri];
  assert.equal(edits.length, 1);
  const version = await client.change(uri, edits.map((e) => ({ range: e.range, text: e.newText })));
  const published = await client.waitForDiagnostics(uri, (p) => p.version === version);
  // The same edit applied to the text, to check what the document now reads.
  const lines = text.split('\n');
  const { start, end } = edits[0].range;
  assert.equal(start.line, end.line);
  lines[start.line] = lines[start.line].slice(0, start.character) + edits[0].newText + lines[start.line].slice(end.character);
  return { title: fix.title, fixed: lines.join('\n'), after: published.diagnostics };
}

describe('quick fixes from data.suggestion', () => {
  it('if-always-true, plain: the bare expression becomes a template', async () => {
    const r = await applyFix('if-plain', `${A}    if: steps.a.output == 'x'\n    stub: true\n`, 'if-always-true');
    assert.equal(r.title, "Write as a template: ${steps.a.output == 'x'}");
    assert.ok(r.fixed.includes("    if: ${steps.a.output == 'x'}\n"), r.fixed);
    assert.deepEqual(r.after, []);
  });

  it('if-always-true, double quoted: the template keeps the quotes', async () => {
    const r = await applyFix('if-double', `${A}    if: "steps.a.output == 'x'"\n    stub: true\n`, 'if-always-true');
    assert.equal(r.title, "Write as a template: \"${steps.a.output == 'x'}\"");
    assert.ok(r.fixed.includes("    if: \"${steps.a.output == 'x'}\"\n"), r.fixed);
    assert.deepEqual(r.after, []);
  });

  it('if-always-true, single quoted: the quote inside is doubled', async () => {
    const r = await applyFix('if-single', `${A}    if: 'steps.a.output == ''x'''\n    stub: true\n`, 'if-always-true');
    assert.equal(r.title, "Write as a template: '${steps.a.output == ''x''}'");
    assert.ok(r.fixed.includes("    if: '${steps.a.output == ''x''}'\n"), r.fixed);
    assert.deepEqual(r.after, []);
  });

  it("if-always-true, YAML 1.1's no: becomes false", async () => {
    const r = await applyFix('if-no', `${A}    if: no\n    stub: true\n`, 'if-always-true');
    assert.equal(r.title, "Change to 'false'");
    assert.ok(r.fixed.includes('    if: false\n'), r.fixed);
    assert.deepEqual(r.after, []);
  });

  it("template-syntax: GitHub's ${{ x }} becomes ${x}", async () => {
    const r = await applyFix('gh-braces', `${A}    shell: echo \${{ steps.a.output }}\n`, 'template-syntax');
    assert.equal(r.title, 'Write as a template: ${steps.a.output}');
    assert.ok(r.fixed.includes('    shell: echo ${steps.a.output}\n'), r.fixed);
    assert.deepEqual(r.after, []);
  });

  it("every code's suggestion: a misspelt property, function, input, root and schema key", async () => {
    const cases: [string, string, string, string][] = [
      ['unknown-property', `${A}    stub: {output: "\${steps.a.outptu}"}\n`, "Change to 'output'", 'steps.a.output}'],
      ['unknown-function', `${A}    stub: {output: "\${lenght(steps.a.output)}"}\n`, "Change to 'length'", '${length(steps.a.output)}'],
      ['unknown-input', `inputs:\n  topic: {default: x}\n${A}    stub: {output: "\${inputs.topc}"}\n`, "Change to 'topic'", '${inputs.topic}'],
      ['unknown-root', `${A}    stub: {output: "\${step.a.output}"}\n`, "Change to 'steps'", '${steps.a.output}'],
      ['schema', `config:\n  maxConcurency: 2\n${A}    stub: true\n`, "Change to 'maxConcurrency'", '  maxConcurrency: 2\n'],
    ];
    for (const [code, text, title, written] of cases) {
      const r = await applyFix(`any-${code}`, text, code);
      assert.equal(r.title, title, code);
      assert.ok(r.fixed.includes(written), r.fixed);
      assert.deepEqual(r.after, [], code);
    }
  });

  it('template-syntax inside longer text: only the ${{ }} part changes', async () => {
    const r = await applyFix('gh-braces-text', `${A}    shell: "echo got \${{ steps.a.output }} here"\n`, 'template-syntax');
    assert.equal(r.title, 'Write as a template: ${steps.a.output}');
    assert.ok(r.fixed.includes('    shell: "echo got ${steps.a.output} here"\n'), r.fixed);
    assert.deepEqual(r.after, []);
  });

  it("a name in brackets: the fix keeps its quotes, and the title does not quote them again", async () => {
    const text = `inputs:\n  target-env: {type: string, default: x}\n${A}    shell: "echo \${inputs['target-evn']}"\n`;
    const r = await applyFix('bracket-name', text, 'unknown-input');
    assert.equal(r.title, "Change to 'target-env'");
    assert.ok(r.fixed.includes(`    shell: "echo \${inputs['target-env']}"\n`), r.fixed);
    assert.deepEqual(r.after, []);
  });
});

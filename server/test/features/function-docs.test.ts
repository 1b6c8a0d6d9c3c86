// The template functions' documentation comes from the analyser's one table (FUNCTION_DOCS in
// engine/src/analysis/step-properties.ts) in completion and hover, and names that a plain object
// inherits (`toString`, `constructor`, `__proto__`, ...) are unknown to every lookup a hover or a
// completion makes with a name from the document: functions, `env.NAME`, output fields.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CompletionItem, MarkupContent } from 'vscode-languageserver-protocol';
import { FUNCTION_DOCS } from '../../../engine/src/analysis/step-properties.js';
import { LspClient } from '../helpers/lsp-client.js';
import { positionOf } from '../helpers/cursor.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

const INHERITED = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

const open = (text: string): Promise<string> => client.openNew('function-docs', text);
const completeAt = (withCursor: string): Promise<CompletionItem[]> => client.completionAt('function-docs', withCursor);

async function hoverText(uri: string, text: string, needle: string, delta = 1): Promise<string | undefined> {
  return client.hoverText(uri, positionOf(text, needle, delta));
}

describe('template functions: one table for the analyser, completion and hover', () => {
  it('completion gives each function its signature and the analyser\'s text', async () => {
    const items = await completeAt('steps:\n  - id: a\n    shell: echo ${l|}\n');
    for (const [name, f] of Object.entries(FUNCTION_DOCS)) {
      const item = items.find((i) => i.label === name);
      assert.ok(item, name);
      assert.equal(item.detail, f.signature);
      const doc = (item.documentation as MarkupContent).value;
      assert.ok(doc.includes(f.signature) && doc.includes(f.doc), `${name}: ${doc}`);
      assert.match(doc, /Takes \d argument/);
    }
    for (const name of INHERITED) assert.ok(!items.some((i) => i.label === name), name);
  });

  it('hover on a function: the same text', async () => {
    const text = 'steps:\n  - id: a\n    shell: echo ${length(1)} ${contains(\'ab\', \'a\')}\n';
    const uri = await open(text);
    const doc = await hoverText(uri, text, 'length(');
    assert.ok(doc?.includes(FUNCTION_DOCS.length.signature) && doc.includes(FUNCTION_DOCS.length.doc), doc);
    assert.match((await hoverText(uri, text, 'contains('))!, /Takes 2 arguments/);
  });

  it('hover on toString(1), constructor(1), __proto__(1) and other inherited names: an unknown function', async () => {
    const calls = INHERITED.map((f) => `\${${f}(1)}`).join(' ');
    const text = `steps:\n  - id: a\n    shell: echo ${calls}\n`;
    const uri = await open(text);
    for (const f of INHERITED) {
      const doc = await hoverText(uri, text, `${f}(1)`);
      assert.equal(doc, `Unknown function \`${f}\`; the functions are ${Object.keys(FUNCTION_DOCS).join(', ')}.`, f);
    }
  });

  it('hover on env.toString and the like: not a workflow env entry', async () => {
    const text = `env:\n  REGION: eu\nsteps:\n  - id: a\n    shell: echo ${INHERITED.map((f) => `\${env.${f}}`).join(' ')} \${env.REGION}\n`;
    const uri = await open(text);
    for (const f of INHERITED) {
      assert.equal(await hoverText(uri, text, `env.${f}`, 5), `**env.${f}**: from the process environment when the run starts.`, f);
    }
    assert.match((await hoverText(uri, text, 'env.REGION', 5))!, /\*\*env\.REGION\*\* = `eu`/);
  });

  it('completion after an inherited name in a known output or in a key path offers nothing', async () => {
    const base = 'steps:\n  - id: a\n    stub:\n      output: {x: 1, y: {z: 2}}\n  - id: b\n';
    for (const f of INHERITED) {
      assert.deepEqual(await completeAt(`${base}    shell: echo \${steps.a.output.${f}.|}\n`), [], f);
    }
    assert.deepEqual((await completeAt(`${base}    shell: echo \${steps.a.output.y.|}\n`)).map((i) => i.label), ['z']);
    assert.deepEqual(await completeAt('steps:\n  - id: a\n    stub: true\n    constructor:\n      |\n'), []);
  });
});

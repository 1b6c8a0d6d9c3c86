// The names after `${steps.X.` and `${run.` and their descriptions come from the analyser's own tables
// (stepProperties and RUN_PROPERTIES in engine/src/analysis/step-properties.ts, through
// server/src/engine-api.ts) in completion and in the hover on the `steps` and `run` roots: completion
// offers exactly the names the unknown-property check accepts, with the same text.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CompletionItem } from 'vscode-languageserver-protocol';
import { COMMON_PROPERTIES, RUN_PROPERTIES, stepProperties } from '../../src/engine-api.js';
import { LspClient } from '../helpers/lsp-client.js';
import { positionOf } from '../helpers/cursor.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

const open = (text: string): Promise<string> => client.openNew('property-docs', text);
const completeAt = (withCursor: string): Promise<CompletionItem[]> => client.completionAt('property-docs', withCursor);

const sentence = (doc: string) => doc[0].toUpperCase() + doc.slice(1) + '.';
const STEPS = 'steps:\n  - id: s\n    shell: ls\n  - id: h\n    http: {url: x}\n  - id: l\n    llm: {prompt: hi}\n  - id: f\n    file: {action: read, path: a}\n';

describe('step and run properties: the analyser\'s tables in completion and hover', () => {
  it('after steps.X.: the names of X\'s kind in the table\'s order, each with the table\'s text', async () => {
    for (const [id, kind] of [['s', 'shell'], ['h', 'http'], ['l', 'llm'], ['f', 'file']] as const) {
      const items = await completeAt(`${STEPS}  - id: use\n    shell: echo \${steps.${id}.|}\n`);
      const table = stepProperties(kind);
      assert.deepEqual(items.map((i) => i.label), Object.keys(table), kind);
      for (const i of items) {
        assert.equal(i.documentation, sentence(table[i.label]), `${kind} ${i.label}`);
        assert.equal(i.detail, `${id}.${i.label}`);
      }
    }
  });

  it('after run.: the table\'s names and text', async () => {
    const items = await completeAt('steps:\n  - id: a\n    shell: echo ${run.|}\n');
    assert.deepEqual(items.map((i) => i.label), Object.keys(RUN_PROPERTIES));
    for (const i of items) assert.equal(i.documentation, sentence(RUN_PROPERTIES[i.label]), i.label);
    const roots = await completeAt('steps:\n  - id: a\n    shell: echo ${r|}\n');
    assert.equal(roots.find((i) => i.label === 'run')?.detail, Object.keys(RUN_PROPERTIES).map((p) => `run.${p}`).join(', '));
  });

  it('hover on the steps and run roots lists the table\'s names', async () => {
    const text = 'steps:\n  - id: a\n    shell: echo ${run.id}\n  - id: b\n    shell: echo ${steps.a.output}\n';
    const uri = await open(text);
    const hover = async (needle: string) => (await client.hoverText(uri, positionOf(text, needle, 1))) ?? '';
    const run = await hover('run.id');
    for (const p of Object.keys(RUN_PROPERTIES)) assert.ok(run.includes(`\`run.${p}\``), `${p}: ${run}`);
    const steps = await hover('steps.a');
    for (const p of Object.keys(COMMON_PROPERTIES)) assert.ok(steps.includes(`.${p}\``), `${p}: ${steps}`);
  });
});

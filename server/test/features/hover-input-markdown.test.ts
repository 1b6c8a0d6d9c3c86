// Hover on `${inputs.NAME}` shows the input as the hover on a called file's input does (one
// markdown, call-inputs.ts's): its default as one line of JSON in a code span. The template hover
// had its own copy, which put the default's JSON in the span as it was: a backtick in a default
// closed the span early and a long default filled the hover. The same for `${env.NAME}`'s value.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { LspClient } from '../helpers/lsp-client.js';
import { positionOf } from '../helpers/cursor.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

const text = [
  'inputs:',
  '  cmd:',
  '    default: "run `make` now"',
  '    description: The command.',
  '  long:',
  `    default: ${'x'.repeat(200)}`,
  'env:',
  '  TOOL: "`make` -j"',
  'steps:',
  '  - id: a',
  '    shell: echo ${inputs.cmd} ${inputs.long} ${env.TOOL}',
  '',
].join('\n');

describe('hover on an input in a template', () => {
  it('keeps the default in one code span, shortened', async () => {
    const uri = await client.openNew('hover-input', text);
    const hover = async (needle: string) => (await client.hoverText(uri, positionOf(text, needle, 1))) ?? '';
    assert.equal(await hover('cmd}'), "**inputs.cmd** · `string`\n\ndefault: `\"run 'make' now\"`\n\nThe command.");
    const long = await hover('long}');
    assert.match(long, /^\*\*inputs\.long\*\* · `string`\n\ndefault: `"x{78}…`$/);
    assert.equal(await hover('TOOL}'), "**env.TOOL** = `'make' -j` (from `env:`, which wins over the process environment)");
  });
});

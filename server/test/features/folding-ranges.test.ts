// Folding ranges over the real protocol (services/folding-ranges.ts): a key whose value goes past its
// line folds to the value's last line (the steps list, a step's http mapping, a `shell: |` script, a
// flow list over two lines), a list item over several lines folds (a step), comment lines in a row
// fold as a comment (not the script's `#` lines), `# region`/`# endregion` as a region; YAML with
// errors gets null, so the editor folds by indentation.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FoldingRange } from 'vscode-languageserver-protocol';
import { LspClient, fileUri } from '../helpers/lsp-client.js';
import { FIXTURES } from '../helpers/cursor.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

const folds = (uri: string) => client.conn.sendRequest<FoldingRange[] | null>('textDocument/foldingRange', { textDocument: { uri } });

/** The line (0-based) that starts with `start`, trimmed. */
const lineOf = (text: string, start: string) => text.split('\n').findIndex((l) => l.trim().startsWith(start));

describe('folding ranges', () => {
  it('fold the keys, list items, scripts, comments and regions of a workflow', async () => {
    const file = path.join(FIXTURES, 'folding.weft.yaml');
    const text = fs.readFileSync(file, 'utf8');
    const uri = fileUri(file);
    await client.open(uri, text);
    const at = (s: string) => lineOf(text, s);
    const got = (await folds(uri))!.map((f) => [f.startLine, f.endLine, f.kind ?? '']);
    assert.deepEqual(got, [
      [0, 1, 'comment'],
      [at('# region'), at('# endregion'), 'region'],
      [at('steps:'), at("shell: echo ${steps.fetch"), ''],
      [at('- id: fetch'), at('url:'), ''],
      [at('http:'), at('url:'), ''],
      [at('- id: build'), at('make'), ''],
      [at('shell: |'), at('make'), ''],
      [at('- id: use'), at("shell: echo ${steps.fetch"), ''],
      [at('needs:'), at('build]'), ''],
      [at('outputs:'), at('a: ${steps.use'), ''],
    ]);
  });

  it('are the same whatever the line ends (LF, CRLF, CR): comments, scripts', async () => {
    const lines = ['# one', '# two', 'steps:', '  - id: a', '    shell: |', '      # x', '      # y', '      echo', ''];
    const got: unknown[] = [];
    for (const [name, eol] of [['lf', '\n'], ['crlf', '\r\n'], ['cr', '\r']]) {
      const uri = fileUri(`/virtual/folding-eol-${name}.weft.yaml`);
      await client.open(uri, lines.join(eol));
      got.push((await folds(uri))!.map((f) => [f.startLine, f.endLine, f.kind ?? '']));
    }
    const lf = [[0, 1, 'comment'], [2, 7, ''], [3, 7, ''], [4, 7, '']];
    assert.deepEqual(got, [lf, lf, lf]);
  });

  it('are null for text whose YAML has errors (the editor then folds by indentation)', async () => {
    const uri = fileUri('/virtual/folding-broken.weft.yaml');
    await client.open(uri, 'steps:\n  - id: a\n    shell: [unclosed\n  - id: b\n    stub: true\n');
    assert.equal(await folds(uri), null);
  });
});

// Find references across a `workflow` call (found by a hunt: on a called file's output key or input
// declaration, references listed nothing in the callers). The files searched: the open documents and
// the files the server has read as callees of them (here mid.weft.yaml, read for top.weft.yaml); a
// caller on disk that nothing open calls (stranger.weft.yaml) is not read. From either side the same
// set: the callee's key, the callers' `${steps.X.output.NAME}` uses (also `output['NAME']`), or for an
// input the callee's declaration, its `${inputs.NAME}` uses and the callers' `workflow.inputs` keys.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Location } from 'vscode-languageserver-protocol';
import type { LspClient } from '../helpers/lsp-client.js';
import { child, parent, setUp, uris } from './call-fixture.js';
import { positionOf } from '../helpers/cursor.js';

let client: LspClient;
let dir: string;

before(async () => ({ client, dir } = await setUp('weft-call-refs-')));
after(async () => {
  await client.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Locations as `file:line:start-end`, sorted. */
function shown(locs: Location[] | null): string[] {
  const name = (uri: string) => Object.entries(uris).find(([, u]) => u === uri)?.[0] ?? uri;
  return (locs ?? []).map((l) => {
    assert.equal(l.range.start.line, l.range.end.line);
    return `${name(l.uri)}:${l.range.start.line}:${l.range.start.character}-${l.range.end.character}`;
  }).sort();
}

const refs = (uri: string, pos: { line: number; character: number }, includeDeclaration = true) =>
  client.requestAt<Location[] | null>('textDocument/references', uri, pos, { context: { includeDeclaration } });

const GREETING = ['child:3:2-10', 'mid:3:28-36', 'parent:6:36-44', 'parent:8:26-34'];
const TOPIC = ['child:1:2-7', 'child:7:32-37', 'mid:9:8-13', 'parent:4:15-20'];

describe("references of a called file's output", () => {
  it('from its key in the called file: the uses in the callers the server knows, and the key', async () => {
    assert.deepEqual(shown(await refs(uris.child, positionOf(child, 'greeting', 3))), GREETING);
    assert.deepEqual(shown(await refs(uris.child, positionOf(child, 'greeting'), false)), GREETING.filter((l) => !l.startsWith('child')));
  });

  it('from a use in a caller: the same, with the key in the called file', async () => {
    assert.deepEqual(shown(await refs(uris.parent, positionOf(parent, 'output.greeting', 9))), GREETING);
    assert.deepEqual(shown(await refs(uris.parent, positionOf(parent, "'greeting'", 2))), GREETING);
    // The id and `output` stay the step's references.
    assert.deepEqual(shown(await refs(uris.parent, positionOf(parent, 'call.output', 1))), ['parent:1:8-12', 'parent:6:24-28', 'parent:8:13-17']);
  });
});

describe("references of a called file's input", () => {
  it("from its declaration: its uses, and the keys the callers give it under workflow.inputs", async () => {
    assert.deepEqual(shown(await refs(uris.child, positionOf(child, 'topic', 1))), TOPIC);
    assert.deepEqual(shown(await refs(uris.child, positionOf(child, 'inputs.topic', 8))), TOPIC);
  });

  it("from a caller's key: the same, with the declaration in the called file", async () => {
    assert.deepEqual(shown(await refs(uris.parent, positionOf(parent, 'topic', 2))), TOPIC);
    assert.deepEqual(shown(await refs(uris.parent, positionOf(parent, 'topic', 2), false)), TOPIC.filter((l) => l !== 'child:1:2-7'));
    const def = await client.requestAt<Location>('textDocument/definition', uris.parent, positionOf(parent, 'topic', 2));
    assert.equal(shown([def])[0], 'child:1:2-7');
  });
});

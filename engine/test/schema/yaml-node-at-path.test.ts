// The helpers behind schema ranges and suggestions: finding the node for a data path (through
// aliases and merge keys), trimming ranges, and edit-distance suggestions.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { editDistance } from '../../src/model/edit-distance.js';
import { closest } from '../../src/model/schema-suggest.js';
import { headRange, mapKeys, nodeAtPath, nodeRange, parsePointer } from '../../src/model/yaml-node-at-path.js';

const parse = (text: string) => parseDocument(text, { keepSourceTokens: true, merge: true });

describe('nodeAtPath', () => {
  const text = 'base: &b\n  x: 1\nlist:\n  - a\n  - {k: v}\nm:\n  <<: *b\n  y: 2\nref: *b\n';
  const doc = parse(text);
  const slice = (r: { start: number; end: number } | undefined) => (r ? text.slice(r.start, r.end) : undefined);

  it('finds keys and values in mappings and sequences', () => {
    const hit = nodeAtPath(doc, ['list', '1', 'k']);
    assert.equal(slice(nodeRange(hit.value, text)), 'v');
    assert.equal(slice(nodeRange(hit.key, text)), 'k');
    assert.equal(nodeAtPath(doc, ['list', 0]).depth, 2);
  });

  it('follows aliases and merge keys to where the text is', () => {
    assert.equal(slice(nodeRange(nodeAtPath(doc, ['ref', 'x']).value, text)), '1');
    const merged = nodeAtPath(doc, ['m', 'x']);
    assert.equal(merged.value && merged.value.range?.[0], text.indexOf('1'));
    assert.equal(slice(nodeRange(nodeAtPath(doc, ['m', 'y']).value, text)), '2');
    assert.deepEqual(mapKeys(doc, nodeAtPath(doc, ['m']).value).map((k) => k.name), ['y', 'x']);
  });

  it('reports how far it got when the path does not exist', () => {
    const hit = nodeAtPath(doc, ['list', '1', 'missing']);
    assert.equal(hit.value, undefined);
    assert.equal(hit.depth, 2);
    assert.equal(slice(nodeRange(hit.last, text)), '{k: v}');
  });

  it('cuts a block collection at the end of its first line', () => {
    assert.equal(slice(headRange(nodeAtPath(doc, ['list']).value, text)), '- a');
    assert.equal(slice(headRange(nodeAtPath(doc, ['list', '1']).value, text)), '{k: v}');
  });

  it('parses JSON pointers with escapes', () => {
    assert.deepEqual(parsePointer(''), []);
    assert.deepEqual(parsePointer('/a~1b/c~0d/0'), ['a/b', 'c~d', '0']);
  });
});

describe('suggestions', () => {
  it('counts a swap of two letters as one edit', () => {
    assert.equal(editDistance('stpes', 'steps'), 1);
    assert.equal(editDistance('maxConcurency', 'maxConcurrency'), 1);
    assert.equal(editDistance('abc', 'xyz'), 3);
  });

  it('suggests the closest candidate only when it is close', () => {
    assert.equal(closest('metod', ['method', 'url']), 'method');
    assert.equal(closest('get', ['GET', 'POST']), 'GET');
    assert.equal(closest('colour', ['maxConcurrency', 'timeout']), undefined);
    assert.equal(closest('desc', ['description', 'name']), 'description');
  });
});

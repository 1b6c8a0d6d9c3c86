// `weft graph` on a workflow too large for Mermaid at its default limits (500 edges, 50,000
// characters, which GitHub markdown uses and a diagram cannot raise): the graph is still printed
// whole on stdout with exit code 0, and stderr says why GitHub would show an error instead of it and
// which formats to use. A graph within the limits, or in another format, prints no warning.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { buildDist, weftDist as weft } from './dist-cli.js';

/** A chain of `n` stub steps, each needing the one before: n - 1 edges. */
function chain(n: number): string {
  const steps = Array.from({ length: n }, (_, i) => `  - id: s${i}\n    stub: true\n${i ? `    needs: [s${i - 1}]\n` : ''}`);
  return `name: chain\nsteps:\n${steps.join('')}`;
}

let dir = '';
before(() => {
  if (!process.env.WEFT_SKIP_BUILD) buildDist();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-graph-size-'));
  fs.writeFileSync(path.join(dir, 'big.weft.yaml'), chain(600));
  fs.writeFileSync(path.join(dir, 'small.weft.yaml'), chain(20));
});

describe('weft graph: a Mermaid graph over the default limits', () => {
  it('prints the whole graph, exits 0, and warns on stderr with the counts and what to use instead', () => {
    const r = weft('graph', path.join(dir, 'big.weft.yaml'));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.split('\n').filter((l) => l.includes(' --> ')).length, 599);
    assert.match(r.stderr, /^weft graph: warning: this graph has 599 edges \(Mermaid draws at most 500\)/);
    assert.match(r.stderr, /--format dot or --format json/);
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
  });

  it('warns of nothing for a graph within the limits, or in another format', () => {
    const small = weft('graph', path.join(dir, 'small.weft.yaml'));
    assert.equal(small.code, 0, small.stderr);
    assert.equal(small.stderr, '');
    for (const format of ['dot', 'json']) {
      const r = weft('graph', path.join(dir, 'big.weft.yaml'), '--format', format);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '', format);
    }
  });
});

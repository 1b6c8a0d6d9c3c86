// `weft graph --format mermaid` gives every step path its own node id. Ids are built from the path
// with characters other than letters, digits and '_' written as `_<hex>_`; before, a '_' of the
// path itself was kept as it was, so the path `a-` and the id `a_2d_` both became `n_a_2d_`, and
// Mermaid drew the two steps as one node (with both steps' edges).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse } from '../../src/analysis/analyse.js';
import { mermaidId } from '../../src/cli/graph-mermaid-id.js';
import { toMermaid } from '../../src/cli/graph-render.js';
import { parseWorkflow } from '../../src/model/parse.js';
import { buildPlan } from '../../src/plan/build-plan.js';

const graph = (text: string) => {
  const analysis = analyse(parseWorkflow(text, '/ws/ids.weft.yaml'));
  assert.deepEqual(analysis.diagnostics, []);
  return toMermaid(buildPlan(analysis));
};

/** The inverse of mermaidId, as a reader of the output would decode an id. */
function decode(id: string): string {
  assert.ok(id.startsWith('n_'), id);
  let out = '';
  for (let i = 2; i < id.length;) {
    const m = /^_([0-9a-f]{2}|u[0-9a-f]{4})_/.exec(id.slice(i));
    if (m) {
      out += String.fromCharCode(parseInt(m[1].replace('u', ''), 16));
      i += m[0].length;
    } else {
      out += id[i];
      i++;
    }
  }
  return out;
}

describe('mermaid node ids', () => {
  it("the step 'a-' and the step 'a_2d_' are two nodes, each with its own edge", () => {
    const out = graph([
      'steps:',
      '  - id: a-',
      '    stub: true',
      '  - id: a_2d_',
      '    stub: true',
      '  - id: after_a',
      '    needs: a-',
      '    stub: true',
      '  - id: after_b',
      '    needs: a_2d_',
      '    stub: true',
      '',
    ].join('\n'));
    const nodes = out.split('\n').filter((l) => /^\s+n_\S*\[/.test(l)).map((l) => l.trim().split('[')[0]);
    assert.equal(nodes.length, 4, out);
    assert.equal(new Set(nodes).size, 4, `two steps share a node id:\n${out}`);
    const edges = out.split('\n').filter((l) => l.includes('-->')).map((l) => l.trim().split(' --> ').map(decode));
    assert.deepEqual(edges, [['a-', 'after_a'], ['a_2d_', 'after_b']]);
  });

  it('a path with its branch separator and an id that spells the escape are told apart', () => {
    const out = graph([
      'steps:',
      '  - id: p',
      '    parallel:',
      '      - { id: q, stub: true }',
      '  - id: p_2f_q',
      '    stub: true',
      '',
    ].join('\n'));
    const ids = out.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('n_')).map((l) => l.split('[')[0]);
    assert.deepEqual(ids.map(decode), ['p/q', 'p_2f_q']);
  });

  it('plain paths keep their readable ids', () => {
    assert.deepEqual(['read_file', 'process1', 'parallel_step/branch1/hello_stub', 'a-b', 'task_a/task', 'steps_abc/stepA', '\t', 'Größe 数'].map(mermaidId), [
      'n_read_file', 'n_process1', 'n_parallel_step_2f_branch1_2f_hello_stub', 'n_a_2d_b', 'n_task_a_2f_task', 'n_steps_abc_2f_stepA', 'n__09_', 'n_Gr_f6__df_e_20__u6570_',
    ]);
    // Only a '_' that would read as the start of an escape is escaped itself.
    assert.deepEqual(['a_2d_', 'x_ab_y', 'x_u1234_', 'x_u12_'].map(mermaidId), ['n_a_5f_2d_', 'n_x_5f_ab_y', 'n_x_5f_u1234_', 'n_x_u12_']);
  });

  it('is one-to-one: every path over a small alphabet decodes back to itself', () => {
    const alphabet = ['a', 'u', '2', 'd', '_', '-', '/', '数'];
    let paths = [''];
    const seen = new Map<string, string>();
    for (let len = 1; len <= 5; len++) {
      paths = paths.flatMap((p) => alphabet.map((c) => p + c));
      for (const p of paths) {
        const id = mermaidId(p);
        assert.match(id, /^n_[A-Za-z0-9_]+$/, p);
        assert.equal(decode(id), p, id);
        assert.equal(seen.get(id), undefined, `${p} and ${seen.get(id)} share ${id}`);
        seen.set(id, p);
      }
    }
  });
});

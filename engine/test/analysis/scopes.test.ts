// Scope rules (language spec 3.1): the nearest enclosing scope wins, a nearer id hides a farther one,
// and a block's inside is invisible from outside it.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ancestors, childScopes, descendants, foreachItemNames, resolveStep, visibleSteps } from '../../src/analysis/scopes.js';
import { parseWorkflow } from '../../src/model/parse.js';
import type { Step } from '../../src/model/types.js';

const m = parseWorkflow(`steps:
  - id: x
    stub: { output: outer }
  - id: y
    stub: true
  - id: block
    parallel:
      branches:
        left:
          - id: x
            stub: { output: inner }
          - id: use_left
            shell: echo \${steps.x.output}
        right:
          - id: use_right
            shell: echo \${steps.x.output}
          - id: loop
            foreach:
              items: [1, 2]
              as: n
              steps:
                - id: body
                  shell: echo \${n}
  - id: after
    shell: echo \${steps.block.output}
`, '/w/scopes.weft.yaml');

const step = (path: string): Step => {
  const s = m.allSteps.find((x) => x.path === path);
  assert.ok(s, path);
  return s;
};

describe('resolveStep', () => {
  it('finds the step in the nearest enclosing scope', () => {
    assert.equal(resolveStep(step('block/left/use_left').scope, 'x'), step('block/left/x'));
    assert.equal(resolveStep(step('block/right/use_right').scope, 'x'), step('x'), 'a sibling branch does not shadow');
    assert.equal(resolveStep(m.root, 'x'), step('x'));
  });

  it('sees outward from a foreach body nested in a branch', () => {
    const body = step('block/right/loop/body').scope;
    assert.equal(resolveStep(body, 'use_right'), step('block/right/use_right'));
    assert.equal(resolveStep(body, 'y'), step('y'));
    assert.equal(resolveStep(body, 'block'), step('block'));
  });

  it('does not see into blocks or sibling branches', () => {
    assert.equal(resolveStep(m.root, 'use_left'), undefined);
    assert.equal(resolveStep(step('block/right/use_right').scope, 'use_left'), undefined);
    assert.equal(resolveStep(m.root, 'body'), undefined);
    assert.equal(resolveStep(m.root, 'nope'), undefined);
  });
});

describe('visibleSteps', () => {
  it('lists nearest first, and a nearer id hides a farther one', () => {
    const seen = visibleSteps(step('block/left/use_left').scope);
    assert.deepEqual(seen.map((s) => s.path), ['block/left/x', 'block/left/use_left', 'y', 'block', 'after']);
  });

  it('from the top level: only the top-level steps', () => {
    assert.deepEqual(visibleSteps(m.root).map((s) => s.path), ['x', 'y', 'block', 'after']);
  });
});

describe('the block tree', () => {
  it('ancestors are innermost first; descendants go all the way down', () => {
    assert.deepEqual(ancestors(step('block/right/loop/body')).map((s) => s.id), ['loop', 'block']);
    assert.deepEqual(descendants(step('block')).map((s) => s.path), ['block/left/x', 'block/left/use_left', 'block/right/use_right', 'block/right/loop', 'block/right/loop/body']);
  });

  it('childScopes gives branches in order, or the foreach body', () => {
    assert.deepEqual(childScopes(step('block')).map((s) => s.branch), ['left', 'right']);
    assert.deepEqual(childScopes(step('block/right/loop')).map((s) => s.itemName), ['n']);
    assert.deepEqual(childScopes(step('y')), []);
  });

  it('foreach item names are visible only inside the body', () => {
    assert.deepEqual(foreachItemNames(step('block/right/loop/body').scope), ['n']);
    assert.deepEqual(foreachItemNames(step('block/right/loop').scope), []);
  });
});

// A foreach waits for what its body reads or needs outside it (language spec 3.2: "A foreach starts
// when its items and its body's outside references are available"), so the plan lists those steps
// in the foreach's `needs`, and `weft graph` draws the edge: the plan said `loop` waited for nothing
// while the run held `loop/0/x` (which reads nothing) until `a` had finished. Checked against a real
// run: every plan node starts after everything its `needs` name has finished.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyse } from '../../src/analysis/analyse.js';
import { toJson } from '../../src/cli/graph-render.js';
import { parseWorkflow } from '../../src/model/parse.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { PlanNode } from '../../src/plan/types.js';
import { startRun } from '../../src/run/index.js';
import type { RunEvent } from '../../src/run/events.js';

const TEXT = `name: gate
steps:
  - id: a
    stub: { output: A, delay: 30ms }
  - id: b
    stub: { output: B, delay: 5ms }
  - id: loop
    needs: b
    foreach:
      items: [1, 2]
      steps:
        - id: x
          stub: { output: X, delay: 5ms }
        - id: inner
          parallel:
            - id: y
              stub: { output: "\${steps.a.output}", delay: 5ms }
        - id: z
          needs: b
          stub: { output: Z, delay: 5ms }
  - id: blk
    parallel:
      branches:
        one:
          - id: p
            stub: { output: "\${steps.a.output}", delay: 5ms }
          - id: q
            stub: { output: Q, delay: 5ms }
`;

const flat = (nodes: PlanNode[]): PlanNode[] => nodes.flatMap((n) => [n, ...flat(n.children ?? [])]);

describe('plan: a foreach waits for its body\'s outside references', () => {
  const plan = buildPlan(analyse(parseWorkflow(TEXT, '/w/gate.weft.yaml')));
  const byPath = new Map(flat(plan.steps).map((n) => [n.path, n]));

  it('lists them in the foreach\'s needs, after its own, each once; a parallel block does not wait for its steps\' (they do)', () => {
    assert.deepEqual(byPath.get('loop')!.needs, ['b', 'a']);
    assert.deepEqual(byPath.get('loop/inner/y')!.needs, ['a']);
    assert.deepEqual(byPath.get('blk')!.needs, []);
    assert.deepEqual(byPath.get('blk/one/p')!.needs, ['a']);
  });

  it('weft graph draws the edge', () => {
    const edges = (JSON.parse(toJson(plan)) as { edges: { from: string; to: string }[] }).edges;
    assert.ok(edges.some((e) => e.from === 'a' && e.to === 'loop'));
  });

  it('the run holds every plan node until its needs have finished', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-gates-'));
    try {
      const file = path.join(dir, 'gate.weft.yaml');
      fs.writeFileSync(file, TEXT);
      const events: RunEvent[] = [];
      const handle = await startRun({ file, runsDir: path.join(dir, 'runs'), onEvent: (e) => events.push(e) });
      assert.equal((await handle.done).status, 'succeeded');
      const at = (type: string, p: string) => events.findIndex((e) => e.type === type && 'path' in e && e.path === p);
      const run = events[0]!.type === 'run.started' ? events[0]!.plan : [];
      for (const ev of events) {
        if (ev.type !== 'step.started') continue;
        const node = byPath.get(ev.path.replace(/\/\d+(?=\/|$)/g, ''))!;
        for (const need of node.needs) {
          // A need inside the same foreach iteration is that iteration's instance.
          const inst = need.startsWith('loop/') ? ev.path.split('/').slice(0, 2).join('/') + need.slice('loop'.length) : need;
          assert.ok(at('step.finished', inst) < at('step.started', ev.path), `${ev.path} started before ${inst} finished`);
        }
      }
      assert.deepEqual(flat(run).find((n) => n.path === 'loop')!.needs, ['b', 'a']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

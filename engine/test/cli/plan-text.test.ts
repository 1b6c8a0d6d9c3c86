// Backs `weft plan`'s text (engine/src/cli/plan-text.ts): a parallel block with one named branch
// was "1 branches in parallel"; it is "1 branch" now, and two or more keep "N branches in parallel".
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { buildPlan } from '../../src/plan/build-plan.js';
import { loadAnalysis } from '../../src/cli/load.js';
import { planText } from '../../src/cli/plan-text.js';

test('weft plan: a parallel block with one branch says "1 branch"', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-plan-text-'));
  const file = path.join(dir, 'p.weft.yaml');
  fs.writeFileSync(
    file,
    [
      'steps:',
      '  - id: one',
      '    parallel:',
      '      branches:',
      '        a: [{ id: s, stub: true }]',
      '  - id: two',
      '    parallel:',
      '      branches:',
      '        a: [{ id: s, stub: true }]',
      '        b: [{ id: t, stub: true }]',
      '',
    ].join('\n'),
  );
  const text = planText(buildPlan(loadAnalysis(file)));
  assert.ok(text.includes('     one: 1 branch\n'), text);
  assert.ok(text.includes('     two: 2 branches in parallel\n'), text);
});

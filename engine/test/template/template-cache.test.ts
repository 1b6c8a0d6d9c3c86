// The template cache hands back the parse of a value seen in this or the previous generation, and
// drops what a whole generation did not use; a model built with it equals one built without.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { TemplateCache } from '../../src/template/template-cache.js';
import { parseTemplate } from '../../src/template/parse.js';
import { parseWorkflow } from '../../src/model/parse.js';
import { analyse } from '../../src/analysis/analyse.js';

test('a value parsed in the previous generation is reused; one unused for a generation is parsed again', () => {
  const c = new TemplateCache();
  const a = c.parse('${steps.a.output}');
  assert.deepEqual(a, parseTemplate('${steps.a.output}'));
  assert.equal(c.parse('${steps.a.output}'), a);
  c.nextGeneration();
  assert.equal(c.parse('${steps.a.output}'), a, 'kept from the previous generation');
  c.nextGeneration();
  c.nextGeneration();
  const again = c.parse('${steps.a.output}');
  assert.notEqual(again, a, 'dropped after a generation without it');
  assert.deepEqual(again, a);
});

test('analyses with a cache across edits give the diagnostics of analyses without one', () => {
  const cache = new TemplateCache();
  const versions = [
    'steps:\n  - id: a\n    stub: { output: x }\n  - id: b\n    shell: echo "${steps.a.output}"\n',
    'steps:\n  - id: a\n    stub: { output: x }\n  - id: b\n    shell: echo "${steps.ax.output}"\n',
    'steps:\n  - id: a\n    stub: { output: x }\n  - id: b\n    shell: echo "${steps.a.output} ${steps.a.bogus}"\n',
    'steps:\n  - id: a\n    stub: { output: x }\n  - id: b\n    shell: echo "${steps.a.output}"\n',
  ];
  for (const text of versions) {
    const withCache = analyse(parseWorkflow(text, 'w.weft.yaml', { templates: cache })).diagnostics;
    const without = analyse(parseWorkflow(text, 'w.weft.yaml')).diagnostics;
    assert.deepEqual(withCache, without);
  }
});

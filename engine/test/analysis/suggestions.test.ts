// Every `data.suggestion` the analyser gives is a fix the editor applies as it is (a quick fix
// replaces the diagnostic's range with it): over every golden fixture, writing the suggestion in
// place of the range must make that diagnostic go away and bring no new error at that place.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyseText } from '../../src/analysis/analyse.js';
import type { Diagnostic } from '../../src/model/types.js';

const FIXTURES = path.resolve(__dirname, '../fixtures/diagnostics');

function fixtures(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === 'called' ? [] : fixtures(path.join(dir, e.name))) : e.name.endsWith('.weft.yaml') ? [path.join(dir, e.name)] : [],
  );
}

const key = (d: Diagnostic) => `${d.code}: ${d.message}`;

describe('suggestions', () => {
  // The codes met with a suggestion, gathered as each fixture is analysed (once) below.
  const codes = new Set<string>();
  for (const file of fixtures(FIXTURES)) {
    const text = fs.readFileSync(file, 'utf8');
    const before = analyseText(text, file).diagnostics;
    for (const d of before) if (d.data?.suggestion !== undefined) codes.add(d.code);
    const withFix = before.filter((d) => typeof d.data?.suggestion === 'string');
    if (!withFix.length) continue;
    it(path.relative(FIXTURES, file), () => {
      for (const d of withFix) {
        const fixed = text.slice(0, d.range.start) + d.data!.suggestion + text.slice(d.range.end);
        const after = analyseText(fixed, file).diagnostics;
        const at = (x: Diagnostic) => x.range.start <= d.range.start + d.data!.suggestion!.length && x.range.end >= d.range.start;
        assert.ok(!after.some((x) => key(x) === key(d)), `${key(d)} is still there after writing '${d.data!.suggestion}'`);
        // An error at that place that was not there before (one that was, such as the unknown input
        // inside a `${{ }}`, is another problem, still reported).
        const newHere = after.filter((x) => at(x) && x.severity === 'error' && !before.some((b) => key(b) === key(x)));
        assert.deepEqual(newHere.map(key), [], `writing '${d.data!.suggestion}' for ${key(d)}`);
      }
    });
  }
  it('met suggestions of several codes', () => {
    assert.ok(codes.size >= 5, [...codes].join(', '));
  });
});

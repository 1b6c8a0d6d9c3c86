// Every fixture under engine/test/fixtures/diagnostics produces exactly its golden diagnostics.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { DiagnosticCode } from '../../src/model/types.js';
import { actualLines, expectedLines, FIXTURES, goldenPath, listFixtures } from '../helpers/golden.js';

// UPDATE_GOLDEN=1 rewrites every golden file; UPDATE_GOLDEN=cycle,unknown-step only those folders
// (other engineers own other folders: do not rewrite their reviewed files by accident).
const updateSpec = process.env.UPDATE_GOLDEN ?? '';
const updateFolders = updateSpec && updateSpec !== '1' ? new Set(updateSpec.split(',').map((s) => s.trim())) : undefined;
const shouldUpdate = (fixture: string) => updateSpec !== '' && (!updateFolders || updateFolders.has(path.relative(FIXTURES, fixture).split(path.sep)[0]));

describe('golden diagnostics', () => {
  const fixtures = listFixtures();
  it('has fixtures', () => assert.ok(fixtures.length > 0));
  for (const fixture of fixtures) {
    // Files a fixture calls through a `workflow` step live in `called/` folders and are not fixtures themselves.
    if (fixture.split(path.sep).includes('called')) continue;
    it(path.relative(FIXTURES, fixture), () => {
      const actual = actualLines(fixture);
      if (shouldUpdate(fixture)) {
        fs.writeFileSync(goldenPath(fixture), actual.join('\n') + (actual.length ? '\n' : ''));
        return;
      }
      const expected = expectedLines(fixture);
      assert.ok(expected, `missing ${path.relative(process.cwd(), goldenPath(fixture))} (run with UPDATE_GOLDEN=1 and review it)`);
      assert.deepEqual(actual, expected);
    });
  }
});

describe('golden coverage', () => {
  it('every diagnostic code of the language spec has at least three fixtures', () => {
    // Every code but file-too-large (a file past the size limit: engine/test/model/too-large.test.ts);
    // a code added to DiagnosticCode and not here fails the typecheck.
    const codes: Record<Exclude<DiagnosticCode, 'file-too-large'>, true> = {
      'yaml-syntax': true, schema: true, 'duplicate-id': true, 'unknown-step': true, cycle: true, 'unknown-input': true,
      'unknown-property': true, 'unknown-root': true, 'unknown-function': true, 'template-syntax': true, 'workflow-cycle': true,
      'workflow-not-found': true, 'workflow-invalid': true, 'file-race': true, 'if-always-true': true, 'foreign-template': true, 'template-not-evaluated': true, 'item-outside-foreach': true,
    };
    const missing: string[] = [];
    for (const code of Object.keys(codes)) {
      const dir = path.join(FIXTURES, code);
      const n = fs.existsSync(dir) ? listFixtures(dir).filter((f) => !f.includes(`${path.sep}called${path.sep}`)).length : 0;
      if (n < 3) missing.push(`${code} (${n})`);
    }
    assert.deepEqual(missing, [], 'codes with fewer than three fixtures');
  });
});

describe('golden diagnostics through `weft validate --json`', () => {
  it('the command line reports exactly the golden diagnostics of every fixture, in one call', async () => {
    const { execFileSync, spawnSync } = await import('node:child_process');
    const root = path.resolve(__dirname, '../../..');
    execFileSync(process.execPath, [path.join(root, 'esbuild.mjs')], { cwd: root });
    const fixtures = listFixtures().filter((f) => !f.split(path.sep).includes('called'));
    const r = spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), 'validate', '--json', ...fixtures], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
    const all = JSON.parse(r.stdout) as { file: string; range: { start: { line: number; character: number }; end: { line: number; character: number } }; severity: string; code: string; message: string }[];
    for (const fixture of fixtures) {
      const expected = expectedLines(fixture);
      if (!expected) continue;
      const rel = path.relative(root, fixture);
      const actual = all
        .filter((d) => d.file === rel)
        .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.severity} ${d.code}: ${d.message}`);
      assert.deepEqual(actual, expected, rel);
    }
  });
});

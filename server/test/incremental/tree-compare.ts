// Test helper for the incremental paths: compares a YAML Document derived by scalar-edit.ts with a
// fresh parse of the same text (node kinds, ranges, values, scalar types), and an analysis with a
// full one (diagnostics by code, message, range and related ranges).
import * as assert from 'node:assert/strict';
import type { Document } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from '../../../engine/src/model/yaml-nodes.js';
import type { Analysis } from '../../../engine/src/analysis/types.js';

/** Asserts that two YAML trees are the same node for node. */
export function assertSameTree(a: unknown, b: unknown, where = '$'): void {
  if (a === null || a === undefined || b === null || b === undefined) {
    assert.equal(a ?? null, b ?? null, `${where}: one side is empty`);
    return;
  }
  if (isPair(a) || isPair(b)) {
    assert.ok(isPair(a) && isPair(b), `${where}: pair vs non-pair`);
    assertSameTree(a.key, b.key, `${where}.key`);
    assertSameTree(a.value, b.value, `${where}.value`);
    return;
  }
  const na = a as { range?: number[] };
  const nb = b as { range?: number[] };
  assert.deepEqual(na.range, nb.range, `${where}: range`);
  if (isScalar(a) || isScalar(b)) {
    assert.ok(isScalar(a) && isScalar(b), `${where}: scalar vs non-scalar`);
    const same = a.value === b.value || (Number.isNaN(a.value) && Number.isNaN(b.value));
    assert.ok(same, `${where}: value ${String(a.value)} vs ${String(b.value)}`);
    assert.equal(a.type, b.type, `${where}: type`);
    assert.equal(a.format, b.format, `${where}: format`);
    assert.equal(a.source, b.source, `${where}: source`);
    assert.equal(a.comment, b.comment, `${where}: comment`);
    return;
  }
  if (isMap(a) || isSeq(a)) {
    assert.ok((isMap(a) && isMap(b)) || (isSeq(a) && isSeq(b)), `${where}: collection kinds differ`);
    const ia: unknown[] = isMap(a) ? [...a.pairs()] : [...(a as unknown[])];
    const ib: unknown[] = isMap(b) ? [...b.pairs()] : [...(b as unknown[])];
    assert.equal(!!(a as { flow?: boolean }).flow, !!(b as { flow?: boolean }).flow, `${where}: flow`);
    assert.equal(ia.length, ib.length, `${where}: item count`);
    ia.forEach((x, i) => assertSameTree(x, ib[i], `${where}[${i}]`));
    return;
  }
  assert.equal(Object.getPrototypeOf(a), Object.getPrototypeOf(b), `${where}: node kinds differ`);
}

export function assertSameDocument(a: Document, b: Document): void {
  assert.deepEqual(a.range, b.range, 'document range');
  assert.deepEqual(a.errors.length, b.errors.length, 'document errors');
  assertSameTree(a.value, b.value);
}

/** The diagnostics of an analysis as comparable strings. */
export function diagnosticsOf(a: Analysis): string[] {
  return a.diagnostics.map((d) => {
    const related = (d.related ?? []).map((r) => `${r.file}@${r.range.start}-${r.range.end}`).join(',');
    return `${d.code} ${d.range.start}-${d.range.end} ${d.message}${related ? ` [${related}]` : ''}`;
  });
}

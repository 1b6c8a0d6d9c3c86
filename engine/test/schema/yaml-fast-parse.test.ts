// The YAML fast path against the `yaml` package, differentially: whenever parseYamlFast accepts a
// text, the `yaml` package parses it without error into the same tree (node kinds, values, scalar
// types, anchors, aliases, flow flags, all three range offsets) and the same plain data. Checked on
// every workflow file of the repository, on generated benchmark files, and on thousands of mutations.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { parseYamlFast, resolvePlain } from '../../src/model/yaml-fast-parse.js';
import { generateWorkflow } from '../../../bench/analyser/generate.js';

const ROOT = path.resolve(__dirname, '../../..');

function shape(n: unknown): unknown {
  if (n === null || n === undefined) return null;
  const node = n as { range?: number[]; anchor?: string; type?: string; value?: unknown; flow?: boolean; items?: unknown[]; source?: string };
  const r = node.range ? node.range.slice(0, 3) : null;
  if (isAlias(n)) return { alias: n.source, r };
  if (isScalar(n)) return { v: typeof n.value === 'number' && Number.isNaN(n.value) ? 'NaN' : n.value, t: n.type, r, a: n.anchor };
  if (isMap(n)) return { map: n.items.map((p) => [shape(p.key), shape(p.value)]), f: !!n.flow, r, a: n.anchor };
  if (isSeq(n)) return { seq: n.items.map(shape), f: !!n.flow, r, a: n.anchor };
  return { other: String(n) };
}

/** Fails when the fast path accepts `text` but differs from the `yaml` package in any way. */
function agree(text: string): boolean {
  const fast = parseYamlFast(text, true);
  if (!fast) return false;
  const ref = parseDocument(text, { keepSourceTokens: true, merge: true });
  assert.deepEqual([...ref.errors, ...ref.warnings].map((e) => e.message), [], `fast path accepted what yaml rejects or warns about: ${JSON.stringify(text)}`);
  assert.deepEqual(shape(fast.contents), shape(ref.contents), JSON.stringify(text));
  assert.deepEqual(fast.toJS({ maxAliasCount: -1 }), ref.toJS({ maxAliasCount: -1 }), JSON.stringify(text));
  return true;
}

function corpus(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(e.name)) out.push(fs.readFileSync(full, 'utf8'));
    }
  };
  walk(path.join(ROOT, 'examples'));
  walk(path.join(ROOT, 'engine/test'));
  return out;
}

describe('parseYamlFast', () => {
  it('builds exactly what the yaml package builds for every workflow file it accepts, and accepts most', () => {
    const files = corpus();
    const accepted = files.filter((t) => agree(t)).length;
    assert.ok(accepted >= files.length * 0.7, `accepted ${accepted} of ${files.length}`);
  });

  it('accepts the generated benchmark workflows and agrees on them', () => {
    assert.ok(agree(generateWorkflow(1000, 1).text));
    assert.ok(agree(generateWorkflow(3000, 5).text));
  });

  it('declines what it does not handle, leaving it to the yaml package', () => {
    for (const text of [
      'a: 1\n---\nb: 2\n',
      'a:\tb\n',
      'a: 1\r\nb: 2\r\n',
      'a: !!str 1\n',
      '%YAML 1.2\n---\na: 1\n',
      'a: 1\na: 2\n',
      'a: &x {k: 1}\nb:\n  <<: *x\n',
      'a: one\n  two\n',
      'a: "one\n  two"\n',
      '? a\n: b\n',
      'a: [1,\n  2]\n',
      'a: *nowhere\n',
      'a: b: c\n',
      '',
    ]) {
      assert.equal(parseYamlFast(text), undefined, JSON.stringify(text));
    }
  });

  it('resolves plain scalars as the YAML 1.2 core schema does', () => {
    const cases: [string, unknown][] = [['~', null], ['', null], ['True', true], ['FALSE', false], ['yes', 'yes'], ['0o17', 15], ['017', 17], ['0x1F', 31], ['-12', -12], ['1.5', 1.5], ['1e3', 1000], ['.5', 0.5], ['-.inf', -Infinity], ['1_000', '1_000'], ['30s', '30s']];
    for (const [src, v] of cases) assert.deepEqual(resolvePlain(src), v, src);
    assert.ok(Number.isNaN(resolvePlain('.nan') as number));
  });

  it('agrees with the yaml package on random block YAML with comments and blank lines (fast-check)', () => {
    const scalar = fc.constantFrom('word', 'two words', '42', '-3', '0x1F', '0o17', '.5', '1e3', 'true', 'False', 'null', '~', '""', "''", '"a \\"b\\" \\n \\u00e9"', "'it''s'", '${steps.a.output}', '"${x}: y"', 'a#b', 'url://x:y', '-x', ':x', '[a, b]', '{k: v, n: [1, 2]}', '[]', '{}', '*a', '&a v', '"unterminated', 'a: b', '- x');
    type Gen = (indent: number) => fc.Arbitrary<string[]>;
    const pad = (n: number) => ' '.repeat(n);
    const extra = fc.oneof(
      { weight: 6, arbitrary: fc.constant([] as string[]) },
      fc.nat({ max: 8 }).map((n) => [`${pad(n)}# note`]),
      fc.constant(['']),
      fc.nat({ max: 4 }).map((n) => [pad(n)]),
    );
    const blockScalar = (indent: number) =>
      fc.tuple(fc.constantFrom('|', '|-', '>', '>-', '|+', '|2'), fc.array(fc.constantFrom('line', '  more', '', '# not a comment', 'x: y'), { minLength: 1, maxLength: 3 }))
        .map(([h, ls]) => [h, ...ls.map((l) => (l === '' ? '' : pad(indent + 2) + l))]);
    const node: (depth: number) => Gen = (depth) => (indent) => {
      const leaf = scalar.map((v) => [v]);
      if (depth <= 0) return leaf;
      const step = fc.constantFrom(2, 4);
      const map = fc
        .tuple(step, fc.array(fc.tuple(fc.constantFrom('a', 'b', 'id', 'steps', '"q k"', 'x y', '1'), fc.nat(3), extra), { minLength: 1, maxLength: 3 }))
        .chain(([st, entries]) =>
          fc.tuple(...entries.map(([k, kind, ex]) => {
            const child: fc.Arbitrary<string[]> =
              kind === 0 ? leaf.map((v) => [`${pad(indent)}${k}: ${v[0]}`]) :
              kind === 1 ? node(depth - 1)(indent + st).map((lines) => [`${pad(indent)}${k}:`, ...indentLines(lines, indent + st)]) :
              kind === 2 ? blockScalar(indent).map(([h, ...ls]) => [`${pad(indent)}${k}: ${h}`, ...ls]) :
              fc.constant([`${pad(indent)}${k}:`]);
            return child.map((ls) => [...ls, ...ex]);
          }))
        )
        .map((parts) => parts.flat());
      const seq = fc
        .array(fc.tuple(fc.nat(2), extra), { minLength: 1, maxLength: 3 })
        .chain((items) =>
          fc.tuple(...items.map(([kind, ex]) => {
            const child: fc.Arbitrary<string[]> =
              kind === 0 ? leaf.map((v) => [`${pad(indent)}- ${v[0]}`]) :
              kind === 1 ? node(depth - 1)(indent + 2).map((lines) => {
                const [first, ...rest] = indentLines(lines, indent + 2);
                return [`${pad(indent)}- ${first!.trimStart()}`, ...rest];
              }) :
              node(depth - 1)(indent + 2).map((lines) => [`${pad(indent)}-`, ...indentLines(lines, indent + 2)]);
            return child.map((ls) => [...ls, ...ex]);
          }))
        )
        .map((parts) => parts.flat());
      return fc.oneof(leaf, map, seq);
    };
    /** Lines generated for `indent`: the first one may lack its indentation (inline leaf). */
    const indentLines = (lines: string[], indent: number) => lines.map((l, i) => (i === 0 && !l.startsWith(' ') && !/^[a-z"1x-]/.test(l) ? pad(indent) + l : l.startsWith(' ') || l === '' ? l : pad(indent) + l));
    const doc = fc.tuple(extra, node(3)(0), fc.boolean()).map(([head, body, nl]) => [...head, ...body].join('\n') + (nl ? '\n' : ''));
    let accepted = 0;
    fc.assert(
      fc.property(doc, (text) => {
        if (agree(text)) accepted++;
      }),
      { numRuns: Number(process.env.FAST_YAML_RUNS ?? 3000), seed: Number(process.env.FAST_YAML_SEED ?? 99) },
    );
    if (process.env.FAST_YAML_DEBUG) console.log('accepted', accepted);
    assert.ok(accepted > 100, `the fast path accepted only ${accepted} random documents`);
  });

  it('agrees with the yaml package on mutated workflows (fast-check)', () => {
    const seeds = corpus().filter((t) => parseYamlFast(t));
    const pieces = ['\n', ' ', '  ', ':', ': ', '- ', '-', '[', ']', '{', '}', ',', '"', "'", '#', ' #', '&a ', '*a', '|', '|-', '>', '>-', '!', '?', '${', '\\', '\\n', '0x1', '.5', 'null', '~', 'True', '%', '@', '`', 'é', '\u2028'];
    const mutation = fc.oneof(
      fc.tuple(fc.nat(), fc.nat({ max: 12 })).map(([at, n]) => (t: string) => {
        const i = t.length ? at % t.length : 0;
        return t.slice(0, i) + t.slice(i + n);
      }),
      fc.tuple(fc.nat(), fc.constantFrom(...pieces)).map(([at, p]) => (t: string) => {
        const i = t.length ? at % (t.length + 1) : 0;
        return t.slice(0, i) + p + t.slice(i);
      }),
      fc.tuple(fc.nat(), fc.constantFrom('dup', 'del', 'indent', 'dedent')).map(([at, op]) => (t: string) => {
        const lines = t.split('\n');
        const i = at % lines.length;
        if (op === 'dup') lines.splice(i, 0, lines[i]!);
        else if (op === 'del') lines.splice(i, 1);
        else if (op === 'indent') lines[i] = ` ${lines[i]}`;
        else lines[i] = lines[i]!.replace(/^ /, '');
        return lines.join('\n');
      }),
    );
    const mutated = fc
      .tuple(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 3 }))
      .map(([seed, ms]) => ms.reduce((t, m) => m(t), seed));
    fc.assert(
      fc.property(mutated, (text) => {
        agree(text);
      }),
      { numRuns: Number(process.env.FAST_YAML_RUNS ?? 3000), seed: Number(process.env.FAST_YAML_SEED ?? 2024) },
    );
  });
});

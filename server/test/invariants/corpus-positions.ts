// The corpus the invariant tests walk (every workflow file of examples/, server/test/fixtures and
// engine/test/fixtures, with their paths so that `workflow` calls resolve, plus CRLF and astral-plane
// variants of the smaller set) and the positions each is asked at: token starts and ends, every
// character inside templates, keys, column 0, line ends, blank lines, end of file; sampled evenly
// when there are too many, the special ones always kept.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, fileUri } from '../helpers/lsp-client.js';
import { WORKFLOW_FILE, workflowFiles } from '../../../test/support/workflow-corpus.js';

export type Pos = { line: number; character: number };

export interface CorpusDoc {
  /** Where the file is (the variants live beside their original, under a name no file has). */
  uri: string;
  /** For messages: the file's path in the repository and its variant. */
  name: string;
  text: string;
}

/**
 * An astral character (2 UTF-16 units) and an accented one before every template and every key's
 * value, so that everything after them on the line is counted in UTF-16 units.
 */
export function astral(text: string): string {
  return text.replace(/\$\{(?!\{)/g, '😀é ${').replace(/^(\s*#)/gm, '$1 😀');
}

/**
 * The corpus: each file as it is; with `variants`, the examples' and the server fixtures' files also
 * with CRLF line ends and with astral characters before their templates.
 */
export function corpus({ variants = true, engineFixtures = true } = {}): CorpusDoc[] {
  const docs: CorpusDoc[] = [];
  const small = workflowFiles(['examples', 'server/test/fixtures']);
  const big = engineFixtures ? workflowFiles(['engine/test/fixtures']) : [];
  for (const file of [...small, ...big]) {
    const text = fs.readFileSync(file, 'utf8');
    const name = path.relative(ROOT, file);
    docs.push({ uri: fileUri(file), name, text });
    if (!variants || !small.includes(file)) continue;
    const variant = (tag: string, t: string) => docs.push({ uri: fileUri(file.replace(WORKFLOW_FILE, `.inv-${tag}.$1.yaml`)), name: `${name} (${tag})`, text: t });
    variant('crlf', text.replace(/\r?\n/g, '\r\n'));
    if (text.includes('${')) variant('astral', astral(text));
  }
  if (variants) {
    EDGE_CASES.forEach((text, i) => docs.push({ uri: fileUri(path.join(ROOT, 'server/test/fixtures', `inv-edge-${i}.weft.yaml`)), name: `edge case ${i} ${JSON.stringify(text.slice(0, 40))}`, text }));
  }
  return docs;
}

/** Texts at the edges: empty, blank, unfinished, no final line break, lone CR line ends, a BOM, tabs. */
const EDGE_CASES = [
  '', '\n', '\n\n\n', '# only a comment', 'steps:', 'steps:\n', 'steps:\n  - ', 'steps:\n  - id: a\n    stub: true',
  'steps:\r  - id: a\r    stub: true\r  - id: b\r    stub: {output: "${steps.a.output}"}\r',
  '\uFEFFsteps:\n  - id: a\n    stub: true\n  - id: b\n    needs: a\n    shell: echo ${steps.a.output}\n',
  'steps:\n  - id: a\n    shell: "echo ${steps.\n',
  'steps:\n  - id: a\n    shell: echo ${steps.a.output\n  - id: b\n    needs: [a, \n',
  'steps:\n\t- id: a\n',
  'steps: [{id: a, stub: true}, {id: b, stub: {output: "${steps.a.output} ${steps.b.output}"}}]',
];

/** The lines of `text` without their breaks (LF, CRLF or a lone CR, as LSP counts lines). */
export function linesOf(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/**
 * The positions to ask at, at most `max` (an even sample, always with the special positions: end of
 * file, blank lines, line ends).
 */
export function positionsOf(text: string, max = 400): Pos[] {
  const lines = linesOf(text);
  const special = new Map<string, Pos>();
  const plain = new Map<string, Pos>();
  const add = (m: Map<string, Pos>, line: number, character: number) => {
    const k = `${line}:${character}`;
    if (!special.has(k) && !plain.has(k)) m.set(k, { line, character });
  };
  const last = lines.length - 1;
  add(special, last, lines[last].length);
  lines.forEach((l, line) => {
    if (!l.trim()) add(special, line, l.length);
    add(special, line, l.length);
    add(plain, line, 0);
    for (const m of l.matchAll(/[A-Za-z0-9_-]+|[^\sA-Za-z0-9_-]/gu)) {
      // Never inside a surrogate pair: no editor sends such a position.
      add(plain, line, m.index!);
      add(plain, line, m.index! + m[0].length);
    }
    for (const m of l.matchAll(/\$\{[^}]*\}?/g)) for (let i = 0; i <= m[0].length; i++) if (!isLowSurrogate(l, m.index! + i)) add(plain, line, m.index! + i);
    const key = /^(\s*-?\s*)([A-Za-z_][\w-]*):/.exec(l);
    if (key) for (let i = 0; i <= key[2].length; i++) add(plain, line, key[1].length + i);
  });
  const all = [...plain.values()];
  const room = Math.max(0, max - special.size);
  const picked = all.length <= room ? all : Array.from({ length: room }, (_, i) => all[Math.floor((i * all.length) / room)]);
  return [...special.values(), ...picked].sort((a, b) => a.line - b.line || a.character - b.character);
}

function isLowSurrogate(l: string, i: number): boolean {
  const c = l.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff;
}

export type Range = { start: Pos; end: Pos };

export const show = (p: Pos): string => `${p.line}:${p.character}`;
export const showRange = (r: Range): string => `${show(r.start)}-${show(r.end)}`;

export const before = (a: Pos, b: Pos): boolean => a.line < b.line || (a.line === b.line && a.character < b.character);
export const beforeOrAt = (a: Pos, b: Pos): boolean => !before(b, a);

/** `inner` lies inside `outer` (ends included). */
export const contains = (outer: Range, inner: Range): boolean => beforeOrAt(outer.start, inner.start) && beforeOrAt(inner.end, outer.end);
export const containsPos = (r: Range, p: Pos): boolean => beforeOrAt(r.start, p) && beforeOrAt(p, r.end);

/**
 * Why `p` is no valid position in `lines` (UTF-16: a character at most the line's length, never
 * between the two halves of a surrogate pair), or undefined.
 */
export function badPosition(lines: string[], p: Pos | undefined): string | undefined {
  if (!p || !Number.isInteger(p.line) || !Number.isInteger(p.character)) return `not a position: ${JSON.stringify(p)}`;
  if (p.line < 0 || p.line >= lines.length) return `line ${p.line} outside the document (${lines.length} lines)`;
  const l = lines[p.line];
  if (p.character < 0 || p.character > l.length) return `character ${p.character} past the end of line ${p.line} (${l.length} UTF-16 units)`;
  if (isLowSurrogate(l, p.character)) return `${show(p)} splits a surrogate pair`;
  return undefined;
}

/** Why `r` is no valid range of the document, or undefined: both ends valid positions, start <= end. */
export function badRange(lines: string[], r: Range | undefined): string | undefined {
  if (!r) return 'no range';
  const why = badPosition(lines, r.start) ?? badPosition(lines, r.end);
  if (why) return why;
  return beforeOrAt(r.start, r.end) ? undefined : `start after end: ${showRange(r)}`;
}

/** Offset of `p` in `text` (lines as linesOf counts them). */
export function offsetAt(text: string, p: Pos): number {
  let off = 0;
  let line = 0;
  const re = /\r\n|\r|\n/g;
  while (line < p.line) {
    const m = re.exec(text);
    if (!m) return text.length;
    off = m.index + m[0].length;
    line++;
  }
  return off + p.character;
}

/**
 * Collects failures, so that a test reports the first few of all files at once
 * (WEFT_INVARIANTS_DUMP=<file> writes all of them there, for a hunt).
 */
export class Failures {
  readonly list: string[] = [];
  private readonly dump = process.env.WEFT_INVARIANTS_DUMP;
  add(where: string, why: string | undefined): void {
    if (why !== undefined && (this.dump || this.list.length < 200)) this.list.push(`${where}: ${why}`);
  }
  check(where: string, ok: boolean, why: string): void {
    if (!ok) this.add(where, why);
  }
  assertNone(): void {
    if (this.dump) fs.writeFileSync(this.dump, this.list.join('\n'));
    assert.deepEqual(this.list.slice(0, 15), []);
  }
}

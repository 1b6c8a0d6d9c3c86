// The documents of the schema differential (schema-differential.test.ts): every corpus file (the
// examples, the analyser's and the seeds' fixtures, this folder's fixtures), systematic mutations of
// the corpus files the schema and the analyser both find clean (each key removed, renamed, recased,
// given values of every type and the edge values of its kind; an unknown key in every mapping; a
// second action and every optional key on every step), and synthesized documents for each block and
// action form and each input type with each kind of default.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';

export interface Doc {
  label: string;
  text: string;
}

type Path = (string | number)[];
type Obj = Record<string | number, unknown>;

const root = path.resolve(__dirname, '../../..');

function yamlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Every YAML file of the corpus, as written. */
export function corpusDocs(): Doc[] {
  const dirs = ['examples', 'engine/test/fixtures', 'engine/test/schema/fixtures'];
  return dirs.flatMap((d) => yamlFiles(path.join(root, d))).map((f) => ({ label: path.relative(root, f), text: fs.readFileSync(f, 'utf8') }));
}

/** Values of every JSON type, and the texts of durations and templates. */
const ZOO: unknown[] = [null, 0, 1, -1, 1.5, '', 'x', '2', '1.5s', '10 m', '0s', '${inputs.x}', true, false, [], ['a'], {}, { a: 1 }];

/** The edge values of a key, by its name. */
const EDGES: Record<string, unknown[]> = {
  timeout: [0, -1, '1.5s', '10 m', '1h30m', '1500ms', '0s', '0.0ms', '30', 1e3, '1d', '${inputs.t}', '1s1s', ' 5s'],
  retries: [0, -1, 3, 2.5, '3', { max: 0 }, { max: -1 }, { max: 2, delay: '1s', backoff: 'fixed', maxDelay: '10s' }, { max: 1, backoff: 'linear' }, { delay: '1s' }, { max: '${inputs.n}' }, { max: 1.5 }],
  maxConcurrency: [0, 1, -1, 2.5, '2', '${inputs.n}', 1e9],
  continueOnError: ['true', 'yes', 1, '${inputs.c}'],
  if: [1, 0, 'x', '${inputs.x}', null, ['a'], { a: 1 }],
  needs: ['a b', 'a,b', ['a', 'a'], [1], '1a', 'a-b', ''],
  method: ['get', 'POST', 'FETCH', 1],
  expect: [200, '2xx', '6xx', 600, 99, [], [200, '3xx'], '200', 'xx'],
  action: ['read', 'delete', 'READ', 'write', 'append', 'list', 'exists'],
  provider: ['openai', 'OpenAI', 'azure'],
  temperature: [0, 2, 2.1, -0.1, '0.5', '${inputs.t}'],
  maxTokens: [0, 1, 1.5, '100', '${inputs.n}'],
  as: ['item', 'steps', 'index', 'run', 'env', 'inputs', 'item-x', '1x', 'x y'],
  delay: [0, -1, '1s', 'soon', '${inputs.d}'],
  items: ['x', '${steps.a.output}', 3, { a: 1 }, [], null],
  parse: ['json', 'yaml', 'text', 'xml', 'JSON'],
  stub: [true, false, 'x', {}, { output: null }, null, 1],
  type: ['string', 'number', 'boolean', 'object', 'array', 'integer', 'int', 'String'],
  id: ['a', '1a', 'a b', '-a', '_a', 'a.b', 'a-b', '', 'é'],
};

const SECOND_ACTIONS: [string, unknown][] = [['stub', true], ['shell', 'echo'], ['http', { url: 'x' }], ['parallel', [{ id: 'q', stub: true }]], ['workflow', { path: 'x' }]];
const STEP_OPTIONS = ['timeout', 'retries', 'if', 'needs', 'continueOnError'];

/**
 * Collects mutated documents, at most `perKind` for each kind of mutation at each place: the place is
 * the key path with list positions left out (`steps/#/http/url`), so a corpus of 200 files gives
 * each rule a few cases instead of thousands of the same one.
 */
export class Mutations {
  readonly docs: Doc[] = [];
  private readonly seen = new Map<string, number>();
  constructor(private readonly perKind: number) {}

  add(label: string, kind: string, data: unknown): void {
    const n = this.seen.get(kind) ?? 0;
    if (n >= this.perKind) return;
    this.seen.set(kind, n + 1);
    this.docs.push({ label, text: stringify(data, { aliasDuplicateObjects: false }) });
  }

  /** Every mutation of `data` (a corpus file's data, clean for the schema and the analyser). */
  of(src: string, data: unknown): void {
    this.walk(src, data, data, []);
  }

  private walk(src: string, base: unknown, node: unknown, p: Path): void {
    const at = p.join('/');
    if (Array.isArray(node)) {
      node.forEach((x, i) => this.walk(src, base, x, [...p, i]));
      if (node.length) this.add(`${src} ${at}=[]`, `empty:${place(p)}`, edit(base, p, (o, k) => { o[k] = []; }));
      return;
    }
    if (!node || typeof node !== 'object') return;
    const o = node as Obj;
    this.add(`${src} +${at}/zz_extra`, `extra:${place(p)}`, edit(base, [...p, 'zz_extra'], (x, k) => { x[k] = 1; }));
    for (const k of Object.keys(o)) {
      const q = [...p, k];
      const qs = q.join('/');
      this.add(`${src} -${qs}`, `del:${place(q)}`, edit(base, q, (x, kk) => { delete x[kk]; }));
      const shorter = k.length > 1 ? k.slice(0, -1) : `${k}x`;
      this.add(`${src} ${qs}->${shorter}`, `ren:${place(q)}`, edit(base, q, (x, kk) => rename(x, kk, shorter)));
      const cased = k.toLowerCase() !== k ? k.toLowerCase() : k.toUpperCase();
      this.add(`${src} ${qs}->${cased}`, `case:${place(q)}`, edit(base, q, (x, kk) => rename(x, kk, cased)));
      for (const z of [...ZOO, ...(EDGES[k] ?? [])]) {
        this.add(`${src} ${qs}=${JSON.stringify(z)}`, `set:${place(q)}=${JSON.stringify(z)}`, edit(base, q, (x, kk) => { x[kk] = structuredClone(z); }));
      }
      this.walk(src, base, o[k], q);
    }
    if (typeof o.id !== 'string') return;
    // A step: a second action, and each optional key it does not have with each value.
    for (const [k, v] of SECOND_ACTIONS) {
      if (!(k in o)) this.add(`${src} ${at}+${k}`, `two:${place(p)}:${k}`, edit(base, [...p, k], (x, kk) => { x[kk] = v; }));
    }
    for (const k of STEP_OPTIONS.filter((key) => !(key in o))) {
      for (const z of EDGES[k] ?? ZOO) {
        this.add(`${src} ${at}+${k}=${JSON.stringify(z)}`, `add:${place(p)}:${k}=${JSON.stringify(z)}`, edit(base, [...p, k], (x, kk) => { x[kk] = structuredClone(z); }));
      }
    }
  }
}

const place = (p: Path): string => p.map((s) => (typeof s === 'number' ? '#' : s)).join('/');

function rename(o: Obj, from: string | number, to: string): void {
  const v = o[from];
  delete o[from];
  o[to] = v;
}

/** A copy of `data` with `f` applied to the mapping or list that holds the last segment of `p`. */
function edit(data: unknown, p: Path, f: (parent: Obj, key: string | number) => void): unknown {
  const copy = structuredClone(data);
  let cur = copy as Obj;
  for (const s of p.slice(0, -1)) cur = cur[s] as Obj;
  f(cur, p[p.length - 1]!);
  return copy;
}

const stubStep = { id: 'a', stub: true };

/** Documents built for each form: blocks, actions, the top level, and every input type with every kind of default. */
export function synthesized(into: Mutations): void {
  const types = ['string', 'number', 'boolean', 'object', 'array', undefined];
  const defaults: unknown[] = [null, 0, 1.5, -2, 'x', '', '2', '1e3', '01', '-0.5', '1.', 'true', 'false', 'yes', true, false, [], ['a'], {}, { a: 1 },
    '[1]', '{"a":1}', ' [1] ', '[1', '{"a":1', '${inputs.a}', '$${x}', '0x10', '.5', 'NaN'];
  for (const type of types) {
    for (const d of [...defaults, undefined]) {
      const decl: Obj = { ...(type ? { type } : {}), ...(d !== undefined ? { default: d } : {}) };
      if (!Object.keys(decl).length) continue;
      for (const extra of [{ description: 'd' }, { required: true }]) {
        into.add(`input ${JSON.stringify({ ...extra, ...decl })}`, `input:${JSON.stringify({ ...extra, ...decl })}`, { inputs: { a: { ...extra, ...decl } }, steps: [stubStep] });
      }
    }
  }
  for (const d of defaults) into.add(`input shorthand ${JSON.stringify(d)}`, `short:${JSON.stringify(d)}`, { inputs: { a: d }, steps: [stubStep] });
  const forms: Record<string, unknown[]> = {
    parallel: [[stubStep], { branches: { x: [stubStep] } }, { branches: {} }, { branches: { x: [] } }, [], {}, { x: [stubStep] }, { branches: { 'b c': [stubStep] } },
      { branches: { x: [stubStep] }, maxConcurrency: 0 }, { branches: { x: [stubStep] }, continueOnError: 'yes' }, 'x', null],
    foreach: [{ items: [1], steps: [stubStep] }, { items: [1] }, { steps: [stubStep] }, { items: [1], steps: [] }, { items: '${inputs.x}', as: 'f', steps: [stubStep] },
      { items: 'x', steps: [stubStep] }, [stubStep], 'x'],
    workflow: [{ path: 'x.weft.yaml' }, {}, { path: '' }, './x.weft.yaml', { path: 'x', inputs: { 'a b': 1 } }, { path: 'x', inputs: [] }, { path: 'x', inputs: { a: null } }],
    http: [{ url: 'x', body: 'b' }, { url: 'x', method: 'POST', body: 'b' }, { url: 'x', method: 'GET', body: null }, { url: 'x', method: 'HEAD', body: {} }, { url: '' },
      { url: 'x', headers: { a: null } }, { url: 'x', headers: { a: [1] } }, { url: 'x', query: { a: {} } }, { method: 'POST' }, { url: 'x', expect: [] }],
    file: [{ action: 'write', path: 'x' }, { action: 'append', path: 'x', content: null }, { action: 'read', path: 'x', content: 'y' }, { path: 'x' }, { action: 'read' }, { action: 'list', path: '' }],
    shell: ['', 'x', { run: '' }, { cwd: 'x' }, { run: 'x', env: { 'A-B': 1 } }, { run: 'x', env: { A: {} } }, [], null],
    llm: [{}, { prompt: '' }, { prompt: 1 }, { prompt: 'x', json: 'true' }, 'x', { prompt: 'x', provider: 'azure' }, { prompt: 'x', apiKeyEnv: 'A-B' }],
    stub: [true, false, {}, { output: { a: [1] }, delay: '1s' }, { delay: 'soon' }],
  };
  for (const [kind, values] of Object.entries(forms)) {
    for (const v of values) into.add(`${kind} ${JSON.stringify(v)}`, `form:${kind}:${JSON.stringify(v)}`, { steps: [{ id: 's', [kind]: v }] });
  }
  const tops: unknown[] = [{}, { steps: [] }, { steps: {} }, { steps: null }, [], 'x', { name: 1, steps: [stubStep] }, { env: { 'A B': 1 }, steps: [stubStep] },
    { env: { A: null }, steps: [stubStep] }, { env: { A: [1] }, steps: [stubStep] }, { outputs: { 'a b': 1 }, steps: [stubStep] }, { outputs: [], steps: [stubStep] },
    { config: null, steps: [stubStep] }, { config: { llm: { apiKeyEnv: 'A-B' } }, steps: [stubStep] }, { config: { retries: { max: 1, delay: '1 s' } }, steps: [stubStep] }];
  for (const v of tops) into.add(`top ${JSON.stringify(v)}`, `top:${JSON.stringify(v)}`, v);
}

/**
 * Hand-written texts for what only YAML can write: anchors and merge keys, tags, YAML 1.1 scalars,
 * numbers in other notations, keys that are not plain text, empty values.
 */
export const YAML_TEXTS: Record<string, string> = {
  'merge into a step': 'steps:\n  - &s {id: a, stub: true, timeout: 5s}\n  - <<: *s\n    id: b',
  'merge a list of anchors': 'steps:\n  - &s {id: a, stub: true}\n  - <<: [*s]\n    id: b\n    timeout: 5s',
  'merge brings an unknown key': 'steps:\n  - &s {id: a, stub: true, bogus: 1}\n  - <<: *s\n    id: b',
  'merge into an action': 'steps:\n  - id: a\n    stub:\n      <<: {output: 1, delayy: 2s}',
  'anchor at the top level': 'x-base: &b\n  timeout: 5s\nsteps:\n  - id: a\n    <<: *b\n    stub: true',
  'aliased branch': 'steps:\n  - id: p\n    parallel:\n      branches:\n        x: &l [{id: a, stub: true}]\n        y: *l',
  'hex, octal, plus sign, float integer, exponent': 'config:\n  maxConcurrency: 0x10\nsteps:\n  - id: a\n    stub: true\n    retries: 2.0\n    timeout: 1e2\n  - id: b\n    stub: true\n    retries: +1\n    timeout: 0o17',
  'YAML 1.1 octal and underscores': 'config:\n  maxConcurrency: 1_000\nsteps:\n  - id: a\n    stub: true',
  'YAML 1.1 booleans': 'config:\n  continueOnError: yes\nsteps:\n  - id: a\n    stub: true\n    continueOnError: on',
  'capitalised booleans': 'config:\n  continueOnError: True\nsteps:\n  - id: a\n    stub: TRUE',
  'null spellings': 'steps:\n  - id: a\n    stub: {output: ~}\n    name: Null',
  'str tag on a number': 'steps:\n  - id: a\n    stub: true\n    timeout: !!str 5',
  'int tag on a text': 'config:\n  maxConcurrency: !!int "5"\nsteps:\n  - id: a\n    stub: true',
  'bool tag': 'steps:\n  - id: a\n    stub: !!bool "true"',
  'binary and timestamp': 'steps:\n  - id: a\n    stub: true\n    name: !!binary aGVsbG8=\n    description: 2024-01-01',
  'set tag': 'steps:\n  - id: a\n    stub: true\n    needs: !!set {a}',
  'omap tag': 'steps:\n  - id: a\n    stub: !!omap [{output: 1}]',
  'number as a branch name': 'steps:\n  - id: p\n    parallel:\n      branches:\n        1: [{id: a, stub: true}]',
  'number as an input name': 'inputs:\n  1: x\nsteps:\n  - id: a\n    stub: true',
  'float as an env name': 'env:\n  1.5: x\nsteps:\n  - id: a\n    stub: true',
  'list as a branch name': 'steps:\n  - id: p\n    parallel:\n      branches:\n        ? [a]\n        : [{id: a, stub: true}]',
  'mapping as a step key': 'steps:\n  - id: a\n    stub: true\n    ? {x: 1}\n    : 2',
  'number as an id': 'steps:\n  - id: 12\n    stub: true',
  'quoted empty key': 'steps:\n  - id: a\n    "": x\n    shell: echo a',
  'empty value': 'steps:\n  - id: a\n    shell:',
  'empty list item': 'steps:\n  -\n  - id: a\n    stub: true',
  'prototype keys': 'steps:\n  - id: a\n    stub: true\n    __proto__: {x: 1}\n  - id: b\n    stub: true\n    constructor: 1',
  'prototype key in an action': 'steps:\n  - id: a\n    stub:\n      __proto__: 1',
  'prototype names as inputs': 'inputs:\n  __proto__: 1\n  toString: 2\nsteps:\n  - id: a\n    stub: true',
  'document marker only': '---\n',
  'null document': '~',
  'scalar document': 'hello',
  'list document': '- id: a\n  stub: true',
  'empty block scalar': 'steps:\n  - id: a\n    shell: |\n',
  'text with a line break as an id': 'steps:\n  - id: "a\\n"\n    stub: true',
  'non-ASCII id': 'steps:\n  - id: café\n    stub: true',
  'CRLF line ends': 'steps:\r\n  - id: a\r\n    stub: true\r\n    bogus: 1\r\n',
  'byte order mark': '\ufeffsteps:\n  - id: a\n    stub: true',
  'negative infinity': 'steps:\n  - id: a\n    stub: true\n    timeout: -.inf',
  'infinite timeout': 'steps:\n  - id: a\n    stub: true\n    timeout: .inf',
  'infinite delay, written large': 'steps:\n  - id: a\n    stub: {delay: 1e400}',
  'escaped template': 'steps:\n  - id: a\n    stub: true\n    timeout: "$${x}"\n    continueOnError: "$${x}"',
  'template inside text': 'steps:\n  - id: a\n    stub: true\n    timeout: "x${inputs.t}"',
  'alias of a whole step': 'steps:\n  - &a {id: a, stub: true}\n  - *a',
  'a name YAML 1.1 read as a boolean': 'inputs:\n  yes: x\nsteps:\n  - id: a\n    stub: true',
};

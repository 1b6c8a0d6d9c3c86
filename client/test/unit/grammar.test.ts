// Grammar tests: tokenizes Weft snippets with the real TextMate engine VS Code uses (vscode-textmate +
// oniguruma) and checks the scopes of the interesting tokens: keys, step ids, `${...}` templates
// (injected into strings only, never comments), `$${` escapes, block scalars and plain scalars.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';

const dir = path.resolve(__dirname, '../../../syntaxes');

async function loadGrammar() {
  const wasm = fs.readFileSync(path.join(path.dirname(require.resolve('vscode-oniguruma')), 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (s: string[]) => new oniguruma.OnigScanner(s), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope: string) => {
      const file = scope === 'source.weft' ? 'weft.tmLanguage.json' : scope === 'template.weft.injection' ? 'weft-template.injection.tmLanguage.json' : undefined;
      return file ? vsctm.parseRawGrammar(fs.readFileSync(path.join(dir, file), 'utf8'), path.join(dir, file)) : null;
    },
    getInjections: (scope: string) => (scope === 'source.weft' ? ['template.weft.injection'] : undefined),
  });
  const grammar = await registry.loadGrammar('source.weft');
  assert.ok(grammar);
  return grammar;
}

/** Tokenizes `text` and returns, for each line, [tokenText, scopes joined by ' '] pairs. */
async function tokenize(text: string): Promise<[string, string][][]> {
  const grammar = await grammarP;
  let state = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t) => [line.slice(t.startIndex, t.endIndex), t.scopes.join(' ')] as [string, string]);
  });
}
const grammarP = loadGrammar();

function scopeOf(lines: [string, string][][], line: number, token: string): string {
  const hit = lines[line].find(([t]) => t === token);
  assert.ok(hit, `token ${JSON.stringify(token)} not found on line ${line}: ${JSON.stringify(lines[line])}`);
  return hit[1];
}

test('manifest grammar files are valid JSON with the scope names package.json uses', () => {
  const main = JSON.parse(fs.readFileSync(path.join(dir, 'weft.tmLanguage.json'), 'utf8'));
  const inj = JSON.parse(fs.readFileSync(path.join(dir, 'weft-template.injection.tmLanguage.json'), 'utf8'));
  assert.equal(main.scopeName, 'source.weft');
  assert.equal(inj.scopeName, 'template.weft.injection');
  assert.match(inj.injectionSelector, /source\.weft/);
});

test('keys, step ids and action keys', async () => {
  const l = await tokenize(['name: demo', 'steps:', '  - id: fetch', '    shell: echo hi', '    needs: [other]'].join('\n'));
  assert.match(scopeOf(l, 0, 'name'), /entity\.name\.tag\.yaml/);
  assert.match(scopeOf(l, 0, 'demo'), /string\.unquoted/);
  assert.match(scopeOf(l, 2, 'fetch'), /entity\.name\.function\.step-id\.weft/);
  assert.match(scopeOf(l, 3, 'shell'), /keyword\.control\.action\.weft/);
  assert.match(scopeOf(l, 4, 'needs'), /support\.type\.property-name\.weft/);
  assert.match(scopeOf(l, 4, 'other'), /string\.unquoted/);
});

test('templates inside plain, quoted and block strings', async () => {
  const l = await tokenize([
    'x: echo ${steps.fetch.output} done',
    'y: "${inputs.topic ?? \'none\'}"',
    'z: |',
    '  cat ${steps.read.output.items[0]}',
    'w: plain',
  ].join('\n'));
  assert.match(scopeOf(l, 0, '${'), /punctuation\.definition\.template-expression\.begin\.weft/);
  assert.match(scopeOf(l, 0, 'steps'), /variable\.language\.steps\.weft/);
  assert.match(scopeOf(l, 0, 'fetch'), /meta\.embedded\.template\.weft.*entity\.name\.function\.step-id\.weft/);
  assert.match(scopeOf(l, 0, 'output'), /variable\.other\.property\.weft/);
  assert.match(scopeOf(l, 0, ' done'), /string\.unquoted/);
  assert.doesNotMatch(scopeOf(l, 0, ' done'), /template/);
  assert.match(scopeOf(l, 1, 'inputs'), /string\.quoted\.double\.yaml.*variable\.language\.root\.weft/);
  assert.match(scopeOf(l, 1, '??'), /keyword\.operator\.template\.weft/);
  assert.match(scopeOf(l, 1, "'none'"), /string\.quoted\.template\.weft/);
  assert.match(scopeOf(l, 3, 'read'), /string\.unquoted\.block\.yaml.*entity\.name\.function\.step-id\.weft/);
  assert.match(scopeOf(l, 3, '0'), /constant\.numeric\.template\.weft/);
  assert.match(scopeOf(l, 4, 'w'), /entity\.name\.tag\.yaml/);
  assert.doesNotMatch(scopeOf(l, 4, 'w'), /block/);
});

test('functions, escapes, comments', async () => {
  const l = await tokenize(['if: ${length(steps.list.output) > 2}', 'a: cost $${HOME}', '# ${steps.not.a.template}', 'b: 1 # ${nope}'].join('\n'));
  assert.match(scopeOf(l, 0, 'length'), /support\.function\.template\.weft/);
  assert.match(scopeOf(l, 0, '>'), /keyword\.operator\.template\.weft/);
  assert.match(scopeOf(l, 1, '$${'), /constant\.character\.escape\.template\.weft/);
  for (const [, scopes] of l[2]) assert.doesNotMatch(scopes, /template/);
  assert.match(scopeOf(l, 3, '1'), /constant\.numeric\.yaml/);
  assert.match(scopeOf(l, 3, ' ${nope}'), /comment\.line/);
});

test('scalars: booleans, null, numbers, durations, anchors and aliases', async () => {
  const l = await tokenize(['a: true', 'b: null', 'c: 42', 'd: 1h30m', 'e: &x [1, 2]', 'f: *x'].join('\n'));
  assert.match(scopeOf(l, 0, 'true'), /constant\.language\.boolean/);
  assert.match(scopeOf(l, 1, 'null'), /constant\.language\.null/);
  assert.match(scopeOf(l, 2, '42'), /constant\.numeric\.yaml/);
  assert.match(scopeOf(l, 3, '1h30m'), /constant\.numeric\.duration\.weft/);
  assert.match(scopeOf(l, 4, 'x'), /entity\.name\.type\.anchor/);
  assert.match(scopeOf(l, 5, 'x'), /variable\.other\.alias/);
});

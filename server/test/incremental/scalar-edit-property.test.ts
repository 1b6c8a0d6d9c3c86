// Property test of the scalar-edit path, in process (no server): random keystrokes typed INSIDE the
// scalars of the repository's workflows (templates, half-typed `${steps.`, quotes, escapes, YAML
// indicators), in chains as an editor sends them. Whenever the path is taken, the derived Document
// must equal a fresh parse node for node and the analysis must equal a full one. Seeded:
// WEFT_FUZZ_SEED=<n> replays a run.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { visit, type Document, type Scalar } from 'yaml';
import { analyse } from '../../../engine/src/analysis/analyse.js';
import { buildModel, parseWorkflow } from '../../../engine/src/model/parse.js';
import { rng } from '../../../test/support/prng.js';
import { workflowCorpus } from '../../../test/support/workflow-corpus.js';
import { scalarEdit } from '../../src/scalar-edit.js';
import { assertSameDocument, diagnosticsOf } from './tree-compare.js';

const SEED = Number(process.env.WEFT_FUZZ_SEED ?? 20261121);
const CHAINS = Number(process.env.WEFT_SCALAR_CHAINS ?? 400);
const FILE = '/tmp/scalar-property.weft.yaml';

const TYPED = [
  'a', 'x', 'e', 's', '0', '1', '9', '.', '-', '_', ' ', '${', '${steps.', '${steps.fe', '}', '$', '{', '[', ']', ',', ':', ': ',
  '#', ' #', '"', "'", "''", '\\', '\\n', '\\u00e9', '\\"', '&', '*', '!', '|', '>', '%', '@', '?', 'true', 'null', '~', '12',
  '.5', '0x1F', '1e3', 'é', '😀', '\t', '\n', '(', ')', '==', ' && ', 'output', '.output', 'fetch', 'yes', '<<',
];

function scalarsOf(doc: Document): Scalar[] {
  const out: Scalar[] = [];
  visit(doc, { Scalar(key, node) { if (key !== 'key' && node.range) out.push(node); } });
  return out;
}

describe('scalar-edit property', () => {
  it(`random typing inside scalars equals a full parse and analysis (seed ${SEED})`, () => {
    const docs = workflowCorpus(['examples', 'server/test/fixtures', 'engine/test/fixtures/diagnostics']);
    assert.ok(docs.length > 10);
    const rand = rng(SEED);
    const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
    let taken = 0;
    let edits = 0;
    let withData = 0;
    for (let c = 0; c < CHAINS; c++) {
      let text = pick(docs);
      let model = parseWorkflow(text, FILE);
      for (let e = 0; e < 12 && model.yaml; e++) {
        const doc = model.yaml;
        const scalars = scalarsOf(doc);
        if (!scalars.length) break;
        const sc = pick(scalars);
        const [s, v] = sc.range!;
        const at = s + Math.floor(rand() * (v - s + 1));
        const del = rand() < 0.25 ? Math.floor(rand() * 4) : 0;
        const ins = del > 0 && rand() < 0.5 ? '' : pick(TYPED);
        const next = text.slice(0, at) + ins + text.slice(Math.min(text.length, at + del));
        if (next === text) continue;
        edits++;
        const full = parseWorkflow(next, FILE);
        const r = scalarEdit(model, next);
        if ('doc' in r) {
          taken++;
          const where = `chain ${c}, edit ${e} (seed ${SEED}): ${JSON.stringify(ins)} at ${at}, delete ${del}, in ${JSON.stringify(text.slice(s, v).slice(0, 60))}`;
          try {
            assertSameDocument(r.doc, full.yaml!);
          } catch (err) {
            assert.fail(`${where}: the derived Document differs from a fresh parse: ${(err as Error).message}`);
          }
          if (r.data !== undefined) {
            withData++;
            assert.deepEqual(r.data, full.data, `${where}: the derived data differs from the document's toJS()`);
          }
          model = buildModel([r.doc], next, FILE, { data: r.data });
          assert.deepEqual(diagnosticsOf(analyse(model)), diagnosticsOf(analyse(full)), `${where}: diagnostics differ`);
        } else {
          model = full;
        }
        text = next;
      }
    }
    console.log(`scalar-edit property: ${taken} of ${edits} edits took the shortcut`);
    assert.ok(taken > edits / 5, `only ${taken} of ${edits} edits took the shortcut`);
    // The derived data (shared with the previous version off the edited path) is there for all of them.
    assert.equal(withData, taken, `only ${withData} of ${taken} shortcut edits derived their data`);
  });
});

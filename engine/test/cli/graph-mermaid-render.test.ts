// `weft graph --format mermaid` output rendered by the real Mermaid in headless Chromium, at the strict
// security level GitHub markdown uses: every example and seed workflow, and workflows with hostile step
// names and ids. For each: Mermaid parses and renders it; every step is a drawn node whose text is its
// label (no markup reaches the SVG); every block is a cluster drawn around its children, nested as the
// plan nests; every dependency is an edge. The other graph-mermaid tests check Weft's text only.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { analyse } from '../../src/analysis/analyse.js';
import { fsHost } from '../../src/analysis/fs-host.js';
import { mermaidId } from '../../src/cli/graph-mermaid-id.js';
import { MERMAID_MAX_EDGES, MERMAID_MAX_TEXT, mermaidTooLarge } from '../../src/cli/graph-mermaid-limits.js';
import { toMermaid } from '../../src/cli/graph-render.js';
import { parseWorkflow } from '../../src/model/parse.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { Plan, PlanNode } from '../../src/plan/types.js';
import { openMermaid, type Box, type MermaidPage, type Rendered } from './graph-mermaid-browser.js';
import { workflowFiles } from '../../../test/support/workflow-corpus.js';
import { HOSTILE_WORKFLOWS } from './graph-mermaid-hostile.js';

const ROOT = path.resolve(__dirname, '../../..');
const CORPUS_DIRS = [path.join(ROOT, 'examples'), path.join(ROOT, 'engine/test/fixtures/seeds')];

function planOf(file: string, text = fs.readFileSync(file, 'utf8')): Plan {
  const analysis = analyse(parseWorkflow(text, file), { host: fsHost });
  assert.deepEqual(analysis.diagnostics.filter((d) => d.severity === 'error'), [], `${file} has errors`);
  return buildPlan(analysis);
}

const blockWord: Partial<Record<PlanNode['kind'], string>> = { foreach: ' · for each', parallel: ' · parallel', workflow: ' · sub-workflow' };
const isBlock = (n: PlanNode) => Boolean(n.children?.length);
/** What a person should read: the step's name and id (or the id alone), on one line. */
function expectedText(n: PlanNode): string {
  const label = n.kind === 'branch' ? n.id : n.name !== n.id ? `${n.name} (${n.id})` : n.id;
  return squash(label + (isBlock(n) ? blockWord[n.kind] ?? '' : ''));
}
const squash = (s: string) => s.replace(/[\s\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ').trim();

interface Flat { node: PlanNode; parent?: PlanNode }
function flat(nodes: PlanNode[], parent?: PlanNode, out: Flat[] = []): Flat[] {
  for (const node of nodes) {
    out.push({ node, parent });
    if (node.children) flat(node.children, node, out);
  }
  return out;
}

const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 1 && inner.y >= outer.y - 1 && inner.x + inner.width <= outer.x + outer.width + 1 && inner.y + inner.height <= outer.y + outer.height + 1;
const sorted = <T>(xs: T[]) => [...xs].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

/** Every check of the header comment, for one plan and what Mermaid made of its graph. */
function assertRendered(plan: Plan, src: string, r: Rendered): void {
  const show = `\n--- weft graph output ---\n${src.length > 4000 ? src.slice(0, 4000) + '…' : src}`;
  assert.equal(r.error, undefined, `Mermaid failed: ${r.error}${show}`);
  const all = flat(plan.steps);
  const leaves = all.filter((f) => !isBlock(f.node));
  const blocks = all.filter((f) => isBlock(f.node));
  const id = (n: PlanNode) => mermaidId(n.path);

  // Steps are nodes, blocks are clusters: each exactly once, and nothing else is drawn.
  assert.deepEqual(r.nodes.map((n) => n.id).sort(), leaves.map((f) => id(f.node)).sort(), `drawn nodes${show}`);
  assert.deepEqual(r.clusters.map((c) => c.id).sort(), blocks.map((f) => id(f.node)).sort(), `drawn clusters${show}`);
  const known = new Set(all.map((f) => id(f.node)));
  for (const v of r.vertices) assert.ok(known.has(v.id), `Mermaid made a vertex '${v.id}' that is no step${show}`);

  // Labels: the text a person sees, with no element but the label's paragraph.
  const byId = new Map(all.map((f) => [id(f.node), f.node]));
  for (const n of [...r.nodes, ...r.clusters]) assert.equal(squash(n.text), expectedText(byId.get(n.id)!), `label of ${n.id}${show}`);
  assert.deepEqual(r.labelTags.filter((t) => t !== 'p'), [], `markup inside labels${show}`);
  const foreign = r.tags.filter((t) => !SVG_TAGS.has(t));
  assert.deepEqual(foreign, [], `elements Mermaid does not draw itself${show}`);

  // Dependencies are edges, each drawn.
  const planEdges = all.flatMap((f) => f.node.needs.map((from) => ({ start: mermaidId(from), end: id(f.node) })));
  assert.deepEqual(sorted(r.edges), sorted(planEdges), `edges${show}`);
  assert.equal(r.edgePaths, planEdges.length, `drawn edge paths${show}`);

  // Nesting: a subgraph holds its children, and is drawn around them. (Its title is checked as drawn
  // above: the database keeps it with Mermaid's own entity placeholders.)
  assert.deepEqual(
    sorted(r.subgraphs.map((s) => ({ id: s.id, nodes: [...s.nodes].sort() }))),
    sorted(blocks.map((f) => ({ id: id(f.node), nodes: f.node.children!.map(id).sort() }))),
    `subgraphs${show}`,
  );
  const boxes = new Map([...r.nodes, ...r.clusters].map((n) => [n.id, n.box]));
  for (const f of all) {
    if (!f.parent) continue;
    assert.ok(inside(boxes.get(id(f.node))!, boxes.get(id(f.parent))!), `${f.node.path} is drawn outside ${f.parent.path}${show}`);
  }
}

/** `count` steps in rows of `width`: each step after the first row waits for the one above it. */
function rows(count: number, width: number, name = (i: number) => `step_${i}`): Plan {
  return steps(count, (i) => (i >= width ? [i - width] : []), name);
}

/** `sources` steps and `sinks` steps that each wait for every source: sources * sinks edges. */
function fanIn(sources: number, sinks: number): Plan {
  return steps(sources + sinks, (i) => (i < sources ? [] : [...Array(sources).keys()]));
}

function steps(count: number, needs: (i: number) => number[], name = (i: number) => `step_${i}`): Plan {
  const lines = ['name: rows', 'steps:'];
  for (let i = 0; i < count; i++) {
    lines.push(`  - id: step_${i}`, `    name: ${JSON.stringify(name(i))}`, '    stub: true');
    if (needs(i).length) lines.push(`    needs: [${needs(i).map((n) => `step_${n}`).join(', ')}]`);
  }
  return planOf('/ws/rows.weft.yaml', lines.join('\n') + '\n');
}

/** Elements Mermaid's flowchart SVG is made of (labels are HTML in foreignObject). */
const SVG_TAGS = new Set(['svg', 'g', 'defs', 'marker', 'path', 'polygon', 'circle', 'rect', 'line', 'style', 'foreignObject', 'div', 'span', 'p', 'text', 'tspan', 'title', 'desc', 'filter', 'feDropShadow']);

describe('weft graph --format mermaid, rendered by Mermaid', () => {
  let mermaid: MermaidPage;
  before(async () => { mermaid = await openMermaid(); });
  after(async () => { await mermaid?.close(); });

  const corpus = workflowFiles(CORPUS_DIRS);
  it('finds the examples and the seeds', () => {
    assert.ok(corpus.length >= 25, `only ${corpus.length} workflows under ${CORPUS_DIRS.join(', ')}`);
  });
  for (const file of corpus) {
    it(path.relative(ROOT, file), async () => {
      const plan = planOf(file);
      const src = toMermaid(plan);
      assertRendered(plan, src, await mermaid.render(src));
    });
  }

  describe("Mermaid's default limits (GitHub's): 500 edges, 50,000 characters", () => {
    it('500 edges render; 501 are refused, and mermaidTooLarge says so', async () => {
      const plan = fanIn(25, 20);
      const src = toMermaid(plan);
      assert.equal(src.split('\n').filter((line) => line.includes(' --> ')).length, MERMAID_MAX_EDGES);
      assert.equal(mermaidTooLarge(src), undefined);
      assertRendered(plan, src, await mermaid.render(src));
      const over = toMermaid(steps(46, (i) => (i < 25 ? [] : i < 45 ? [...Array(25).keys()] : [0])));
      assert.match((await mermaid.render(over)).error ?? '', /Edge limit exceeded/);
      assert.match(mermaidTooLarge(over) ?? '', /501 edges/);
    });

    it('50,000 characters render; one more is drawn as "Maximum text size in diagram exceeded", and mermaidTooLarge says so', async () => {
      const sized = (extra: number) => rows(100, 100, (i) => `Step ${i} ${'·'.repeat(i === 99 ? extra : 400)}`);
      const base = toMermaid(sized(0)).length;
      const plan = sized(MERMAID_MAX_TEXT - base);
      const src = toMermaid(plan);
      assert.equal(src.length, MERMAID_MAX_TEXT);
      assert.equal(mermaidTooLarge(src), undefined);
      assertRendered(plan, src, await mermaid.render(src));
      const over = toMermaid(sized(MERMAID_MAX_TEXT - base + 1));
      const r = await mermaid.render(over);
      assert.deepEqual(r.nodes.map((n) => n.text), ['Maximum text size in diagram exceeded']);
      assert.match(mermaidTooLarge(over) ?? '', /50001 characters/);
    });

    it('a workflow of 2,000 steps is over both limits: Mermaid refuses it, mermaidTooLarge says why', async () => {
      const src = toMermaid(rows(2000, 20));
      assert.match((await mermaid.render(src)).error ?? '', /Edge limit exceeded/);
      assert.match(mermaidTooLarge(src) ?? '', /^this graph has 1980 edges \(Mermaid draws at most 500\) and \d+ characters \(Mermaid reads at most 50000\)/);
    });
  });

  describe('hostile step names and ids', () => {
    let dir: string;
    before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-mermaid-')); });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    for (const [name, files] of Object.entries(HOSTILE_WORKFLOWS)) {
      it(name, async () => {
        for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
        const main = path.join(dir, Object.keys(files)[0]);
        const plan = planOf(main);
        const src = toMermaid(plan);
        assertRendered(plan, src, await mermaid.render(src));
      });
    }
  });
});

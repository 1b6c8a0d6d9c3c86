// The real Mermaid (the `mermaid` devDependency's browser bundle) in the headless Chromium that
// `npm run test:deps` installs for the VS Code tests, found and launched the way
// scripts/vscode/run-code-server.ts does. graph-mermaid-render.test.ts renders `weft graph --format
// mermaid` output with it, at the strict security level GitHub uses, and reads back what Mermaid
// understood (its flowchart database) and what it drew (the SVG, attached to the page so that
// positions can be measured).
import * as fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';

/** As client/test/unit/graph-page.test.ts finds it: WEFT_CHROMIUM, else the Debian package's path. */
export const CHROMIUM = process.env.WEFT_CHROMIUM ?? '/usr/bin/chromium';

export interface Box { x: number; y: number; width: number; height: number }

export interface Rendered {
  /** Set when parse or render threw; then nothing else is filled in. */
  error?: string;
  /** The flowchart database: every vertex Mermaid made, edge and subgraph, by Mermaid id. */
  vertices: { id: string; text: string }[];
  edges: { start: string; end: string }[];
  subgraphs: { id: string; nodes: string[] }[];
  /** The SVG: drawn nodes and clusters by Mermaid id, with the text a person sees and the box. */
  nodes: { id: string; text: string; box: Box }[];
  clusters: { id: string; text: string; box: Box }[];
  edgePaths: number;
  /** Every element name in the SVG, and the element names found inside labels (there should be none but p). */
  tags: string[];
  labelTags: string[];
}

// Runs in the page. Node and cluster elements carry the render id as a prefix: `<id>-flowchart-<node>-<n>`
// and `<id>-<cluster>`.
const IN_PAGE = String.raw`
window.weftRender = async (src, renderId) => {
  const empty = { vertices: [], edges: [], subgraphs: [], nodes: [], clusters: [], edgePaths: 0, tags: [], labelTags: [] };
  let svg;
  try {
    await mermaid.parse(src);
    ({ svg } = await mermaid.render(renderId, src));
  } catch (e) {
    return { ...empty, error: String((e && e.message) || e) };
  }
  const { db } = await mermaid.mermaidAPI.getDiagramFromText(src);
  const vertices = [...db.getVertices().values()].map((v) => ({ id: v.id, text: v.text }));
  const edges = db.getEdges().map((e) => ({ start: e.start, end: e.end }));
  const subgraphs = db.getSubGraphs().map((s) => ({ id: s.id, nodes: [...s.nodes] }));
  const host = document.createElement('div');
  document.body.replaceChildren(host);
  host.innerHTML = svg;
  const box = (el) => { const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; };
  const nodePrefix = renderId + '-flowchart-';
  const nodes = [...host.querySelectorAll('g.node')].map((g) => ({
    id: g.id.startsWith(nodePrefix) ? g.id.slice(nodePrefix.length).replace(/-\d+$/, '') : g.id,
    text: g.textContent,
    box: box(g),
  }));
  const clusters = [...host.querySelectorAll('g.cluster')].map((g) => ({
    id: g.id.startsWith(renderId + '-') ? g.id.slice(renderId.length + 1) : g.id,
    text: g.querySelector('.cluster-label').textContent,
    box: box(g.querySelector('rect') || g),
  }));
  const edgePaths = host.querySelectorAll('.edgePaths path').length;
  const tags = [...new Set([...host.querySelectorAll('*')].map((el) => el.localName))].sort();
  const labelTags = [...new Set([...host.querySelectorAll('.nodeLabel *, .edgeLabel *')].map((el) => el.localName))].sort();
  return { vertices, edges, subgraphs, nodes, clusters, edgePaths, tags, labelTags };
};
`;

export interface MermaidPage {
  render(src: string): Promise<Rendered>;
  close(): Promise<void>;
}

/** Chromium with Mermaid loaded at the strict security level; fails (never skips) without Chromium. */
export async function openMermaid(): Promise<MermaidPage> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: run \`npm run test:deps\` (scripts/vscode/install-code-server.sh) first; this test renders with the real Mermaid and does not skip`);
  }
  const bundle = fs.readFileSync(require.resolve('mermaid/dist/mermaid.min.js'), 'utf8');
  const { chromium } = await import('playwright-core');
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true, timeout: 60_000,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page: Page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
  await page.addScriptTag({ content: bundle });
  await page.addScriptTag({ content: IN_PAGE });
  // GitHub renders at the strict level (no click callbacks, labels sanitized) with the default limits.
  await page.evaluate(() => (globalThis as unknown as { mermaid: { initialize(c: object): void } }).mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' }));
  let count = 0;
  return {
    async render(src) {
      const id = `weft${++count}`;
      const out = await page.evaluate(([s, i]) => (globalThis as unknown as { weftRender(s: string, i: string): Promise<Rendered> }).weftRender(s, i), [src, id] as const);
      if (pageErrors.length) out.error = [out.error, ...pageErrors.splice(0)].filter(Boolean).join('; ');
      return out;
    },
    close: () => browser.close(),
  };
}

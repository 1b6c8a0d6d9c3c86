// The graph webview's page in headless Chromium, under its own Content-Security-Policy (graphHtml,
// webview-html.ts) and its real script (built as esbuild.mjs builds it): the layout runs in the
// worker started from a blob: URL; with no Worker, the page lays out on its main thread with the
// worker's own source run as a nonce'd script, and the CSP refuses nothing; while a layout is in
// flight, the "Laying out N steps…" notice is rendered on both tabs. The page reports through its
// own messages (`drawn`, and `shows` for a probe), read from a stand-in for acquireVsCodeApi; the
// tests wait for them, nothing asserts a duration. Skipped where there is no Chromium.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import crypto from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { graphHtml } from '../../src/graph-view/webview-html.js';
import type { DrawnReport, FromWebview, PageShows, ToWebview } from '../../src/graph-view/messages.js';
import type { PlanNode } from '../../../engine/src/plan/types.js';
import { webviewBundle } from './graph-webview-bundle.js';

const chromium = process.env.WEFT_CHROMIUM ?? '/usr/bin/chromium';
// Skipped on a machine without Chromium, but never under CI, where `npm test` installs it first (test:deps).
const skip = fs.existsSync(chromium) || process.env.CI ? false : `no Chromium at ${chromium}`;
const ORIGIN = 'http://weft-webview.test';

const n = (id: string, needs: string[] = []): PlanNode => ({ id, path: id, kind: 'stub', name: id, stage: 1, needs });
const plan = [n('a'), n('b', ['a']), n('c', ['a'])];

/** Stands in for the webview host: acquireVsCodeApi records what the page posts. Runs before the page's script (outside its CSP). */
const host = `window.__posted = []; window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => __violations.push(e.violatedDirective + ' ' + e.blockedURI));
window.acquireVsCodeApi = () => ({ postMessage: (m) => __posted.push(m), getState: () => undefined, setState: () => {} });`;
/** A page where no worker can be made. */
const noWorker = 'delete window.Worker;';
/** A page whose workers start but never answer: the layout stays in flight. */
const silentWorker = 'window.Worker = class { constructor() {} postMessage() {} terminate() {} };';

let browser: Browser | undefined;
after(() => browser?.close());

async function openPage(init: string): Promise<Page> {
  const { chromium: pw } = await import('playwright-core');
  browser ??= await pw.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const { page: script } = await webviewBundle();
  const page = await browser.newPage();
  const nonce = crypto.randomBytes(16).toString('base64');
  await page.route(`${ORIGIN}/**`, (r) => r.request().url().endsWith('.js')
    ? r.fulfill({ contentType: 'text/javascript', body: script })
    : r.fulfill({ contentType: 'text/html', body: graphHtml(ORIGIN, nonce, `${ORIGIN}/graph-webview.js`) }));
  await page.addInitScript(host + init);
  await page.goto(`${ORIGIN}/index.html`);
  await page.waitForFunction(() => (window as unknown as { __posted: FromWebview[] }).__posted.some((m) => m.type === 'ready'));
  return page;
}

const post = (page: Page, m: ToWebview) => page.evaluate((m) => window.postMessage(m, '*'), m);
/** The first message of this type the page posted, once it has. */
async function posted<T extends FromWebview>(page: Page, type: T['type'], id?: number): Promise<T> {
  const h = await page.waitForFunction(({ type, id }) => (window as unknown as { __posted: { type: string; id?: number }[] }).__posted.find((m) => m.type === type && (id === undefined || m.id === id)), { type, id });
  return await h.jsonValue() as T;
}
const violations = (page: Page) => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

test('lays the plan out in the worker, from a blob: URL the CSP allows', { skip }, async () => {
  const page = await openPage('');
  await post(page, { type: 'plan', plan, title: 'w.weft.yaml' });
  const d = await posted<DrawnReport>(page, 'drawn');
  assert.deepEqual([d.layoutIn, d.noWorker, [...d.nodes].sort(), d.edges], ['worker', undefined, ['a', 'b', 'c'], 2]);
  assert.deepEqual(await violations(page), []);
  await page.close();
});

test("with no Worker, lays out on the page's main thread with the worker's own script, and the CSP refuses nothing", { skip }, async () => {
  const page = await openPage(noWorker);
  await post(page, { type: 'plan', plan, title: 'w.weft.yaml' });
  const d = await posted<DrawnReport>(page, 'drawn');
  assert.deepEqual([d.layoutIn, d.noWorker, [...d.nodes].sort(), d.edges], ['page', 'no Worker in this page', ['a', 'b', 'c'], 2]);
  assert.deepEqual(await violations(page), []);
  await page.close();
});

test('while a layout is in flight, its notice is rendered on the Graph tab and on the Timeline tab', { skip }, async () => {
  const page = await openPage(silentWorker);
  await post(page, { type: 'plan', plan, title: 'w.weft.yaml' });
  const seen: [string, string | null, boolean][] = [];
  for (const [id, tab] of [[1, 'graph'], [2, 'time'], [3, 'graph']] as const) {
    await post(page, { type: 'tab', tab });
    await post(page, { type: 'probe', id });
    const s = await posted<PageShows>(page, 'shows', id);
    seen.push([s.tab, s.notice, s.inFlight]);
    // Playwright's own reading of the same thing.
    assert.equal(await page.isVisible('#notice'), true, `the notice is visible on the ${tab} tab`);
  }
  assert.deepEqual(seen, [['graph', 'Laying out 3 steps…', true], ['time', 'Laying out 3 steps…', true], ['graph', 'Laying out 3 steps…', true]]);
  await page.close();
});

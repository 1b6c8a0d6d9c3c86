// `npm run test:vscode`: runs the extension's Mocha suite (client/test/suite) inside a real VS Code
// (code-server 4.100.3, VS Code 1.100.3) driven by headless Chromium, as described in
// ../shared/notes/real-vscode-testing.md. Steps: install code-server (cached), build, package the VSIX,
// install it into code-server, run the suite in a trusted window (with screenshots into docs/images/)
// and again in an untrusted one, print `N passed, N failed`, and kill everything it started.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildSuite } from './build-suite.js';

const root = path.resolve(__dirname, '../..');
const cache = process.env.WEFT_CODE_SERVER_CACHE ?? path.join(os.homedir(), '.cache', 'weft-code-server');
const csEntry = path.join(cache, 'node_modules/code-server/out/node/entry.js');
const work = path.join(root, 'test/.cache/vscode');
const shotsDir = path.join(root, 'docs/images');
const started: ChildProcess[] = [];
const t0 = Date.now();
// `--grep PATTERN`: only the tests whose full title matches (the untrusted session only if its test does).
const grepAt = process.argv.indexOf('--grep');
const grep = grepAt > 0 ? process.argv[grepAt + 1] : undefined;
const log = (m: string) => console.log(`[test:vscode +${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

function run(cmd: string, args: string[], opts: { cwd?: string; timeoutMs: number; env?: NodeJS.ProcessEnv; live?: boolean }): void {
  log(`$ ${cmd} ${args.join(' ')}`);
  // Output is piped (not a TTY), so no tool stops to ask a question (vsce asks about a missing LICENSE on a TTY).
  const r = spawnSync(cmd, args, { cwd: opts.cwd ?? root, stdio: ['ignore', opts.live ? 'inherit' : 'pipe', opts.live ? 'inherit' : 'pipe'], timeout: opts.timeoutMs, env: { ...process.env, ...opts.env }, maxBuffer: 64 * 1024 * 1024 });
  if (r.stdout?.length) process.stdout.write(r.stdout);
  if (r.stderr?.length) process.stderr.write(r.stderr);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`})`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => resolve(p)); });
    s.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const v = await probe();
    if (v !== undefined) return v;
    await sleep(250);
  }
  throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
}

function killTree(p: ChildProcess): void {
  if (p.pid === undefined || p.exitCode !== null) return;
  try { process.kill(-p.pid, 'SIGTERM'); } catch { /* gone */ }
  setTimeout(() => { try { process.kill(-p.pid!, 'SIGKILL'); } catch { /* gone */ } }, 2000).unref();
}

/** Kills any process still holding a path of this test run (shell steps, servers), and says so. */
function killStragglers(marker: string): number {
  let n = 0;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    if (Number(pid) === process.pid) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const cwd = fs.readlinkSync(`/proc/${pid}/cwd`);
      if (cmd.includes(marker) || cwd.startsWith(marker)) { process.kill(Number(pid), 'SIGKILL'); n++; }
    } catch { /* exited or not ours */ }
  }
  return n;
}

interface SuiteResult { passed: number; failed: number; failures: { title: string; error: string }[]; tests: { title: string; state: string; ms?: number }[] }

/**
 * What a session opens: the fixtures' folder; a `.code-workspace` of two folders (`alpha`, `beta`, each
 * with the fixtures, for multi-root.vscode.ts); or no folder at all (an empty window, for no-folder.vscode.ts,
 * with the fixtures copied to `workspace/` but not opened). The suite's index.ts picks its files by what it finds.
 */
type Layout = 'folder' | 'multi-root' | 'no-folder';

async function session(name: string, opts: { trusted: boolean; vsix: string; timeoutMs: number; layout?: Layout }): Promise<SuiteResult> {
  const layout = opts.layout ?? 'folder';
  const dir = path.join(work, name);
  fs.rmSync(dir, { recursive: true, force: true });
  const dirs = { user: path.join(dir, 'user-data'), ext: path.join(dir, 'extensions'), ws: path.join(dir, 'workspace'), dev: path.join(dir, 'dev-extension'), results: path.join(dir, 'results') };
  Object.values(dirs).forEach((d) => fs.mkdirSync(d, { recursive: true }));
  let opened: string | undefined = dirs.ws;
  if (layout === 'multi-root') {
    for (const f of ['alpha', 'beta']) fs.cpSync(path.join(root, 'client/test/fixtures'), path.join(dirs.ws, f), { recursive: true });
    opened = path.join(dirs.ws, 'weft.code-workspace');
    fs.writeFileSync(opened, JSON.stringify({ folders: [{ path: 'alpha' }, { path: 'beta' }], settings: {} }, null, 2));
  } else {
    fs.cpSync(path.join(root, 'client/test/fixtures'), dirs.ws, { recursive: true });
    if (layout === 'no-folder') opened = undefined;
  }
  fs.writeFileSync(path.join(dirs.ext, 'extensions.json'), '[]');
  // An empty extension: the test runner needs an extensionDevelopmentPath; the extension under test is the installed VSIX.
  fs.writeFileSync(path.join(dirs.dev, 'package.json'), JSON.stringify({ name: 'weft-test-host', publisher: 'weft', version: '0.0.0', engines: { vscode: '^1.100.0' } }));
  fs.mkdirSync(path.join(dirs.user, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dirs.user, 'User/settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none', 'workbench.tips.enabled': false, 'telemetry.telemetryLevel': 'off', 'update.mode': 'none',
    'extensions.autoUpdate': false, 'extensions.autoCheckUpdates': false, 'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.banner': 'never', 'workbench.colorTheme': 'Default Dark Modern', 'editor.hover.delay': 100,
    'window.commandCenter': false, 'workbench.layoutControl.enabled': false, 'chat.commandCenter.enabled': false,
  }, null, 2));
  run(process.execPath, [csEntry, '--config', path.join(dir, 'config.yaml'), '--install-extension', opts.vsix, '--extensions-dir', dirs.ext, '--user-data-dir', dirs.user], { timeoutMs: 120_000 });
  if (!fs.readdirSync(dirs.ext).some((d) => d.startsWith('weft.weft-'))) throw new Error('the VSIX did not install');

  const port = await freePort();
  const args = [csEntry, '--config', path.join(dir, 'config.yaml'), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    '--disable-getting-started-override', '--user-data-dir', dirs.user, '--extensions-dir', dirs.ext, ...(opts.trusted ? ['--disable-workspace-trust'] : []), ...(opened ? [opened] : [])];
  log(`${name}: starting code-server on port ${port}${opts.trusted ? '' : ' (workspace trust on, folder untrusted)'}`);
  const cs = spawn(process.execPath, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, WEFT_TEST_RESULTS: dirs.results, WEFT_REPO_ROOT: root, WEFT_SESSION: name, ...(grep ? { WEFT_SUITE_GREP: grep } : {}) } });
  started.push(cs);
  const csLog = fs.createWriteStream(path.join(dir, 'code-server.log'));
  cs.stdout!.pipe(csLog); cs.stderr!.pipe(csLog);
  await waitFor('code-server to answer', 60_000, async () => {
    try { const r = await fetch(`http://127.0.0.1:${port}/healthz`); return r.ok ? true : undefined; } catch { return undefined; }
  });

  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium', headless: true, timeout: 60_000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    page.on('pageerror', (e) => fs.appendFileSync(path.join(dir, 'page-errors.log'), `${e.message}\n`));
    const remote = (p: string) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = [['extensionDevelopmentPath', remote(dirs.dev)], ['extensionTestsPath', remote(path.join(work, 'suite/index.js'))]];
    const where = layout === 'multi-root' ? `workspace=${encodeURIComponent(opened!)}` : layout === 'no-folder' ? 'ew=true' : `folder=${encodeURIComponent(dirs.ws)}`;
    const url = `http://127.0.0.1:${port}/?${where}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url, { timeout: 60_000 });
    const resultFile = path.join(dirs.results, 'result.json');
    const end = Date.now() + opts.timeoutMs;
    // Serve screenshot requests from the suite (it writes shot-NAME.req and waits for shot-NAME.done).
    while (!fs.existsSync(resultFile)) {
      if (Date.now() > end) {
        await page.screenshot({ path: path.join(dir, 'timeout.png') }).catch(() => undefined);
        throw new Error(`${name}: no result after ${opts.timeoutMs / 1000}s (see ${dir}/timeout.png and code-server.log)`);
      }
      if (cs.exitCode !== null) throw new Error(`${name}: code-server exited (${cs.exitCode}), see ${dir}/code-server.log`);
      for (const req of fs.readdirSync(dirs.results).filter((f) => f.startsWith('shot-') && f.endsWith('.req'))) {
        const shot = req.slice(5, -4);
        const target = path.join(shotsDir, `${shot}.png`);
        fs.mkdirSync(shotsDir, { recursive: true });
        // The request may carry DOM checks (what a person sees): selector, minimum count, text.
        type Target = { selector: string; text?: string; frames?: string[] };
        let checks: (Target & { min?: number })[] = [];
        let click: Target | undefined;
        let save = true;
        try { ({ checks = [], click, save = true } = JSON.parse(fs.readFileSync(path.join(dirs.results, req), 'utf8'))); } catch { /* plain request */ }
        const seen = [];
        for (const c of checks) {
          try {
            // `frames`: iframe selectors to descend through first (webviews live in nested iframes).
            const root = (c.frames ?? []).reduce<import('playwright-core').FrameLocator | import('playwright-core').Page>((f, sel) => f.frameLocator(sel), page);
            const loc = root.locator(c.selector);
            const count = await loc.count();
            const texts = c.text ? (await loc.allTextContents()).filter((t) => typeof t === 'string') : [];
            seen.push({ ...c, count, ok: count >= (c.min ?? 1) && (!c.text || texts.some((t) => t.includes(c.text!))), texts: texts.slice(0, 5) });
          } catch (err) {
            seen.push({ ...c, count: 0, ok: false, texts: [], error: String(err) });
          }
        }
        if (save) await page.screenshot({ path: target }).catch((e) => log(`screenshot ${shot} failed: ${e}`));
        if (click) {
          // A click as a person would do it (a notification button, a node in a webview).
          try {
            const root = (click.frames ?? []).reduce<import('playwright-core').FrameLocator | import('playwright-core').Page>((f, sel) => f.frameLocator(sel), page);
            let loc = root.locator(click.selector);
            if (click.text) loc = loc.filter({ hasText: click.text });
            await loc.first().click({ timeout: 5000 });
            seen.push({ ...click, count: 1, ok: true, texts: [], clicked: true });
          } catch (err) {
            seen.push({ ...click, count: 0, ok: false, texts: [], error: `click failed: ${err}` });
          }
        }
        fs.writeFileSync(path.join(dirs.results, `shot-${shot}.done`), JSON.stringify(seen));
        fs.rmSync(path.join(dirs.results, req), { force: true });
        log(`${name}: ${save ? `screenshot docs/images/${shot}.png` : `checked ${shot}`}`);
      }
      await sleep(200);
    }
    await sleep(200);
    const metrics = path.join(dirs.results, 'metrics.json');
    if (fs.existsSync(metrics)) for (const [k, v] of Object.entries(JSON.parse(fs.readFileSync(metrics, 'utf8')))) log(`${name}: ${k}: ${v}`);
    return JSON.parse(fs.readFileSync(resultFile, 'utf8')) as SuiteResult;
  } finally {
    await browser.close().catch(() => undefined);
    killTree(cs);
    await sleep(2500);
    const n = killStragglers(dir);
    if (n) log(`${name}: killed ${n} leftover process(es)`);
  }
}

async function main(): Promise<number> {
  const skipInstall = process.argv.includes('--no-install');
  if (!skipInstall) run('bash', [path.join(root, 'scripts/vscode/install-code-server.sh'), cache], { timeoutMs: 40 * 60_000, live: true });
  if (!process.argv.includes('--no-package')) run('npm', ['run', 'package'], { timeoutMs: 300_000 });
  const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
  const vsix = path.join(root, `weft-${version}.vsix`);
  const size = fs.statSync(vsix).size;
  log(`VSIX ${path.basename(vsix)}: ${(size / 1024).toFixed(0)} KB`);
  if (size > 2 * 1024 * 1024) throw new Error('VSIX is larger than 2 MB');
  fs.mkdirSync(work, { recursive: true });
  await buildSuite(path.join(root, 'client/test/suite'), path.join(work, 'suite'));

  const results: SuiteResult[] = [];
  results.push(await session('trusted', { trusted: true, vsix, timeoutMs: 8 * 60_000 }));
  // Each further session only when --grep could match its tests' titles (they all start with these words).
  const wanted = (title: string) => !grep || new RegExp(grep).test(title);
  if (wanted('Restricted Mode') || wanted('Trust granted')) results.push(await session('untrusted', { trusted: false, vsix, timeoutMs: 4 * 60_000 }));
  if (wanted('Multi-root')) results.push(await session('multi-root', { trusted: true, vsix, timeoutMs: 5 * 60_000, layout: 'multi-root' }));
  if (wanted('No folder')) results.push(await session('no-folder', { trusted: true, vsix, timeoutMs: 3 * 60_000, layout: 'no-folder' }));
  // Its one test reloads the window mid-run: the suite starts again in the new window and ends there.
  if (wanted('Reload of the window')) results.push(await session('reload', { trusted: true, vsix, timeoutMs: 4 * 60_000 }));
  let passed = 0; let failed = 0;
  for (const r of results) {
    for (const t of r.tests) console.log(`${t.state === 'passed' ? '✔' : t.state === 'failed' ? '✖' : '-'} ${t.title}${t.ms !== undefined ? ` (${t.ms} ms)` : ''}`);
    for (const f of r.failures) console.log(`\n✖ ${f.title}\n${f.error}\n`);
    passed += r.passed; failed += r.failed;
  }
  log(`done in ${((Date.now() - t0) / 1000).toFixed(0)}s`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

const cleanup = () => { for (const p of started) killTree(p); };
process.on('SIGINT', () => { cleanup(); process.exit(130); });
process.on('SIGTERM', () => { cleanup(); process.exit(143); });
main().then((code) => { cleanup(); process.exitCode = code; }, (e) => {
  cleanup();
  console.error(`test:vscode: ${e instanceof Error ? e.message : e}`);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});

// `npm run bench` (analyser part), issue 2 section 6: parse + analyse generated workflows of 1,000
// and 10,000 steps, and, in the same process, validate the same text against the same schema with
// yaml-language-server's language service (doValidation). Prints median/p95, memory, the ratio
// Weft / yaml-language-server, the 10k/1k scaling, and PASS/MISS per target. The two are timed
// alternately so that they see the same machine load; then, for context, the yaml package's parse
// alone (part of Weft's figure). Weft is measured from its esbuild bundle, as
// users run it (see bench/engine/weft.ts). Not a timed test: it
// always exits 0 unless something crashes (pass --strict to exit 1 on a MISS).
//   node --expose-gc --import tsx bench/analyser/index.ts [--sizes=1000,10000] [--runs=N] [--strict]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { getLanguageService } from 'yaml-language-server';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { bundleNote, engine } from '../engine/weft.js';
// The one engine function not taken from the bundle: the yaml reference row's parse, which is the
// yaml package's own code whichever way it is loaded (the bundle does not export it).
import { parseYamlDocuments } from '../../engine/src/model/yaml-parse.js';
import { generateWorkflow } from './generate.js';
import { mb, measureMemory, ms, timePaired, type Memory, type Timing } from './measure.js';
import { versus } from '../versus.js';

const ROOT = path.resolve(__dirname, '../..');
const SCHEMA = path.join(ROOT, 'schemas/weft.schema.json');
const args = new Map<string, string>(process.argv.slice(2).map((a): [string, string] => {
  const [k, v] = a.replace(/^--/, '').split('=');
  return [k!, v ?? ''];
}));
const sizes = (args.get('sizes') || '1000,10000').split(',').map(Number);
const strict = args.has('strict');

// Weft as users get it (`weft validate`, the language server): the esbuild bundle, like
// yaml-language-server's compiled JavaScript from node_modules. The analysis includes the schema
// check; the probe makes sure of it, so that the figure always covers everything Weft does.
const { parseWorkflow, analyse, analyseText } = engine;
if (!analyseText('steps: [{id: a, stub: true, bogus: 1}]\n', 'probe.weft.yaml').diagnostics.some((d) => d.code === 'schema')) {
  throw new Error('the analysis no longer includes the schema check: the comparison with yaml-language-server would be unfair');
}
function weft(text: string, file: string) {
  const analysis = analyse(parseWorkflow(text, file));
  return { analysis, count: analysis.diagnostics.length };
}

const ls = getLanguageService({
  schemaRequestService: async () => fs.readFileSync(SCHEMA, 'utf8'),
  workspaceContext: { resolveRelativePath: (rel: string, resource: string) => new URL(rel, resource).toString() },
});
ls.configure({ validate: true, hover: false, completion: false, schemas: [{ uri: pathToFileURL(SCHEMA).toString(), fileMatch: ['*.weft.yaml'] }] });
let version = 0;
async function yls(text: string, uri: string) {
  // A new version each call: the service caches parsed documents by URI and version.
  return ls.doValidation(TextDocument.create(uri, 'yaml', ++version, text), false);
}

interface Row {
  steps: number;
  bytes: number;
  weft: Timing;
  yls: Timing;
  weftMem: Memory;
  ylsMem: Memory;
  /** The yaml package's parse alone, with Weft's options: the part of Weft's figure that is the library's. */
  yaml: Timing;
}

function runsFor(steps: number): number {
  const given = args.get('runs');
  if (given) return Number(given);
  return steps <= 1000 ? 25 : 5;
}

async function main(): Promise<void> {
  console.log(`node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(bundleNote());
  console.log(`Weft = parseWorkflow + analyse (schema check included); yaml-language-server ${readVersion()} = doValidation with the same schema`);
  const rows: Row[] = [];
  for (const steps of sizes) {
    const g = generateWorkflow(steps, 1);
    const file = path.join(ROOT, `bench/analyser/generated-${steps}.weft.yaml`); // never written
    const uri = pathToFileURL(file).toString();
    const w0 = weft(g.text, file);
    const y0 = await yls(g.text, uri);
    console.log(`\n${g.steps} steps, ${g.references} references, ${(g.text.length / 1024).toFixed(0)} KB: Weft finds ${w0.count} problems, yaml-language-server ${y0.length}`);
    for (let i = 0; i < 3; i++) {
      weft(g.text, file);
      await yls(g.text, uri);
    }
    const [weftT, ylsT] = await timePaired(runsFor(steps), () => weft(g.text, file), () => yls(g.text, uri));
    const weftMem = await measureMemory(() => weft(g.text, file));
    const ylsMem = await measureMemory(() => yls(g.text, uri));
    // Context, timed after the comparison so that it does not change it: how long the yaml package
    // alone takes to parse the same text with Weft's options (Weft's figure includes this parse).
    // Alternated with yaml-language-server as Weft was, so that the collector sees the same garbage
    // (timed back to back, the 1,000-step parse alone came out as slow as Weft's whole analysis).
    const [yamlT] = await timePaired(runsFor(steps), () => parseYamlDocuments(g.text), () => yls(g.text, uri));
    rows.push({ steps, bytes: g.text.length, weft: weftT, yls: ylsT, weftMem, ylsMem, yaml: yamlT });
    const times = (name: string, t: Timing) =>
      `  ${name.padEnd(22)} median ${ms(t.median).padStart(10)}  p95 ${ms(t.p95).padStart(10)}  min ${ms(t.min).padStart(10)}  cpu ${ms(t.cpuMedian).padStart(10)}  (${t.runs} runs)`;
    const line = (name: string, t: Timing, m: Memory) =>
      `${times(name, t)}  heap retained ${mb(m.retainedHeap)}, RSS ${mb(m.rss)}${m.exact ? '' : ' (no --expose-gc)'}`;
    console.log(line('Weft', weftT, weftMem));
    console.log(line('yaml-language-server', ylsT, ylsMem));
    console.log(`${times('yaml package alone', yamlT)}  its parse with Weft's options, part of Weft's figure`);
    console.log(`  ratio Weft / yaml-language-server: ${(weftT.median / ylsT.median).toFixed(2)}x wall (median), ${(weftT.cpuMedian / ylsT.cpuMedian).toFixed(2)}x CPU time`);
  }

  console.log('\nTargets');
  const verdicts: boolean[] = [];
  const report = (ok: boolean, text: string) => {
    verdicts.push(ok);
    console.log(`  ${ok ? 'PASS' : 'MISS'}  ${text}`);
  };
  // `value` against `limit`, printed with the decimals that show which side it is on (versus).
  const target = (value: number, limit: number, digits: number, text: (shown: string) => string) =>
    report(value <= limit, text(versus(value, limit, digits)));
  const small = rows.find((r) => r.steps === 1000);
  const big = rows.find((r) => r.steps === 10000);
  if (small) target(small.weft.p95, 50, 1, (v) => `1,000 steps: p95 ${v} ms <= 50 ms`);
  if (small && big) target(big.weft.median / small.weft.median, 12, 1, (v) => `10,000 steps within 12x of 1,000 (median): ${v}x`);
  for (const r of rows) {
    target(r.weft.median / r.yls.median, 0.5, 2, (v) => `${r.steps.toLocaleString('en')} steps: Weft / yaml-language-server ${v}x <= 0.5x`);
  }
  if (os.loadavg()[0]! > os.cpus().length) console.log(`  (the machine was busy: load ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs; absolute times are inflated, ratios less so)`);
  console.log(`BENCH_ANALYSER ${JSON.stringify(rows.map((r) => ({ steps: r.steps, weftMedian: r.weft.median, weftP95: r.weft.p95, ylsMedian: r.yls.median, yamlMedian: r.yaml.median, ratio: r.weft.median / r.yls.median, cpuRatio: r.weft.cpuMedian / r.yls.cpuMedian })))}`);
  if (strict && verdicts.includes(false)) process.exitCode = 1;
}

function readVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/yaml-language-server/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(2);
});

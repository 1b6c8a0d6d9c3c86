// `npm run bench` for the engine (issue 3 section 8): every figure printed with its peer's and the
// ratio, all in one process, medians of >= 10 runs (the foreach scale, which spawns `weft run` from
// dist/ per run, of a third as many, at least 3; `npm run bench` builds dist/ first). Exit code 0
// even when a target is missed (the verdict is printed); timings are never asserted in tests.
//   node --import tsx bench/engine/index.ts [--runs N] [--only overhead,makespan,fail-fast,shell,foreach,stall]
import { failFast } from './fail-fast.js';
import { foreachScale } from './foreach.js';
import { makespan } from './makespan.js';
import { overhead } from './overhead.js';
import { shell } from './shell.js';
import { stall } from './stall.js';
import { verdicts } from './stats.js';
import { bundleNote } from './weft.js';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const runsArg = args.indexOf('--runs');
  const runs = runsArg >= 0 ? Math.max(1, Number(args[runsArg + 1])) : 10;
  const onlyArg = args.indexOf('--only');
  const only = onlyArg >= 0 ? new Set(args[onlyArg + 1].split(',')) : undefined;
  const sections: [string, (runs: number) => Promise<string[]>][] = [
    ['overhead', overhead],
    ['makespan', makespan],
    ['fail-fast', failFast],
    ['shell', shell],
    ['foreach', foreachScale],
    ['stall', stall],
  ];
  const t0 = performance.now();
  console.log(`Weft engine benchmark (node ${process.version}, ${process.platform}/${process.arch})`);
  console.log(bundleNote());
  for (const [name, run] of sections) {
    if (only && !only.has(name)) continue;
    const lines = await run(runs);
    console.log(lines.join('\n'));
  }
  const missed = verdicts.filter((v) => !v.ok);
  console.log(`\n${verdicts.length - missed.length}/${verdicts.length} targets met${missed.length ? `; missed: ${missed.map((m) => m.figure).join(', ')}` : ''} (${((performance.now() - t0) / 1000).toFixed(0)}s)`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});

// Generates large, valid, realistic Weft workflows for the analyser benchmark: fan-out/fan-in
// groups, chains, parallel blocks with named and shorthand branches, foreach bodies, http and file
// steps, with `${steps.X...}` references (mostly to recent steps, some far back) and `needs` lists.
// Deterministic for a given size and seed, so runs are comparable.
import { rng } from '../../test/support/prng.js';


export interface Generated {
  text: string;
  /** Steps in the file, blocks and the steps inside them included. */
  steps: number;
  /** `${steps...}` references and `needs` entries. */
  references: number;
}

export function generateWorkflow(target: number, seed = 1): Generated {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const out: string[] = [
    `name: bench-${target}`,
    'description: Generated for the analyser benchmark.',
    'inputs:',
    '  topic: parallel computing',
    '  depth: { type: number, default: 2 }',
    'env:',
    '  REGION: eu',
    'config:',
    '  maxConcurrency: 16',
    '  timeout: 1h',
    '  retries: { max: 2, delay: 1s, backoff: exponential }',
    '  llm: { provider: openai, model: gpt-4o-mini }',
    'steps:',
  ];
  let count = 0;
  let refs = 0;
  let n = 0;
  const top: string[] = []; // top-level ids, in order
  const id = (prefix: string) => `${prefix}${++n}`;
  const recent = (): string => {
    if (!top.length) return '';
    // Mostly the last few steps, sometimes far back.
    const i = rand() < 0.85 ? top.length - 1 - Math.floor(rand() * Math.min(12, top.length)) : Math.floor(rand() * top.length);
    return top[i]!;
  };
  const ref = (target: string, field = 'output') => {
    refs++;
    return `\${steps.${target}.${field}}`;
  };
  const leaf = (ind: string, sid: string, input: string | undefined): string[] => {
    count++;
    const r = input ? ref(input, pick(['output', 'output', 'output', 'status'])) : '${inputs.topic}';
    switch (pick(['shell', 'shell', 'llm', 'llm', 'http', 'stub'])) {
      case 'shell':
        return [`${ind}- id: ${sid}`, `${ind}  shell: echo "${r}" | wc -c`, `${ind}  timeout: 30s`];
      case 'llm':
        return [`${ind}- id: ${sid}`, `${ind}  llm:`, `${ind}    prompt: "Summarize: ${r}"`, `${ind}    temperature: 0.2`];
      case 'http':
        return [`${ind}- id: ${sid}`, `${ind}  http:`, `${ind}    method: POST`, `${ind}    url: https://api.example.com/v1/items`, `${ind}    headers: { X-Region: "\${env.REGION}" }`, `${ind}    body: { q: "${r}" }`, `${ind}  retries: 2`];
      default:
        return [`${ind}- id: ${sid}`, `${ind}  stub: { output: "${r}", delay: 10ms }`];
    }
  };
  while (count < target) {
    const kind = pick(['fan', 'chain', 'parallel', 'shorthand', 'foreach', 'files', 'fan', 'chain']);
    if (kind === 'fan') {
      const prep = id('prep');
      out.push(...leaf('  ', prep, recent() || undefined));
      top.push(prep);
      const workers: string[] = [];
      for (let k = int(3, 8); k > 0; k--) {
        const w = id('work');
        out.push(...leaf('  ', w, prep));
        workers.push(w);
      }
      top.push(...workers);
      const combine = id('combine');
      count++;
      out.push(`  - id: ${combine}`, '    llm:', '      prompt: |', '        Combine:');
      for (const w of workers) out.push(`        - ${ref(w)}`);
      top.push(combine);
    } else if (kind === 'chain') {
      let prev = recent();
      for (let k = int(3, 6); k > 0; k--) {
        const s = id('step');
        out.push(...leaf('  ', s, prev || undefined));
        if (rand() < 0.3 && top.length > 2) {
          const a = recent();
          const b = recent();
          refs += 2;
          out.push(`    needs: [${a}${b !== a ? `, ${b}` : ''}]`);
          if (b === a) refs--;
        }
        top.push(s);
        prev = s;
      }
    } else if (kind === 'parallel' || kind === 'shorthand') {
      const block = id('group');
      const from = recent();
      count++;
      out.push(`  - id: ${block}`, '    parallel:');
      const names: string[] = [];
      if (kind === 'parallel') {
        out.push('      maxConcurrency: 4', '      branches:');
        for (let b = int(2, 4); b > 0; b--) {
          const name = id('branch');
          names.push(name);
          out.push(`        ${name}:`);
          let prev = from;
          for (let k = int(1, 3); k > 0; k--) {
            const s = id('b');
            out.push(...leaf('          ', s, prev || undefined));
            prev = s;
          }
        }
      } else {
        for (let k = int(2, 5); k > 0; k--) out.push(...leaf('      ', id('q'), from || undefined));
      }
      top.push(block);
      const after = id('after');
      count++;
      out.push(`  - id: ${after}`, `    shell: echo '${names.length ? ref(block, `output.${names[0]}`) : ref(block)}'`);
      top.push(after);
    } else if (kind === 'foreach') {
      const list = recent();
      const each = id('each');
      const last = top[top.length - 1];
      count += 3;
      out.push(
        `  - id: ${each}`,
        '    foreach:',
        `      items: ${list ? ref(list) : '[1, 2, 3]'}`,
        '      as: entry',
        '      maxConcurrency: 4',
        '      steps:',
        `        - id: ${id('size')}`,
        '          shell: echo "${entry} ${index}" | wc -c',
        `        - id: ${id('note')}`,
        last ? `          stub: { output: "${ref(last)}" }` : '          stub: true',
      );
      top.push(each);
    } else {
      const w = id('write');
      const r = id('read');
      count += 2;
      const src = recent();
      out.push(
        `  - id: ${w}`,
        '    file:',
        '      action: write',
        `      path: out/${w}.txt`,
        `      content: "${src ? ref(src) : 'x'}"`,
        `  - id: ${r}`,
        '    file:',
        '      action: read',
        `      path: out/${w}.txt`,
        `    needs: ${w}`,
      );
      if (!src) refs--;
      refs++;
      top.push(w, r);
    }
  }
  out.push('outputs:', `  last: ${ref(top[top.length - 1]!)}`);
  return { text: out.join('\n') + '\n', steps: count, references: refs };
}

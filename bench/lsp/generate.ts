// Generated workflows for the language-server bench: N steps of mixed kinds, each referencing one
// or two earlier steps (so the graph has depth and width), all valid Weft.
export function generateWorkflow(n: number, modeline?: string): string {
  const lines: string[] = [];
  if (modeline) lines.push(modeline);
  lines.push(`name: bench-${n}`, 'inputs:', '  topic: parallel computing', 'env:', '  REGION: eu', 'steps:');
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (let i = 0; i < n; i++) {
    const id = `s${i}`;
    const a = i > 0 ? `s${Math.floor(rand() * i)}` : undefined;
    const b = i > 1 ? `s${Math.max(0, i - 1 - Math.floor(rand() * 20))}` : undefined;
    lines.push(`  - id: ${id}`);
    switch (i % 5) {
      case 0:
        lines.push('    shell: echo start', `    timeout: 30s`);
        if (a) lines.push(`    needs: [${a}]`);
        break;
      case 1:
        lines.push('    http:', '      method: GET', `      url: https://example.com/items/${i}${a ? `?q=\${steps.${a}.output}` : ''}`);
        break;
      case 2:
        lines.push('    llm:', `      prompt: "Summarize ${a ? `\${steps.${a}.output}` : 'nothing'} and ${b ? `\${steps.${b}.output}` : 'more'} about \${inputs.topic}"`);
        break;
      case 3:
        lines.push('    stub:', `      output: ${b ? `"\${steps.${b}.output}"` : 'done'}`);
        break;
      default:
        lines.push('    file:', '      action: read', `      path: data/${i}.txt`);
        if (a) lines.push(`    if: \${steps.${a}.status == 'succeeded'}`);
    }
  }
  return lines.join('\n') + '\n';
}

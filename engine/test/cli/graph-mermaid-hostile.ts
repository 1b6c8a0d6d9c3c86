// Workflows whose step names and ids try to break `weft graph --format mermaid` once Mermaid reads
// it: markup, quotes, brackets, comments and directives, Mermaid keywords as names and as ids, edge
// letters, unicode, very long names, deep nesting of parallel blocks, foreach and sub-workflows.
// Each entry is a set of files; the first is the workflow to graph. Names are written as JSON
// strings, which YAML reads as they are.

const q = (s: string) => JSON.stringify(s);

const NAMES = [
  '<b>bold</b> & <img src=x onerror=alert(1)> <script>alert(2)</script>',
  '<a href="javascript:alert(1)">click me</a> <iframe src=x></iframe> <svg onload=alert(1)>',
  'say "hi"] --> evil["x"] (y) {z} |w| [[a]] ((b)) >c] {{d}} [/e/] (((f)))',
  "it's a 'quote' and a `backtick` and \"`markdown`\"",
  '%%{init: {"theme": "dark", "securityLevel": "loose"}}%% 100% %% comment',
  'end', 'graph TD', 'subgraph x', 'style n_a fill:#f00', 'click n_a call alert(1)', 'classDef red fill:#f00', 'class n_a red',
  'linkStyle 0 stroke:red', 'direction LR', 'turn direction TB', 'direction\u3000RLx', 'Direction BT', 'directions TD', 'flowchart LR', ':::red', 'a:::red', 'fa:fa-car icon', 'A --> B', 'A -.-> B; C ==> D',
  '#quot; #35; &lt; &#60; &amp; #lt;b#gt;', 'semi; colon: pipe | amp & hash # percent %',
  '**bold** _em_ ~~strike~~ [link](http://x) <br> <br/> \\n',
  'line one\nline two\r\nline three\ttab', 'nul \u0000 bell \u0007 del \u007f next \u0085 ls \u2028 ps \u2029',
  'Größe · 数据 · עברית · العربية · 😀👍🏽 · \u200b zero width \u200d', '\u202e reversed \u202c',
  '   leading and trailing spaces   ',
  'x'.repeat(600),
  'Ein sehr langer Name mit vielen Wörtern, der über mehrere Zeilen umbrechen muss, damit man ihn lesen kann, und dann noch weiter geht bis zum Ende '.repeat(3),
];

const KEYWORD_IDS = [
  'end', 'END', 'End', 'default', 'class', 'classDef', 'style', 'linkStyle', 'click', 'call', 'href', 'graph', 'flowchart', 'subgraph',
  'direction', 'TB', 'TD', 'LR', 'o', 'x', 'v', 'ox', 'xo', 'o-o', 'x--x', 'a--o', 'a--x', 'a---b', '_', '__', '_2d_', 'n_', 'n',
  'stroke', 'fill', 'interpolate', 'init', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'accTitle', 'accDescr',
];

function flatSteps(): string {
  const lines = ['name: hostile names', 'steps:'];
  NAMES.forEach((name, i) => {
    lines.push(`  - id: s${i}`, `    name: ${q(name)}`, '    stub: true');
    if (i > 0) lines.push(`    needs: [s${i - 1}]`);
  });
  return lines.join('\n') + '\n';
}

function keywordIds(): string {
  const lines = ['name: keyword ids', 'steps:'];
  KEYWORD_IDS.forEach((id, i) => {
    lines.push(`  - id: ${q(id)}`, '    stub: true');
    // Each keyword both waits for one and is waited for, so it is on both ends of an edge.
    if (i > 0) lines.push(`    needs: [${q(KEYWORD_IDS[i - 1])}]`);
  });
  // Keywords as names too, and as block ids and branch names.
  lines.push('  - id: kw_block', `    name: ${q('end')}`, `    needs: [${q(KEYWORD_IDS.at(-1)!)}]`, '    parallel:');
  for (const id of ['end', 'default', 'subgraph', 'o', 'x', 'class']) {
    lines.push(`      - id: ${q(id)}`, `        name: ${q(id)}`, '        parallel:', '          branches:', `            ${q(id)}:`);
    lines.push(`              - { id: ${q('x')}, stub: true }`, `              - { id: ${q('o')}, stub: true, needs: [${q('x')}] }`);
  }
  // Branch names are any YAML key: they reach the ids (paths) and the cluster labels.
  lines.push('  - id: branchy', '    parallel:', '      branches:');
  for (const branch of ['end', 'subgraph', 'graph', 'x--o', 'o', '_', 'default', 'click']) {
    lines.push(`        ${q(branch)}:`, `          - { id: end, stub: true }`, `          - { id: o, stub: true, needs: [end] }`);
  }
  lines.push('  - id: after', '    needs: [kw_block, branchy, end, o, x]', '    stub: true');
  return lines.join('\n') + '\n';
}

/** parallel > parallel > foreach > parallel > sub-workflow, several levels, names hostile at each. */
function nested(): Record<string, string> {
  const child = [
    'name: child',
    'steps:',
    `  - { id: end, name: ${q('<b>end</b>')}, stub: true }`,
    `  - id: inner`,
    `    name: ${q('subgraph "x"] end')}`,
    '    needs: [end]',
    '    parallel:',
    '      branches:',
    `        ${q('end')}:`,
    `          - { id: o, name: ${q('%%')}, stub: true }`,
    `          - { id: x, name: ${q('graph')}, stub: true, needs: [o] }`,
  ].join('\n') + '\n';
  const main = [
    'name: nested',
    'steps:',
    '  - id: list',
    '    stub: { output: [1, 2] }',
    '  - id: outer',
    `    name: ${q('<i>outer</i> "block" direction RL')}`,
    '    needs: [list]',
    '    parallel:',
    '      - id: left',
    '        parallel:',
    '          - id: each',
    `            name: ${q('for [each] {item}')}`,
    '            foreach:',
    '              items: ${steps.list.output}',
    '              steps:',
    '                - id: deep',
    '                  parallel:',
    '                    branches:',
    '                      end:',
    '                        - id: call',
    `                          name: ${q('call "child" <u>')}`,
    '                          workflow: { path: ./child.weft.yaml }',
    '                        - { id: end, stub: true, needs: [call] }',
    '                - { id: last, stub: true, needs: [deep] }',
    '          - { id: side, stub: true }',
    '      - id: right',
    '        parallel:',
    '          - { id: end, stub: true }',
    '          - id: again',
    '            parallel:',
    '              branches:',
    '                o:',
    '                  - { id: o, stub: true }',
    '                  - { id: x, stub: true, needs: [o] }',
    '  - id: call_top',
    '    needs: [outer]',
    '    workflow: { path: ./child.weft.yaml }',
    '  - { id: done, stub: true, needs: [call_top, outer] }',
  ].join('\n') + '\n';
  return { 'nested.weft.yaml': main, 'child.weft.yaml': child };
}

export const HOSTILE_WORKFLOWS: Record<string, Record<string, string>> = {
  'markup, quotes, brackets, comments, keywords, unicode and long names': { 'names.weft.yaml': flatSteps() },
  'ids that are Mermaid keywords or edge letters': { 'keywords.weft.yaml': keywordIds() },
  'parallel, foreach and sub-workflows nested, hostile at every level': nested(),
};

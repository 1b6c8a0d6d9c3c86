// `weft graph --format mermaid` with hostile step names: markup, quotes, brackets, line breaks, `%%`,
// backticks, entity codes and icon syntax come out as Mermaid entity codes inside quoted labels, so
// GitHub shows the names as text and the graph's syntax stays intact. Step names used to reach the
// labels with only `"` escaped: `<img src=x onerror=...>` became markup.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse } from '../../src/analysis/analyse.js';
import { mermaidLabel } from '../../src/cli/graph-mermaid-label.js';
import { toMermaid } from '../../src/cli/graph-render.js';
import { parseWorkflow } from '../../src/model/parse.js';
import { buildPlan } from '../../src/plan/build-plan.js';

const HOSTILE = `steps:
  - id: bold
    name: <b>bold</b> & <img src=x onerror=alert(1)>
    stub: true
  - id: quotes
    name: 'say "hi"] --> evil["x"] (y) {z} |w|'
    stub: true
  - id: lines
    name: "first\\nsecond\\r\\nthird\\tend"
    stub: true
  - id: comment
    name: '%%{init: {"theme": "dark"}}%% 100%'
    stub: true
  - id: md
    name: '\`**md**\` a #quot; b &lt; #35;'
    stub: true
  - id: icon
    name: 'fa:fa-car style x:#fff; time: now'
    stub: true
  - id: group
    name: <script>alert(1)</script>
    needs: [bold]
    parallel:
      - { id: a, stub: true }
`;

describe('mermaid labels', () => {
  it('hostile step names come out as entity codes inside quoted labels', () => {
    const analysis = analyse(parseWorkflow(HOSTILE, '/ws/hostile.weft.yaml'));
    assert.deepEqual(analysis.diagnostics, []);
    assert.equal(toMermaid(buildPlan(analysis)), [
      'flowchart TD',
      '  n_bold["#lt;b#gt;bold#lt;/b#gt; #amp; #lt;img src=x onerror=alert(1)#gt; (bold)"]',
      '  n_quotes["say #quot;hi#quot;] --#gt; evil[#quot;x#quot;] (y) {z} |w| (quotes)"]',
      '  n_lines["first second third end (lines)"]',
      '  n_comment["#37;#37;{init: {#quot;theme#quot;: #quot;dark#quot;}}#37;#37; 100#37; (comment)"]',
      '  n_md["#96;**md**#96; a #35;quot; b #amp;lt; #35;35; (md)"]',
      '  n_icon["fa#58;fa-car style x#58;#35;fff; time: now (icon)"]',
      '  subgraph n_group["#lt;script#gt;alert(1)#lt;/script#gt; (group) · parallel"]',
      '    n_group_2f_a["a"]',
      '  end',
      '  n_bold --> n_group',
      '',
    ].join('\n'));
  });

  it('a backslash is an entity code: Mermaid draws `\\n` in a label as a line break', () => {
    // Found by rendering with the real Mermaid (graph-mermaid-render.test.ts): the step named
    // `C:\new` showed as "C:" over "ew".
    assert.equal(mermaidLabel('C:\\new \\n \\\\n \\t'), '"C#58;#92;new #92;n #92;#92;n #92;t"');
  });

  it("'direction' before TB, BT, RL, LR or TD has its space as an entity code", () => {
    // Found by rendering with the real Mermaid: its lexer reads `.*direction\s+LR[^\n]*` as a
    // direction statement anywhere on a line, so a node line whose label said "direction LR" was
    // swallowed (the node showed its id) and a subgraph titled so broke the parse ("got 'end'").
    assert.equal(mermaidLabel('set direction LR'), '"set direction#32;LR"');
    assert.equal(mermaidLabel('direction  TBx, direction\u3000RL, direction BT'), '"direction#32; TBx, direction#12288;RL, direction#32;BT"');
    assert.equal(mermaidLabel('Direction LR, direction: LR, directions TD'), '"Direction LR, direction: LR, directions TD"');
  });

  it('plain names are left as they are', () => {
    assert.equal(mermaidLabel('Fetch the data: step 1 (v2), 50/50'), '"Fetch the data: step 1 (v2), 50/50"');
    assert.equal(mermaidLabel('Größe · 数据'), '"Größe · 数据"');
  });
});

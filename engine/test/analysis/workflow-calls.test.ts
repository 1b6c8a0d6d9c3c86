// `workflow` steps across files, through an in-memory host: each called file is read and analysed once
// per caller, cycles through any number of files are found, and unreadable files are reported.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyse } from '../../src/analysis/analyse.js';
import { whyUnreadable } from '../../src/model/read-regular-file.js';
import type { AnalysisHost, Unreadable } from '../../src/analysis/types.js';
import { parseWorkflow } from '../../src/model/parse.js';
import { callChain } from '../helpers/call-chain.js';

function memoryHost(files: Record<string, string>): AnalysisHost & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    readFile(abs: string) {
      reads.push(path.basename(abs));
      return files[path.basename(abs)];
    },
  };
}

const run = (files: Record<string, string>, entry: string) => {
  const host = memoryHost(files);
  const a = analyse(parseWorkflow(files[entry], path.resolve('/ws', entry)), { host });
  return { a, host, codes: a.diagnostics.map((d) => `${d.code}: ${d.message}`) };
};

describe('workflow calls', () => {
  it('reads each called file once per caller, however many steps call it (no exponential blow-up)', () => {
    const files = callChain(7, 4);
    const { a, host } = run(files, 'w0.weft.yaml');
    assert.deepEqual(a.diagnostics, []);
    assert.deepEqual(host.reads, ['w1.weft.yaml', 'w2.weft.yaml', 'w3.weft.yaml', 'w4.weft.yaml', 'w5.weft.yaml', 'w6.weft.yaml', 'w7.weft.yaml']);
    const steps = a.model.root.steps;
    assert.equal(a.subWorkflows.get(steps[0]), a.subWorkflows.get(steps[3]), 'the four calls share one analysis');
  });

  it('a diamond-shaped call graph (two files per level, each calling both of the next) stays linear', () => {
    const files: Record<string, string> = {};
    const levels = 16;
    for (let l = 0; l < levels; l++) {
      for (const k of [0, 1]) {
        files[`d${l}_${k}.weft.yaml`] = l < levels - 1
          ? `steps:\n${[0, 1].map((t) => `  - { id: c${t}, workflow: { path: ./d${l + 1}_${t}.weft.yaml } }`).join('\n')}\n`
          : 'steps:\n  - { id: leaf, stub: true }\n';
      }
    }
    const { a, host } = run(files, 'd0_0.weft.yaml');
    assert.deepEqual(a.diagnostics, []);
    // Each file reads its two callees once: at most 2 reads per file, 2 files per level.
    assert.ok(host.reads.length <= 4 * levels, `${host.reads.length} reads for ${levels} levels`);
  });

  it('finds a cycle through three files and spells it from the calling file', () => {
    const { codes } = run({
      'a.weft.yaml': 'steps:\n  - { id: x, workflow: { path: ./b.weft.yaml } }\n',
      'b.weft.yaml': 'steps:\n  - { id: y, workflow: { path: ./c.weft.yaml } }\n',
      'c.weft.yaml': 'steps:\n  - { id: z, workflow: { path: ./a.weft.yaml } }\n',
    }, 'a.weft.yaml');
    assert.deepEqual(codes, ["workflow-cycle: './b.weft.yaml' calls back into this file: a.weft.yaml -> b.weft.yaml -> c.weft.yaml -> a.weft.yaml"]);
  });

  it('a file that calls into a cycle it is not part of is told so, not that the call comes back to it', () => {
    const { codes } = run({
      'top.weft.yaml': 'steps:\n  - { id: x, workflow: { path: ./b.weft.yaml } }\n',
      'b.weft.yaml': 'steps:\n  - { id: y, workflow: { path: ./c.weft.yaml } }\n',
      'c.weft.yaml': 'steps:\n  - { id: z, workflow: { path: ./b.weft.yaml } }\n',
    }, 'top.weft.yaml');
    assert.deepEqual(codes, ["workflow-cycle: './b.weft.yaml' leads into a workflow cycle: b.weft.yaml -> c.weft.yaml -> b.weft.yaml"]);
  });

  it('reports an unreadable file, and checks the inputs given against the called file', () => {
    const { codes } = run({
      'main.weft.yaml': `steps:
  - { id: gone, workflow: { path: ./missing.weft.yaml } }
  - id: sum
    workflow:
      path: ./child.weft.yaml
      inputs: { txt: hi }
`,
      'child.weft.yaml': 'inputs:\n  text:\n    type: string\nsteps:\n  - { id: s, stub: true }\n',
    }, 'main.weft.yaml');
    assert.deepEqual(codes, [
      "workflow-not-found: workflow file './missing.weft.yaml' not found (or not a readable file); the path is relative to this file's folder",
      "unknown-input: './child.weft.yaml' needs the input 'text'; give it under workflow.inputs",
      "unknown-input: './child.weft.yaml' declares no input 'txt'; did you mean 'text'?",
    ]);
  });

  it('a called file that is not YAML, or empty, is workflow-invalid alone: its inputs are not checked', () => {
    for (const child of ['\u0000\u0001binary: [ {', '', '- just\n- a list\n']) {
      const { codes } = run({
        'main.weft.yaml': 'steps:\n  - id: c\n    workflow:\n      path: ./child.weft.yaml\n      inputs: { topic: x }\n',
        'child.weft.yaml': child,
      }, 'main.weft.yaml');
      assert.equal(codes.length, 1, `${JSON.stringify(child)}: ${codes.join(' | ')}`);
      assert.match(codes[0]!, /^workflow-invalid: /);
    }
  });

  it('an empty path is the schema error alone (it read as the calling file\'s folder)', () => {
    const { codes } = run({ 'main.weft.yaml': 'steps:\n  - { id: c, workflow: { path: "" } }\n' }, 'main.weft.yaml');
    assert.deepEqual(codes.map((c) => c.split(':')[0]), ['schema']);
  });

  it('a path not found says which file with a workflow extension is there, and that ~ is not the home folder', () => {
    const { codes } = run({
      'main.weft.yaml': 'steps:\n  - { id: a, workflow: { path: ./t } }\n  - { id: b, workflow: { path: ~/x.weft.yaml } }\n',
      't.weft.yaml': 'steps:\n  - { id: s, stub: true }\n',
    }, 'main.weft.yaml');
    assert.deepEqual(codes, [
      "workflow-not-found: workflow file './t' not found (did you mean './t.weft.yaml'?); the path is relative to this file's folder",
      "workflow-not-found: workflow file '~/x.weft.yaml' not found (~ is not expanded to the home folder); the path is relative to this file's folder",
    ]);
  });

  it("says 'not found' by the host's reason code, never by the words of its phrase", () => {
    const reasons: Record<string, Unreadable> = {
      'a.weft.yaml': { code: 'missing', phrase: 'gone' },
      'b.weft.yaml': { code: 'missing', phrase: 'no such file (a part of its path is a file, not a folder)', note: 'a part of its path is a file, not a folder' },
      // A reason that is not 'missing' is told as it is, whatever its words start with.
      'c.weft.yaml': { code: 'other', phrase: 'no such file system is mounted' },
    };
    const host: AnalysisHost = { readFile: () => undefined, whyUnreadable: (abs) => reasons[path.basename(abs)] };
    const text = 'steps:\n' + Object.keys(reasons).map((f, i) => `  - { id: s${i}, workflow: { path: ./${f} } }\n`).join('');
    const a = analyse(parseWorkflow(text, path.resolve('/ws/main.weft.yaml')), { host });
    assert.deepEqual(a.diagnostics.map((d) => d.message), [
      "workflow file './a.weft.yaml' not found; the path is relative to this file's folder",
      "workflow file './b.weft.yaml' not found (a part of its path is a file, not a folder); the path is relative to this file's folder",
      "workflow file './c.weft.yaml' cannot be read: no such file system is mounted",
    ]);
  });

  it('whyUnreadable on disk: missing (with why, under a file), a folder', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-why-'));
    try {
      fs.writeFileSync(path.join(dir, 'file'), '');
      assert.deepEqual(whyUnreadable(path.join(dir, 'nope.weft.yaml')), { code: 'missing', phrase: 'no such file' });
      assert.deepEqual(whyUnreadable(path.join(dir, 'file', 'x.weft.yaml')), { code: 'missing', phrase: 'no such file (a part of its path is a file, not a folder)', note: 'a part of its path is a file, not a folder' });
      assert.deepEqual(whyUnreadable(dir), { code: 'folder', phrase: 'it is a folder' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without a host, calls are not followed', () => {
    const a = analyse(parseWorkflow('steps:\n  - { id: x, workflow: { path: ./nowhere.weft.yaml } }\n', '/ws/solo.weft.yaml'));
    assert.deepEqual(a.diagnostics, []);
    assert.equal(a.subWorkflows.size, 0);
  });
});

describe('workflow calls from an unsaved document (no folder)', () => {
  const child = 'steps:\n  - id: a\n    stub: true\n';
  const call = (p: string) => `steps:\n  - id: c\n    workflow:\n      path: ${p}\n`;

  it('does not resolve a relative path against the working folder: it asks to save the file', () => {
    const host = memoryHost({ 'child.weft.yaml': child });
    const a = analyse(parseWorkflow(call('./child.weft.yaml'), 'untitled:Untitled-1'), { host });
    assert.deepEqual(host.reads, [], 'nothing read');
    assert.deepEqual(a.diagnostics.map((d) => `${d.code}: ${d.message}`), [
      "workflow-not-found: workflow file './child.weft.yaml' is relative to this file's folder, and this file is not saved: save it to check the call",
    ]);
  });

  it('still reads an absolute path, and a relative one from a saved file (a Windows drive is a folder)', () => {
    const host = memoryHost({ 'child.weft.yaml': child });
    assert.deepEqual(analyse(parseWorkflow(call('/ws/child.weft.yaml'), 'untitled:Untitled-1'), { host }).diagnostics, []);
    assert.deepEqual(analyse(parseWorkflow(call('./child.weft.yaml'), path.resolve('/ws/w.weft.yaml')), { host }).diagnostics, []);
    assert.deepEqual(analyse(parseWorkflow(call('./child.weft.yaml'), 'C:\\ws\\w.weft.yaml'), { host }).diagnostics, []);
    assert.deepEqual(host.reads, ['child.weft.yaml', 'child.weft.yaml', 'child.weft.yaml']);
  });
});

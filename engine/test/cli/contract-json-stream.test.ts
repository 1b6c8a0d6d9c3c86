// The `weft run --json` stream and the record as a tool author reads them (interfaces spec, "Event
// stream"), over one workflow with every kind of block: nested parallel blocks, foreach over many,
// one and no items and a nested foreach, a sub-workflow called directly and from a foreach, a leaf
// retry, a block retry, an `if` skip (and the step after it), a tolerated failure. Guards what no
// single-feature test checks as a whole: each line is one event with the spec's fields and types;
// the stream and the record hold the same events; every step of the plan gets a step.finished at a
// path the plan names (foreach indexes added); per path, step.started precedes step.finished,
// retries' attempts increase and `attempts` is the last one; a block's steps' events come inside
// its started..finished and its durationMs covers them; nothing follows run.finished; counts are
// the leaf steps per final status; outputs files match the final events.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { FLAKY, tempDir, weftIn as weft } from '../run/helpers.js';

type Ev = Record<string, unknown> & { type: string; path?: string; ts: number };
interface Node { id: string; path: string; kind: string; name: string; stage: number; needs: string[]; children?: Node[] }

const CHILD = `inputs: { who: { type: string } }
steps:
  - { id: hi, stub: { output: "hi \${inputs.who}" } }
  - id: inner
    parallel: [ { id: s1, stub: { output: "\${steps.hi.output}!" } } ]
`;

const MAIN = `config: { maxConcurrency: 3 }
steps:
  - { id: flaky, retries: { max: 2, delay: 10ms }, shell: ${FLAKY} }
  - id: par
    parallel:
      branches:
        _odd-Name_9:
          - { id: a, shell: "echo a; echo warn >&2" }
          - id: nested
            parallel: [ { id: x, stub: { output: x } }, { id: y, stub: { output: y } } ]
        b-2:
          - id: loop
            foreach:
              items: [1, 2, 3]
              steps:
                - { id: sq, shell: "echo $((\${item} * \${item}))" }
                - id: deeper
                  foreach: { items: [p, q], as: l, steps: [ { id: z, stub: { output: "\${l}\${index}" } } ] }
          - id: none
            foreach: { items: [], steps: [ { id: never, shell: echo never } ] }
          - id: one
            foreach: { items: [only], steps: [ { id: o, stub: { output: "\${item}" } } ] }
  - { id: call, workflow: { path: child.weft.yaml, inputs: { who: "\${steps.flaky.output}" } } }
  - id: calls
    foreach: { items: [a, b], steps: [ { id: c, workflow: { path: child.weft.yaml, inputs: { who: "\${item}" } } } ] }
  - id: blk
    retries: { max: 1, delay: 10ms }
    parallel:
      - { id: mended, shell: "if [ -f m2 ]; then echo ok; else touch m2; exit 3; fi" }
  - { id: skipme, if: "\${false}", stub: true }
  - { id: after_skip, needs: skipme, stub: true }
  - { id: tolerated, continueOnError: true, shell: "echo bad >&2; exit 5" }
  - { id: reads, stub: { output: "\${steps.tolerated.status}" } }
outputs: { par: "\${steps.par.output}" }
`;

const BLOCKS = new Set(['parallel', 'foreach', 'workflow']);
const isInt = (x: unknown) => Number.isInteger(x);

test('weft run --json: fields, record, plan coverage and order of the events of a run with every kind of block', { timeout: 60_000 }, () => {
  const dir = tempDir('weft-contract-');
  fs.writeFileSync(path.join(dir, 'child.weft.yaml'), CHILD);
  fs.writeFileSync(path.join(dir, 'main.weft.yaml'), MAIN);
  const r = weft(dir, 'run', 'main.weft.yaml', '--json', '--runs-dir', 'runs');
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.stdout.endsWith('\n'));
  const events: Ev[] = r.stdout.slice(0, -1).split('\n').map((l) => JSON.parse(l));

  // Fields and types.
  const runId = events[0].runId;
  for (const e of events) {
    const at = `${e.type} ${e.path ?? ''}`;
    assert.equal(e.runId, runId, at);
    assert.ok(isInt(e.ts) && e.ts > 0, at);
    if (e.path !== undefined) assert.equal(typeof e.path, 'string', at);
    switch (e.type) {
      case 'run.started':
        assert.ok(typeof e.workflow === 'string' && typeof e.file === 'string' && Array.isArray(e.plan), at);
        assert.ok(e.inputs && typeof e.inputs === 'object' && !Array.isArray(e.inputs), at);
        break;
      case 'step.started':
        assert.ok(isInt(e.attempt) && (e.attempt as number) >= 1, at);
        break;
      case 'step.retrying':
        assert.ok(isInt(e.attempt) && typeof e.error === 'string' && typeof e.delayMs === 'number' && e.delayMs >= 0, at);
        break;
      case 'step.log':
        assert.ok(['stdout', 'stderr', 'llm'].includes(e.stream as string) && typeof e.text === 'string', at);
        break;
      case 'step.finished':
        assert.ok(['succeeded', 'failed', 'skipped', 'cancelled'].includes(e.status as string), at);
        assert.ok(typeof e.durationMs === 'number' && e.durationMs >= 0 && isInt(e.attempts) && (e.attempts as number) >= 0, at);
        if ('output' in e) assert.ok(typeof e.output === 'string' && Buffer.byteLength(e.output) <= 4096, at);
        if ('error' in e || e.status === 'failed') assert.equal(typeof e.error, 'string', at);
        break;
      case 'run.finished':
        assert.ok(typeof e.durationMs === 'number' && e.durationMs >= 0, at);
        assert.ok(e.outputs && typeof e.outputs === 'object', at);
        break;
      default:
        assert.fail(`unknown event type ${e.type}`);
    }
  }
  assert.equal(events[0].type, 'run.started');
  assert.equal(events.at(-1)!.type, 'run.finished');
  assert.equal(events.filter((e) => e.type === 'run.started' || e.type === 'run.finished').length, 2);
  for (let i = 1; i < events.length; i++) assert.ok(events[i].ts >= events[i - 1].ts, `ts of event ${i}`);

  // The record holds the same events.
  const record = fs.readFileSync(path.join(dir, 'runs', `${runId}.jsonl`), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(record, events);

  // Plan: node shapes, and every step of it gets a step.finished at a path it names.
  const nodes = new Map<string, Node>();
  const walk = (list: Node[], parent: string | undefined) => {
    for (const n of list) {
      assert.deepEqual(Object.keys(n).filter((k) => k !== 'children').sort(), ['id', 'kind', 'name', 'needs', 'path', 'stage']);
      assert.equal(n.path, parent === undefined ? n.id : `${parent}/${n.id}`);
      assert.ok(isInt(n.stage) && Array.isArray(n.needs));
      nodes.set(n.path, n);
      walk(n.children ?? [], n.path);
    }
  };
  walk(events[0].plan as Node[], undefined);
  // A run path without its foreach indexes: `par/b-2/loop/2/deeper/1/z` -> `par/b-2/loop/deeper/z`.
  const planPath = (p: string) => {
    const kept: string[] = [];
    for (const part of p.split('/')) {
      if (/^\d+$/.test(part) && nodes.get(kept.join('/'))?.kind === 'foreach') continue;
      kept.push(part);
    }
    return kept.join('/');
  };
  const finishedAt = new Set(events.filter((e) => e.type === 'step.finished').map((e) => planPath(e.path!)));
  for (const e of events) if (e.path !== undefined) assert.notEqual(nodes.get(planPath(e.path))?.kind ?? 'not in the plan', 'branch', e.path);
  for (const e of events) if (e.path !== undefined) assert.ok(nodes.has(planPath(e.path)), `${e.path} is not in the plan`);
  for (const [p, n] of nodes) if (n.kind !== 'branch') assert.ok(finishedAt.has(p), `${p} has a step.finished`);
  assert.ok(finishedAt.has('par/b-2/none/never'), 'a foreach over no items finishes its body once');
  assert.ok(events.some((e) => e.path === 'par/b-2/loop/2/deeper/1/z'), 'nested foreach paths');

  // Per path: order, attempts; blocks enclose their steps.
  const open = new Map<string, { attempt: number; startTs: number; retrying: boolean }>();
  const done = new Map<string, Ev>();
  for (const e of events) {
    if (e.path === undefined) continue;
    const p = e.path;
    const s = open.get(p);
    if (e.type === 'step.started') {
      assert.ok(!s || s.retrying, `${p} started while running`);
      assert.equal(e.attempt, s ? s.attempt + 1 : 1, `${p} attempt`);
      open.set(p, { attempt: e.attempt as number, startTs: s?.startTs ?? e.ts, retrying: false });
      done.delete(p);
    } else if (e.type === 'step.retrying') {
      assert.ok(s && !s.retrying && s.attempt === e.attempt, `${p} retrying attempt ${e.attempt}`);
      s.retrying = true;
    } else if (e.type === 'step.log') {
      assert.ok(s, `${p} logs while running`);
    } else if (e.type === 'step.finished') {
      assert.ok(!done.has(p), `${p} finished twice`);
      if (s) {
        assert.equal(e.attempts, s.attempt, `${p} attempts`);
        assert.ok(Math.abs(e.ts - s.startTs - (e.durationMs as number)) <= 1, `${p} durationMs spans its attempts`);
      } else assert.equal(e.status, 'skipped', `${p} finished without starting`);
      open.delete(p);
      done.set(p, e);
    }
    // Every block above it is between its started and its finished.
    const parts = p.split('/');
    for (let k = 1; k < parts.length; k++) {
      const anc = parts.slice(0, k).join('/');
      // `calls/0` is an iteration of `calls`, not a step: it has no events of its own.
      if (planPath(anc) === planPath(parts.slice(0, k - 1).join('/'))) continue;
      if (!BLOCKS.has(nodes.get(planPath(anc))?.kind ?? '')) continue;
      assert.ok(open.has(anc), `${e.type} ${p} inside ${anc}'s started..finished`);
      if (e.type === 'step.finished' && open.get(anc)) assert.ok(open.get(anc)!.startTs <= e.ts - (e.durationMs as number) + 1, `${anc} covers ${p}`);
    }
  }
  assert.equal(open.size, 0, `never finished: ${[...open.keys()]}`);

  // Retries, skips and the tolerated failure as the stream tells them.
  assert.deepEqual(events.filter((e) => e.path === 'flaky' && e.type !== 'step.log').map((e) => `${e.type}:${e.attempt ?? e.attempts}`), ['step.started:1', 'step.retrying:1', 'step.started:2', 'step.finished:2']);
  assert.deepEqual(events.filter((e) => e.path === 'blk' && e.type !== 'step.log').map((e) => `${e.type}:${e.attempt ?? e.attempts}`), ['step.started:1', 'step.retrying:1', 'step.started:2', 'step.finished:2']);
  assert.deepEqual(['skipme', 'after_skip'].map((p) => done.get(p)!.status), ['skipped', 'skipped']);
  assert.equal(done.get('tolerated')!.status, 'failed');
  assert.equal(done.get('reads')!.output, 'failed');

  // Counts: each leaf path once, by its final status.
  const counts: Record<string, number> = {};
  for (const [p, e] of done) if (!BLOCKS.has(nodes.get(planPath(p))!.kind)) counts[e.status as string] = (counts[e.status as string] ?? 0) + 1;
  const fin = events.at(-1)!;
  assert.deepEqual(fin.counts, counts);
  assert.equal(fin.status, 'succeeded');
  assert.deepEqual(fin.outputs, { par: { '_odd-Name_9': { x: 'x', y: 'y' }, 'b-2': ['only'] } });

  // Outputs files: one per leaf that ran, with its final status and attempts.
  const outputs = path.join(dir, 'runs', runId as string, 'outputs');
  for (const [p, e] of done) {
    const file = path.join(outputs, `${encodeURIComponent(p)}.json`);
    if (BLOCKS.has(nodes.get(planPath(p))!.kind) || e.attempts === 0) continue;
    const o = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.deepEqual([o.path, o.status, o.attempts], [p, e.status, e.attempts], p);
  }
});

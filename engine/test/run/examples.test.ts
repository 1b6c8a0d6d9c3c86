// Every example in examples/ runs (no API key, no network), with the parallelism it promises,
// checked from its event log. The llm example runs twice: offline, and against a loopback server
// speaking the OpenAI streaming format with a key set.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { RunEvent, RunStartedEvent } from '../../src/run/index.js';
import type { PlanNode } from '../../src/plan/types.js';
import { startRun } from '../../src/run/index.js';
import { fakeLlm, type Server } from './fake-servers.js';
import { finished, indexOf, overlapped, peak, tempDir } from './helpers.js';

const EXAMPLES = path.resolve(__dirname, '../../../examples');
const runsDir = tempDir('weft-examples-');
const offlineEnv = { ...process.env };
delete offlineEnv.OPENAI_API_KEY;
delete offlineEnv.OPENAI_BASE_URL;

async function runExample(name: string, env: Record<string, string | undefined> = offlineEnv) {
  const events: RunEvent[] = [];
  const h = await startRun({ file: path.join(EXAMPLES, name), runsDir, env, onEvent: (e) => events.push(e) });
  const fin = await h.done;
  return { events, fin };
}

const checks: Record<string, (events: RunEvent[], fin: Awaited<ReturnType<typeof runExample>>['fin']) => void> = {
  'fan-out-fan-in.weft.yaml': (ev, fin) => {
    assert.equal(peak(ev), 5, 'four regions and the audit at once');
    assert.ok(overlapped(ev, 'audit', 'prepare'));
    assert.ok(indexOf(ev, 'step.started', 'regions/north/publish') < indexOf(ev, 'step.finished', 'regions/west/process'), 'no waves');
    for (const r of ['north', 'south', 'east', 'west']) assert.ok(indexOf(ev, 'step.started', 'combine') > indexOf(ev, 'step.finished', `regions/${r}/publish`));
    assert.equal(fin.outputs.total, '200010000');
  },
  'chained-parallel-groups.weft.yaml': (ev, fin) => {
    assert.ok(overlapped(ev, 'group1/group1StepA', 'group1/group1StepB'));
    assert.equal(peak(ev, (p) => p.startsWith('group2/')), 3);
    assert.ok(indexOf(ev, 'step.started', 'group2/group2StepC') > indexOf(ev, 'step.finished', 'intermediate'));
    assert.equal(fin.outputs.final, 'A-7|B-7 -> 2A; A-7|B-7 -> 2B; A-7|B-7 -> 2C');
  },
  'nested-branches.weft.yaml': (ev, fin) => {
    assert.equal(fin.counts.succeeded, 19);
    assert.ok(overlapped(ev, 'parallel_step/branch1/hello_stub', 'nested_parallel/branch2/inner/sub2/hello_stub'));
    assert.equal(fin.outputs.result, 'Hello World! / Hello World!');
  },
  'multi-source-fetch.weft.yaml': (ev, fin) => {
    assert.ok(overlapped(ev, 'fetchUsers', 'fetchOrders') && overlapped(ev, 'fetchOrders', 'fetchInventory'));
    assert.equal(fin.outputs.summary, '3 users, 2 orders, 120 widgets in main, 4 customers on file');
  },
  'continue-on-error.weft.yaml': (ev, fin) => {
    assert.equal(fin.counts.failed, 1);
    assert.deepEqual(fin.outputs.report, {
      usable: 'usable: stepA stepC',
      stepA: 'A result',
      stepB: 'missing',
      stepBStatus: 'failed',
      stepBError: 'exit code 1: upstream unavailable',
      stepC: 'C result',
    });
  },
  'timeouts-retries.weft.yaml': (ev, fin) => {
    assert.equal(finished(ev, 'apiCall').attempts, 3);
    assert.equal(ev.filter((e) => e.type === 'step.retrying').length, 2);
    assert.equal(finished(ev, 'tooSlow').error, 'timed out after 500ms');
    assert.ok(overlapped(ev, 'quickStep', 'slowStep'));
    assert.match(String(fin.outputs.report), /^attempt 3: 200 OK after 3 attempts; tooSlow failed/);
  },
  'foreach.weft.yaml': (ev, fin) => {
    assert.equal(peak(ev, (p) => p.startsWith('per_file/')), 3);
    assert.equal((fin.outputs.lines as string[]).length, 5);
    assert.equal(fin.outputs.total, '124 words in 5 files');
  },
  'sub-workflow.weft.yaml': (ev, fin) => {
    assert.ok(overlapped(ev, 'first/words', 'second/words'));
    // The plan lists each call's steps under it, with the paths their events use.
    const started = ev.find((e): e is RunStartedEvent => e.type === 'run.started')!;
    const planned = new Set<string>();
    const walk = (nodes: PlanNode[]) => nodes.forEach((n) => (planned.add(n.path), walk(n.children ?? [])));
    walk(started.plan);
    const ran = ev.filter((e) => e.type === 'step.started').map((e) => (e as { path: string }).path);
    assert.deepEqual(ran.filter((p) => !planned.has(p)), []);
    assert.ok(['first/words', 'first/lines', 'first/longest', 'second/longest'].every((p) => planned.has(p)));
    assert.match(String(fin.outputs.comparison), /scheduling.txt: 26 words .*retries.txt: 30 words \(longest 'exponential'\)/);
  },
  'word-stats.weft.yaml': (ev, fin) => {
    assert.equal(fin.outputs.words, '44');
  },
  'llm-digest.weft.yaml': (ev, fin) => {
    assert.equal(finished(ev, 'combine').status, 'skipped');
    assert.match(String(fin.outputs.digest), /^Parallel computing splits/);
  },
};

let llm: Server;
before(async () => {
  llm = await fakeLlm('A short digest from the model.');
});
after(() => llm.close());

test('every example has its checks here', () => {
  const files = fs.readdirSync(EXAMPLES).filter((f) => /\.(weft|workflow)\.ya?ml$/.test(f)).sort();
  assert.deepEqual(files, Object.keys(checks).sort());
});

for (const [name, check] of Object.entries(checks)) {
  test(`example ${name} runs`, async () => {
    const { events, fin } = await runExample(name);
    assert.equal(fin.status, 'succeeded', JSON.stringify(events.filter((e) => e.type === 'step.finished' && e.status !== 'succeeded')));
    check(events, fin);
  });
}

test('example llm-digest.weft.yaml uses the provider when a key is set', async () => {
  const { events, fin } = await runExample('llm-digest.weft.yaml', { ...offlineEnv, OPENAI_API_KEY: 'sk-example-test-key', OPENAI_BASE_URL: `${llm.url}/v1` });
  assert.equal(fin.status, 'succeeded');
  for (const p of ['process1', 'process2', 'process3']) assert.equal(finished(events, p).status, 'succeeded');
  assert.ok(overlapped(events, 'process1', 'process2') || peak(events, (p) => p.startsWith('process')) >= 2);
  assert.equal(finished(events, 'offline').status, 'skipped');
  assert.equal(fin.outputs.digest, 'A short digest from the model.');
  assert.ok(events.some((e) => e.type === 'step.log' && e.stream === 'llm'));
  assert.equal(JSON.stringify(events).includes('sk-example-test-key'), false);
  assert.equal(llm.requests.length, 4);
});

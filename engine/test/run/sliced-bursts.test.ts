// The scheduler cuts a long burst (thousands of blocks or instant steps in one go) into slices and
// yields to the event loop between them (executor.ts drain, SLICE_MS), so that a big run does not
// freeze its host (VS Code's extension host). A cut must change nothing but when the rest runs: the
// same events in the same order, every finished step's outputs file, a cancel between slices as
// synchronous and complete as anywhere, fail-fast as before. `sliceMs: 0` (an internal option)
// cuts at every step; `sliceMs: Infinity` never cuts, and the cut runs are checked against it.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { prepareRun, readRunRecord, runPrepared, type RunEvent, type RunFinishedEvent } from '../../src/run/index.js';
import { outputPath } from '../../src/run/records.js';
import { tempDir } from './helpers.js';
import { scaleChild } from '../../../test/support/scale-workflow.js';

/** A foreach of `n` items, each with nested parallel blocks, a call and a step after it; all stubs without delay. */
function workflow(items: string[], limit = 3): string {
  return `name: burst
config:
  maxConcurrency: ${limit}
steps:
  - id: prep
    stub: {output: ready}
  - id: each
    needs: [prep]
    foreach:
      items: ${JSON.stringify(items)}
      maxConcurrency: 2
      steps:
        - id: nest
          if: \${fromJson(item)}
          parallel:
            branches:
              a:
                - id: inner
                  parallel: [ {id: deep1, stub: {output: "\${item}"}}, {id: deep2, stub: true} ]
              z:
                - id: leaf1
                  stub: true
        - id: call
          needs: [nest]
          workflow:
            path: ./child.weft.yaml
            inputs: {x: "\${item}"}
  - id: tail
    needs: [each]
    stub: true
`;
}

interface Sliced {
  events: RunEvent[];
  /** The event-loop turn (counted by a setImmediate chain) in which each event came. */
  turns: number[];
  fin: RunFinishedEvent;
  runsDir: string;
  runId: string;
}

/**
 * Runs `yaml` with `sliceMs`. `later(e, events, cancel)`, called at each event, may return a function to
 * call in a later turn (between two slices of a cut run).
 */
async function runWith(yaml: string, sliceMs: number | undefined, later?: (e: RunEvent, events: RunEvent[], cancel: () => void) => (() => void) | undefined): Promise<Sliced> {
  const dir = tempDir('weft-slices-');
  fs.writeFileSync(path.join(dir, 'child.weft.yaml'), scaleChild('child'));
  const file = path.join(dir, 'burst.weft.yaml');
  fs.writeFileSync(file, yaml);
  const runsDir = path.join(dir, 'runs');
  const events: RunEvent[] = [];
  const turns: number[] = [];
  let turn = 0;
  let ticking = true;
  const tick = () => {
    turn++;
    if (ticking) setImmediate(tick);
  };
  setImmediate(tick);
  let cancel = () => {};
  const onEvent = (e: RunEvent) => {
    events.push(e);
    turns.push(turn);
    const f = later?.(e, events, () => cancel());
    if (f) setImmediate(f);
  };
  const prep = await prepareRun({ file, runsDir });
  const h = await runPrepared(prep, { file, runsDir, onEvent }, { sliceMs });
  cancel = h.cancel;
  const fin = await h.done;
  ticking = false;
  return { events, turns, fin, runsDir, runId: h.runId };
}

/** What a reader sees of the events: everything but times and the run's id. */
function shape(events: RunEvent[]): unknown[] {
  return events.map((e) => {
    const { ts: _ts, runId: _id, durationMs: _d, ...rest } = e as RunEvent & { durationMs?: number };
    void _ts;
    void _id;
    void _d;
    if (rest.type === 'run.started') return { type: rest.type };
    return rest;
  });
}

const ITEMS = Array.from({ length: 60 }, () => 'true');

describe('a burst cut into slices', () => {
  it('gives the same events in the same order as the same run in one go, over many turns', async () => {
    const whole = await runWith(workflow(ITEMS), Infinity);
    const cut = await runWith(workflow(ITEMS), 0);
    assert.equal(whole.fin.status, 'succeeded');
    assert.deepEqual(shape(cut.events), shape(whole.events));
    // Uncut, the run's steps all start and finish in the turn it started in (stubs answer at once);
    // cut at every step, they are spread over many turns.
    const spread = (s: Sliced) => new Set(s.turns.slice(0, -1)).size;
    assert.equal(spread(whole), 1);
    assert.ok(spread(cut) > 100, `cut run spread over ${spread(cut)} turns`);
  });

  it('writes the outputs file of every step its record says finished', async () => {
    const cut = await runWith(workflow(ITEMS), 0);
    const record = await readRunRecord(cut.runsDir, cut.runId);
    assert.deepEqual(shape(record), shape(cut.events));
    const leaves = record.filter((e) => e.type === 'step.finished' && e.status === 'succeeded' && e.kind === 'stub');
    assert.equal(leaves.length, 2 + ITEMS.length * 5);
    for (const e of leaves) {
      const p = (e as { path: string }).path;
      assert.ok(fs.existsSync(outputPath(cut.runsDir, cut.runId, p)), `no outputs file for ${p}`);
    }
  });

  it('fails fast at the same step, with the same events, when a failure comes in a later slice', async () => {
    const items = [...ITEMS];
    items[37] = '{';
    const whole = await runWith(workflow(items), Infinity);
    const cut = await runWith(workflow(items), 0);
    assert.equal(whole.fin.status, 'failed');
    assert.match(whole.fin.error ?? '', /each\/37\/nest/);
    assert.deepEqual(shape(cut.events), shape(whole.events));
  });

  it('stops at once on a cancel between two slices: nothing starts after it, every step finishes', async () => {
    let cancelAt = -1;
    const r = await runWith(workflow(ITEMS, 1), 0, (e, seen, cancel) => {
      if (cancelAt >= 0 || e.type !== 'step.finished' || !(e as { path: string }).path.endsWith('/deep2') || seen.length < 200) return undefined;
      cancelAt = 0;
      return () => {
        cancelAt = seen.length;
        cancel();
      };
    });
    const events = r.events;
    assert.equal(r.fin.status, 'cancelled');
    assert.ok(cancelAt >= 200, 'the cancel came in a later turn');
    // The cancel's sweep came at once: everything after the event where it was asked is a
    // step.finished or the run's end.
    const after = events.slice(cancelAt);
    assert.ok(after.length > 100, `${after.length} events after the cancel`);
    assert.ok(after.every((e) => e.type === 'step.finished' || e.type === 'run.finished'), 'a step started after the cancel');
    // Started blocks are cancelled, leaves not started skipped (no leaf was running: stubs answer at once).
    for (const e of after) {
      if (e.type !== 'step.finished') continue;
      const block = e.kind === 'parallel' || e.kind === 'foreach' || e.kind === 'workflow';
      assert.equal(e.status, block && events.some((s) => s.type === 'step.started' && s.path === e.path) ? 'cancelled' : 'skipped', e.path);
    }
    // Every step that started finished, and the record holds the same events.
    const open = new Set<string>();
    for (const e of events) {
      if (e.type === 'step.started') open.add(e.path);
      if (e.type === 'step.finished') open.delete(e.path);
    }
    assert.deepEqual([...open], []);
    assert.deepEqual(shape(await readRunRecord(r.runsDir, r.runId)), shape(events));
  });
});

// The Runs view against its records on disk, for bugs found by QA in code-server: deleting
// `.weft/runs` (rm -rf, as a user clears history by hand) left every run in the view, and a re-run
// of one then answered that its record was missing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import fs from 'node:fs';
import path from 'node:path';
import { api, fixture, runNode, waitFor, weftCli, weftRun, workspaceDir, type Started } from './helpers.js';

describe('Run records', function () {
  this.timeout(60_000);

  it('drops the runs whose records were deleted with their folder (rm -rf .weft/runs)', async function () {
    const a = await api();
    const cli = weftCli();
    if (!cli) this.skip();
    const runs = path.join(workspaceDir(), '.weft', 'runs');
    // A terminal run (read from its record) and a run of this window, both finished.
    const child = weftRun(cli, 'parallel.weft.yaml');
    assert.equal(await new Promise((resolve) => child.on('exit', resolve)), 0);
    const local = await vscode.commands.executeCommand<Started>('weft.run', fixture('parallel.weft.yaml'));
    assert.ok(local.started);
    assert.equal((await local.done).status, 'succeeded');
    const ids = fs.readdirSync(runs).filter((f) => f.endsWith('.jsonl')).map((f) => path.basename(f, '.jsonl'));
    assert.ok(ids.length >= 2 && ids.includes(local.runId));
    await waitFor('every record shown', 20_000, () => ids.every((id) => runNode(a, id)));
    fs.rmSync(path.join(workspaceDir(), '.weft'), { recursive: true, force: true });
    await waitFor('the deleted runs gone from the view', 20_000, () => ids.every((id) => !runNode(a, id)), 200);
  });
  it('Clear Finished keeps a terminal run whose record has been quiet for minutes while its process lives', async function () {
    const a = await api();
    const cli = weftCli();
    if (!cli) this.skip();
    const runs = path.join(workspaceDir(), '.weft', 'runs');
    const before = new Set(fs.existsSync(runs) ? fs.readdirSync(runs) : []);
    const child = weftRun(cli, 'quiet.weft.yaml');
    const exited = new Promise<unknown>((resolve) => child.on('exit', resolve));
    try {
      const runId = await waitFor('the terminal run shown running', 20_000, () => {
        const name = fs.existsSync(runs) ? fs.readdirSync(runs).find((f) => f.endsWith('.jsonl') && !before.has(f)) : undefined;
        const id = name && path.basename(name, '.jsonl');
        return id && runNode(a, id)?.status === 'running' && fs.readFileSync(path.join(runs, name), 'utf8').includes('"step.started"') ? id : undefined;
      });
      // Its only step writes nothing: the record is as it would be after two quiet minutes.
      const record = path.join(runs, `${runId}.jsonl`);
      const old = new Date(Date.now() - 120_000);
      fs.utimesSync(record, old, old);
      await vscode.commands.executeCommand('weft.clearRuns');
      assert.ok(fs.existsSync(record), 'the live run\'s record was deleted');
      assert.equal(runNode(a, runId)?.status, 'running');
    } finally {
      child.kill('SIGINT');
      await exited;
    }
  });
});

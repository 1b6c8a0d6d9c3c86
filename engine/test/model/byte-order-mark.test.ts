// A workflow file that starts with a byte order mark is read without it wherever the engine reads a
// file from disk (the file a person names, startRun without a text, a called file through fsHost), as
// editors show the file: counted in, the first line's columns were one to the right of the editor's.
// The command line and the server used to drop it themselves, each its own way, and startRun kept it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { fsHost } from '../../src/analysis/fs-host.js';
import { readWorkflowFile } from '../../src/model/read-workflow-file.js';
import { startRun } from '../../src/run/start-run.js';

const TEXT = 'steps:\n  - id: a\n    stub: { output: ok }\n';

test('a byte order mark is dropped by readWorkflowFile, fsHost.readFile and a run started from the path', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-bom-'));
  const file = path.join(dir, 'bom.weft.yaml');
  fs.writeFileSync(file, '\ufeff' + TEXT);
  assert.equal(readWorkflowFile(file), TEXT);
  assert.equal(fsHost.readFile(file), TEXT);
  const plain = path.join(dir, 'plain.weft.yaml');
  fs.writeFileSync(plain, TEXT);
  assert.equal(readWorkflowFile(plain), TEXT, 'a file without one is read as it is');

  // The run's analysis is of the text without it: an error on line 1 is at the column an editor shows.
  fs.writeFileSync(file, '\ufeffstep:\n  - id: a\n    stub: true\n');
  await assert.rejects(startRun({ file, runsDir: path.join(dir, 'runs') }), (e: Error & { diagnostics?: { range: { start: number } }[] }) => {
    const d = e.diagnostics?.[0];
    assert.ok(d, e.message);
    assert.equal(d.range.start, 0, JSON.stringify(e.diagnostics));
    return true;
  });
});

// A secret reaches a record in spellings other than its own that its own masking missed. Base64:
// `curl -v -u user:$API_TOKEN` prints `Authorization: Basic <base64 of user:token>` to stderr, and a
// step that encodes a key (`printf %s "$KEY" | base64`) prints it whole; GitHub Actions' runner masks
// a secret's base64 at each of the three alignments it can take after a prefix (and base64url). And
// the lower case of a host name: `new URL` lowers it, so an http step whose host holds a secret
// quoted it, lowered, in its error.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { finished, recordText, run } from './helpers.js';

const SECRET = 'tok-Ab9xQ7-Zz81Lm-Pq3Rt';

/** The base64 (and base64url) text that stands for the secret's bytes wherever it starts in what is encoded. */
function base64Cores(s: string): string[] {
  const out: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const bytes = Buffer.from(s, 'utf8').subarray(shift);
    const core = bytes.subarray(0, bytes.length - (bytes.length % 3));
    out.push(core.toString('base64'), core.toString('base64url'));
  }
  return out;
}

test('a secret base64-encoded by a step, whole or after a prefix as Basic auth has it, is masked', async () => {
  const yaml = `config: {continueOnError: true}
steps:
  - id: enc
    shell: |
      printf %s "$API_TOKEN" | base64
      printf %s "$API_TOKEN" | base64 | tr '+/' '-_' | tr -d '='
      for user in u us use; do printf 'Authorization: Basic %s\\n' "$(printf %s "$user:$API_TOKEN" | base64)" >&2; done
`;
  const { events, fin, runsDir } = await run(yaml, { env: { ...process.env, API_TOKEN: SECRET } });
  assert.equal(fin.status, 'succeeded');
  const enc = finished(events, 'enc');
  assert.equal(enc.status, 'succeeded');
  const all = JSON.stringify(events) + recordText(runsDir);
  assert.match(all, /Authorization: Basic /, 'the step ran and its stderr is in the record');
  for (const core of base64Cores(SECRET)) assert.equal(all.includes(core), false, `leaked as ${core}`);
});

test('a secret in a host name, lowered by the URL and quoted by the failure, is masked', async () => {
  // Port 9 is refused before any connection or name lookup; the error quotes the URL.
  const yaml = `config: {continueOnError: true}
steps:
  - id: h
    http: {url: "http://\${env.API_TOKEN}.localhost:9/x"}
`;
  const { events, fin, runsDir } = await run(yaml, { env: { ...process.env, API_TOKEN: SECRET } });
  assert.equal(fin.status, 'succeeded');
  const h = finished(events, 'h');
  assert.equal(h.status, 'failed');
  assert.match(h.error!, /http: GET http:\/\/\*\*\*\.localhost:9\/x/);
  const all = JSON.stringify(events) + recordText(runsDir);
  assert.equal(all.toLowerCase().includes(SECRET.toLowerCase()), false, 'leaked in lower case');
});

test("a short secret's base64 (under 8 characters) is not masked: it would mask unrelated base64 text by chance", async () => {
  // 'abcde': its base64 forms from a whole group are 4 characters ('YWJj'), found in any long base64.
  const { events } = await run('steps:\n  - id: b\n    shell: echo "data:YWJjZGVmZ2hp"\n', { env: { ...process.env, SHORT_KEY: 'abcde' } });
  assert.equal(finished(events, 'b').output, 'data:YWJjZGVmZ2hp');
});

// Names that Object.prototype has (`__proto__`, `constructor`, `toString`) used as workflow names
// at run time: inputs, env, branch names, workflow outputs, keys of evaluated objects, shell env, the
// llm provider. Records built from such keys keep them as own properties (an assignment of
// `__proto__` to a plain object sets its prototype instead, and the key was lost), and a table
// looked up by such a name finds nothing rather than one of Object.prototype's members.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { finished, run, tempDir } from './helpers.js';

const own = (o: unknown, k: string) => Object.prototype.hasOwnProperty.call(o, k);

test('__proto__ as an input, an env name, a branch, an output and a key of an evaluated object', { timeout: 30_000 }, async () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'child.weft.yaml'), `inputs:
  __proto__:
    type: string
outputs:
  __proto__: \${inputs.__proto__}
steps:
  - id: s
    stub: { output: "child got \${inputs.__proto__}" }
`);
  const yaml = `inputs:
  __proto__:
    type: string
  constructor:
    type: string
outputs:
  __proto__: \${steps.par.output.__proto__}
  toString: \${inputs.constructor}
steps:
  - id: in
    stub: { output: "in=\${inputs.__proto__} env=\${env.__proto__} c=\${inputs.constructor}" }
  - id: par
    parallel:
      branches:
        __proto__:
          - id: p
            stub: { output: branch }
        other:
          - id: o
            stub: { output: other }
  - id: obj
    stub:
      output:
        __proto__: \${inputs.__proto__}
        plain: yes
  - id: sh
    shell:
      run: 'printenv __proto__; printenv WORKFLOW_ENV'
      env:
        __proto__: step-env
        WORKFLOW_ENV: \${env.__proto__}
  - id: call
    workflow:
      path: ./child.weft.yaml
      inputs:
        __proto__: \${inputs.__proto__}
  - id: sees
    stub: { output: "\${steps.par.output.__proto__} \${steps.call.output.__proto__} \${steps.obj.output.__proto__}" }
`;
  const env = { ...(JSON.parse('{"__proto__": "from-env"}') as Record<string, string>), PATH: process.env.PATH ?? '' };
  const { events, fin } = await run(yaml, { dir, env, inputs: JSON.parse('{"__proto__": "x", "constructor": "c"}') as Record<string, unknown> });
  assert.equal(fin.status, 'succeeded', fin.error);
  assert.equal(finished(events, 'in').output, 'in=x env=from-env c=c');
  const started = events.find((e) => e.type === 'run.started');
  assert.ok(started && started.type === 'run.started' && own(started.inputs, '__proto__'), 'run.started inputs keep __proto__');
  assert.equal(finished(events, 'par').output, '{"__proto__":"branch","other":"other"}');
  assert.equal(finished(events, 'obj').output, '{"__proto__":"x","plain":"yes"}');
  assert.equal(finished(events, 'sh').output, 'step-env\nfrom-env');
  assert.equal(finished(events, 'call').output, '{"__proto__":"x"}');
  assert.equal(finished(events, 'call/s').output, 'child got x');
  assert.equal(finished(events, 'sees').output, 'branch x x');
  assert.ok(own(fin.outputs, '__proto__'), 'run.finished outputs keep __proto__');
  assert.equal(fin.outputs.__proto__ as unknown, 'branch');
  assert.equal(fin.outputs.toString as unknown, 'c');
});

test('__proto__ in the process environment and the secrets reaches ${env.__proto__} and the shell', { timeout: 30_000 }, async () => {
  const env = { ...(JSON.parse('{"__proto__": "from-process"}') as Record<string, string>), PATH: process.env.PATH ?? '' };
  const { events, fin } = await run(`steps:
  - id: e
    stub: { output: "\${env.__proto__}" }
  - id: sh
    shell: 'printenv __proto__'
`, { env });
  assert.equal(fin.status, 'succeeded', fin.error);
  assert.equal(finished(events, 'e').output, 'from-process');
  assert.equal(finished(events, 'sh').output, 'from-process');
});

// The model (engine/src/model/parse.ts, `model.env[k] = ...`) drops a workflow `env:` key named
// __proto__ before the run sees it; the run keeps it once the model does.
test('__proto__ in the workflow env: reaches ${env.__proto__}', { timeout: 30_000 }, async () => {
  const { events } = await run(`env:
  __proto__: from-env
steps:
  - id: e
    stub: { output: "\${env.__proto__}" }
`);
  assert.equal(finished(events, 'e').output, 'from-env');
});

test('an llm provider named like an Object.prototype member is an unknown provider', { timeout: 30_000 }, async () => {
  for (const provider of ['constructor', '__proto__', 'toString']) {
    const { events } = await run(`steps:
  - id: ask
    llm: { prompt: hi }
`, { env: { WEFT_LLM_PROVIDER: provider, PATH: process.env.PATH } });
    assert.equal(finished(events, 'ask').error, `llm: unknown provider '${provider}' (openai, anthropic, ollama)`);
  }
  const { events } = await run(`steps:
  - id: ask
    llm: { prompt: hi, provider: openai, apiKeyEnv: toString }
`, { env: { PATH: process.env.PATH } });
  assert.equal(finished(events, 'ask').error, 'llm: no API key for openai: set the environment variable toString');
});

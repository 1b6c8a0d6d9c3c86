// "Did you mean ...?" for schema messages: the closest allowed key or value by edit distance
// (optimal string alignment, so a swapped pair of letters counts as one edit).
import { editDistance } from './edit-distance.js';
import { nameTable } from './name-table.js';

/**
 * The candidate closest to `word`, if it is close enough to be a likely typo: the same word in other
 * case, or at most one edit per three letters (at least one, at most three).
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    if (c === word) continue;
    const cl = c.toLowerCase();
    if (cl === lower) return c;
    const limit = Math.min(3, Math.max(1, Math.floor(Math.max(word.length, c.length) / 3)));
    const d = editDistance(lower, cl, limit);
    if (d <= limit && d < bestD) {
      best = c;
      bestD = d;
    }
  }
  if (best === undefined && lower.length >= 4) {
    // A prefix of a longer key, e.g. `maxConc` for `maxConcurrency`.
    for (const c of candidates) if (c.toLowerCase().startsWith(lower)) return c;
  }
  return best;
}

/** Step-level keys people bring from other tools, and the Weft key they mean. */
export const STEP_KEY_SYNONYMS = nameTable<string>({
  run: 'shell',
  command: 'shell',
  cmd: 'shell',
  script: 'shell',
  bash: 'shell',
  sh: 'shell',
  request: 'http',
  fetch: 'http',
  prompt: 'llm',
  ai: 'llm',
  branches: 'parallel',
  each: 'foreach',
  for_each: 'foreach',
  forEach: 'foreach',
  loop: 'foreach',
  map: 'foreach',
  uses: 'workflow',
  call: 'workflow',
  depends_on: 'needs',
  dependencies: 'needs',
  dependsOn: 'needs',
  depends: 'needs',
  after: 'needs',
  requires: 'needs',
  when: 'if',
  condition: 'if',
  retry: 'retries',
  retryStrategy: 'retries',
  continue_on_error: 'continueOnError',
  'continue-on-error': 'continueOnError',
  timeout_seconds: 'timeout',
  timeoutSeconds: 'timeout',
  activeDeadlineSeconds: 'timeout',
});

/** The hint for GitHub's `timeout-minutes` on a step; `timeout` is the key and value to write instead. */
export function timeoutMinutesHint(timeout = 'timeout: 5m'): string {
  return `write timeout with a unit, ${timeout}`;
}

const LOOP_HINT = 'a loop is a foreach block, foreach: {items: [...], steps: [...]}, whose steps read ${item}';
const LIMIT_HINT = 'a limit of steps running at once is maxConcurrency, in config or in a parallel or foreach block';
const CWD_HINT = 'the working folder goes inside the action, shell: {run: ..., cwd: dir}';

/**
 * Step-level keys of GitHub Actions and Argo that Weft spells elsewhere, with where to write them:
 * said after "unknown key 'env' in step 'x'" when no key is close. A function gets the step's id and
 * what else it has, and may give nothing (then the usual "did you mean").
 */
export const STEP_KEY_HINTS = nameTable<string | ((step: StepHintContext) => string | undefined)>({
  env: "a step's environment goes inside its action, shell: {run: ..., env: {NAME: value}}, or in the workflow's top-level env",
  'working-directory': CWD_HINT,
  cwd: CWD_HINT,
  'timeout-minutes': timeoutMinutesHint(),
  with: "a called workflow's inputs go in workflow: {path: ..., inputs: {...}}",
  'runs-on': 'Weft runs every step on the machine that runs the workflow; remove runs-on',
  withItems: LOOP_HINT,
  withParam: LOOP_HINT,
  with_items: LOOP_HINT,
  parallelism: LIMIT_HINT,
  'max-parallel': LIMIT_HINT,
  outputs: (step) => `a step's result is \${steps.${step.id || 'ID'}.output}; the workflow's results go in its top-level outputs`,
  strategy: 'a matrix is a foreach block over its values, foreach: {items: [...], steps: [...]}',
  // `parse:` beside the action instead of inside it.
  parse: (step) => {
    const action = ACTIONS_WITH_PARSE.find((k) => step.fields[k] !== undefined);
    const value = typeof step.fields.parse === 'string' && /^\w+$/.test(step.fields.parse) ? step.fields.parse : 'json';
    if (action === 'shell' && typeof step.shell === 'string') return `parse goes inside the action, shell: {run: ..., parse: ${value}}`;
    return `parse goes inside the action, ${action ?? 'shell'}: {..., parse: ${value}}`;
  },
  // GitHub's `shell: bash` beside `run:` (where `run` alone would suggest `shell`).
  run: (step) => {
    if (step.shell === undefined) return undefined;
    const name = typeof step.shell === 'string' && /^[\w./-]+$/.test(step.shell) ? step.shell : 'bash';
    return `the command and its shell go together, shell: {run: ..., shell: ${name}}`;
  },
});

const ACTIONS_WITH_PARSE = ['shell', 'http', 'file', 'llm'] as const;

/** What a step-key hint may use: the step's id, its `shell` value and all its fields as written. */
export interface StepHintContext {
  id: string;
  shell: unknown;
  fields: Readonly<Record<string, unknown>>;
}

/** Keys of other tools in `config`, in a step's `retries` and in a block's settings, and the Weft key. */
export const CONFIG_KEY_SYNONYMS = nameTable<string>({ 'max-parallel': 'maxConcurrency', parallelism: 'maxConcurrency', max_parallel: 'maxConcurrency' });
export const RETRIES_KEY_SYNONYMS = nameTable<string>({ limit: 'max' });
export const BLOCK_KEY_SYNONYMS = nameTable<string>({ ...CONFIG_KEY_SYNONYMS, withItems: 'items', withParam: 'items', with_items: 'items' });

const FAIL_FAST_HINT = 'Weft stops at the first failure by default; to go on after a failure write continueOnError: true';

export const CONFIG_KEY_HINTS = nameTable<string>({
  'fail-fast': FAIL_FAST_HINT,
  fail_fast: FAIL_FAST_HINT,
  'timeout-minutes': timeoutMinutesHint(),
});

const SETTING_HINT = (key: string) => `it goes in config, config: {${key}: ...}`;
const NO_JOBS = 'Weft has no jobs; write the steps in the top-level steps list (a job\'s steps can run in parallel as a parallel block)';

/** Top-level keys of GitHub Actions and Argo, and the run's settings written outside config. */
export const TOP_KEY_HINTS = nameTable<string>({
  on: 'Weft has no triggers; a workflow runs when you run it (weft run, or the Run command)',
  jobs: NO_JOBS,
  parallelism: 'the limit of steps running at once goes in config, config: {maxConcurrency: ...}',
  maxConcurrency: SETTING_HINT('maxConcurrency'),
  continueOnError: SETTING_HINT('continueOnError'),
  timeout: SETTING_HINT('timeout'),
  retries: SETTING_HINT('retries'),
  llm: SETTING_HINT('llm'),
});

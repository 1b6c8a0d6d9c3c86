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
  dependsOn: 'needs',
  depends: 'needs',
  after: 'needs',
  requires: 'needs',
  when: 'if',
  condition: 'if',
  retry: 'retries',
  continue_on_error: 'continueOnError',
  'continue-on-error': 'continueOnError',
  timeout_seconds: 'timeout',
  timeoutSeconds: 'timeout',
});

/** The hint for GitHub's `timeout-minutes` on a step; `timeout` is the key and value to write instead. */
export function timeoutMinutesHint(timeout = 'timeout: 5m'): string {
  return `write timeout with a unit, ${timeout}`;
}

const CWD_HINT = 'the working folder goes inside the action, shell: {run: ..., cwd: dir}';

/**
 * Step-level keys of GitHub Actions that Weft spells elsewhere, with where to write them: said after
 * "unknown key 'env' in step 'x'" when no key is close.
 */
export const STEP_KEY_HINTS = nameTable<string>({
  env: "a step's environment goes inside its action, shell: {run: ..., env: {NAME: value}}, or in the workflow's top-level env",
  'working-directory': CWD_HINT,
  cwd: CWD_HINT,
  'timeout-minutes': timeoutMinutesHint(),
  with: "a called workflow's inputs go in workflow: {path: ..., inputs: {...}}",
});

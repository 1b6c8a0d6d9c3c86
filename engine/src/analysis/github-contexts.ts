// GitHub Actions' contexts written inside a Weft template: `${github.run_id}`, `${matrix.os}`,
// `${needs.build.outputs.v}`, `${job.status}`, `${runner.os}`, `${strategy.job-index}`. Each was an
// unknown root whose message listed Weft's roots and left the user to guess the rest; these say
// what the GitHub name is in Weft, with the Weft path as the quick fix where one names the same
// thing. Asked only for a root already found unknown, so files without the mistake pay nothing.
import type { TemplateString } from '../model/types.js';
import { spelledAsIs } from '../model/template-strings.js';
import { prop, RUN_PROPERTIES_TEXT, type ForeignHint, type PathExpr } from './argo-paths.js';

/** `github.X` that Weft has as a property of the run. */
const GITHUB_TO_RUN: Readonly<Record<string, string>> = { workflow: 'run.workflow', run_id: 'run.id' };

/**
 * `github.X` whose value GitHub Actions also sets as the variable `GITHUB_<X upper-cased>` (its
 * "default environment variables"), which a workflow run inside a GitHub job reads as `${env.GITHUB_X}`.
 */
const GITHUB_ENV = new Set([
  'action', 'actor', 'api_url', 'base_ref', 'event_name', 'event_path', 'graphql_url', 'head_ref', 'job', 'ref',
  'ref_name', 'ref_type', 'repository', 'repository_owner', 'run_attempt', 'run_number', 'server_url', 'sha',
  'triggering_actor', 'workspace',
]);

/** The roots this file explains. */
export const GITHUB_ROOTS: ReadonlySet<string> = new Set(['github', 'matrix', 'strategy', 'needs', 'job', 'runner']);

/**
 * For an unknown root among GITHUB_ROOTS. `resolves` tells whether a step id names a step visible
 * from the template. The range is the root's, or the path the fix rewrites.
 */
export function githubContextHint(e: PathExpr, ts: TemplateString, text: string, resolves: (id: string) => boolean): ForeignHint | undefined {
  const root = e.root.name;
  const first = prop(e.segments[0]);
  const lead = `unknown name '${root}'`;
  switch (root) {
    case 'github': {
      const run = first !== undefined && Object.hasOwn(GITHUB_TO_RUN, first) ? GITHUB_TO_RUN[first] : undefined;
      if (run && e.segments.length === 1) {
        const range = { start: e.root.range.start, end: e.segments[0]!.range.end };
        return { message: `${lead}: GitHub's github.${first} is ${run} in Weft`, range, ...(spelledAsIs(ts, text, range) ? { suggestion: run } : {}) };
      }
      const env = first !== undefined && GITHUB_ENV.has(first) && e.segments.length === 1
        ? `; inside a GitHub Actions job, GitHub also sets it as the variable GITHUB_${first.toUpperCase()}: \${env.GITHUB_${first.toUpperCase()}}`
        : '';
      return { message: `${lead}: Weft has no github context; ${RUN_PROPERTIES_TEXT}${env}`, range: e.root.range };
    }
    case 'matrix':
    case 'strategy':
      return { message: `${lead}: GitHub's ${root} is a foreach in Weft: foreach: {items: [...], as: NAME, steps: [...]}, and its steps read the item as \${NAME}`, range: e.root.range };
    case 'needs': {
      const lead2 = `${lead}: GitHub's needs.ID is steps.ID in Weft, and a step waits for every step it reads`;
      if (!first) return { message: lead2, range: e.root.range };
      if (!resolves(first)) return { message: `${lead2}; no step '${first}' is visible here`, range: e.root.range };
      // `needs.ID.outputs.NAME`: GitHub's job outputs are fields of the step's output in Weft.
      if (prop(e.segments[1]) === 'outputs') {
        const range = { start: e.root.range.start, end: e.segments[1]!.range.end };
        const message = `${lead}: GitHub's needs.${first}.outputs is steps.${first}.output in Weft, and a step waits for every step it reads`;
        return { message, range, ...(spelledAsIs(ts, text, range) ? { suggestion: `steps.${first}.output` } : {}) };
      }
      return { message: lead2, range: e.root.range, suggestion: 'steps' };
    }
    case 'job':
      return { message: `${lead}: Weft has no job context; a step's own result is steps.ID.status (succeeded, failed, skipped or cancelled)`, range: e.root.range };
    case 'runner':
      return { message: `${lead}: Weft has no runner context; the machine's environment is read as \${env.NAME}`, range: e.root.range };
    default:
      return undefined;
  }
}

// The contract between the scheduler and the step kinds: an action gets its resolved config and a
// context (env, folder, abort signal, log sink) and returns the output plus kind-specific fields
// (`exitCode`, `statusCode`, `usage`, ...). Failing is throwing; StepError carries extra fields.

export interface ActionContext {
  path: string;
  /** The run the step belongs to (what a shell step leaves running is ended with it). */
  readonly runId: string;
  /** The action's value with every template evaluated (e.g. the `shell:` string or object). */
  config: unknown;
  /** Folder of the workflow file (relative paths and shell cwd). */
  dir: string;
  /** Workspace root that file steps may not leave (unless allowOutsideRoot). */
  root: string;
  allowOutsideRoot: boolean;
  /**
   * The most a step's output, and each other stream it keeps (a shell's stderr), may hold in UTF-8
   * bytes: past it the step fails (output-limit.ts).
   */
  maxOutputBytes: number;
  /** Environment for processes: process env + secrets + workflow env (step env is added by the action). */
  env: Record<string, string | undefined>;
  /** `config.llm` defaults of the workflow, resolved. */
  llmDefaults: Record<string, unknown>;
  /** The shortest time limit that ends the attempt (its own timeout, an enclosing block's, the run's); undefined: none. */
  readonly timeLimitMs?: number;
  /**
   * The global fetch is the editor's, which applies its proxy and certificate settings: http and llm
   * steps use it rather than the proxy variables of `env` (step-fetch.ts).
   */
  readonly editorFetch?: boolean;
  /** Aborted when the attempt times out or the run stops. */
  readonly signal: AbortSignal;
  log(stream: 'stdout' | 'stderr' | 'llm', text: string): void;
  /** Masks the run's secrets: for text the action cuts short (see `clip`). */
  readonly redact?: (text: string) => string;
}

export interface ActionResult {
  output: unknown;
  /** Kind-specific fields visible as `${steps.X.<field>}`. */
  extra?: Record<string, unknown>;
}

/** Returns a promise, or the result itself when the action is done at once (never a thenable). */
export type Action = (ctx: ActionContext) => Promise<ActionResult> | ActionResult;

export class StepError extends Error {
  constructor(
    message: string,
    readonly extra: Record<string, unknown> = {},
    /** The wait the server asked for before a retry (retry-after.ts); attempts.ts waits at least that long. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/**
 * The message of the StepError `check` throws (what is wrong with a step's config: actions/index.ts
 * configProblem), or undefined when it throws none; any other error is rethrown.
 */
export function stepErrorOf(check: () => unknown): string | undefined {
  try {
    check();
    return undefined;
  } catch (e) {
    if (e instanceof StepError) return e.message;
    throw e;
  }
}

/** The action's value as an object (`shell: "cmd"` becomes `{run: "cmd"}` via `key`). */
export function asObject(config: unknown, key: string): Record<string, unknown> {
  if (config && typeof config === 'object' && !Array.isArray(config)) return config as Record<string, unknown>;
  if (config === true || config === null || config === undefined) return {};
  return { [key]: config };
}

// The step kinds by name.
import { fileAction } from './file.js';
import { httpAction } from './http.js';
import { httpConfigProblem } from './http-request.js';
import { llmAction } from './llm.js';
import { shellAction, shellOwnEnv } from './shell.js';
import { stubAction, stubConfigProblem } from './stub.js';
import type { Action } from './types.js';

const ACTIONS: Record<string, Action> = {
  shell: shellAction,
  http: httpAction,
  file: fileAction,
  llm: llmAction,
  stub: stubAction,
};

export function actionFor(kind: string): Action | undefined {
  return ACTIONS[kind];
}

/**
 * What is wrong with a step's config, once its templates are evaluated, that no attempt can get past
 * (a value the schema could not check, as it was a template; a GET with a body, which the schema does
 * not say), or undefined; the executor then fails the step before it starts.
 */
export function configProblem(kind: string, config: unknown): string | undefined {
  if (kind === 'stub') return stubConfigProblem(config);
  if (kind === 'http') return httpConfigProblem(config);
  return undefined;
}

/**
 * The env a step's action sets for its own process (a shell step's `env:`), whose secret-named values
 * the run masks from the step's start on, in a dry run's preview too; undefined for other kinds.
 */
export function ownEnvOf(kind: string, config: unknown): Record<string, string> | undefined {
  return kind === 'shell' ? shellOwnEnv(config) : undefined;
}

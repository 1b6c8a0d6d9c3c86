// The step kinds by name.
import { fileAction } from './file.js';
import { httpAction } from './http.js';
import { llmAction } from './llm.js';
import { shellAction } from './shell.js';
import { stubAction } from './stub.js';
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

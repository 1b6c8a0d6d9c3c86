// What `${steps.X.<property>}` may name for each kind of step (language spec section 4), with a
// one-line description each, shared by the analyser (unknown-property) and the editor (completion).
import { nameTable } from '../model/name-table.js';
import type { StepKind } from '../model/types.js';

export const COMMON_PROPERTIES = nameTable<string>({
  output: "the step's output (its shape depends on the action)",
  status: 'succeeded, failed, skipped or cancelled',
  error: 'the error message when the step failed',
  attempts: 'how many attempts the step took (1 + the retries used)',
  durationMs: 'how long the step took, in milliseconds',
});

export const KIND_PROPERTIES: Partial<Record<StepKind, Record<string, string>>> = {
  shell: { exitCode: "the command's exit code", stderr: "the command's standard error" },
  http: { statusCode: 'the HTTP status code', headers: 'the response headers' },
  llm: { model: 'the model that answered', usage: 'token usage reported by the provider' },
};

const byKind = new Map<StepKind | undefined, Readonly<Record<string, string>>>();

/** The properties a reference to a step of `kind` may use (one shared, frozen object per kind). */
export function stepProperties(kind: StepKind | undefined): Readonly<Record<string, string>> {
  let props = byKind.get(kind);
  if (!props) byKind.set(kind, (props = nameTable({ ...COMMON_PROPERTIES, ...(kind ? KIND_PROPERTIES[kind] : undefined) })));
  return props;
}

export const RUN_PROPERTIES = nameTable<string>({
  id: 'the id of the current run',
  workflow: 'the name of the workflow',
  startedAt: 'when the run started (ISO 8601)',
});

export const FUNCTION_DOCS = nameTable<{ signature: string; doc: string; arity: [number, number] }>({
  length: { signature: 'length(x)', doc: 'the number of items of an array, keys of an object or characters of a text', arity: [1, 1] },
  contains: { signature: 'contains(a, b)', doc: 'true when text a contains b, or array a has an item equal to b', arity: [2, 2] },
  startsWith: { signature: 'startsWith(a, b)', doc: 'true when text a starts with b', arity: [2, 2] },
  endsWith: { signature: 'endsWith(a, b)', doc: 'true when text a ends with b', arity: [2, 2] },
  json: { signature: 'json(x)', doc: 'x written as JSON text', arity: [1, 1] },
  fromJson: { signature: 'fromJson(x)', doc: 'the value that JSON text x describes', arity: [1, 1] },
});

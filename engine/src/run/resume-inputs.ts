// The inputs of a resumed run: those of the run it resumes (its `run.started`), each overridden by
// one given again, as GitHub Actions' "re-run failed jobs" keeps a run's inputs and Argo's retry its
// parameters (`-p` overrides one). Without them a resume was refused for a required input, or ran
// with a default where the earlier run had a given value: its steps ran again, differently.
import { inputValueProblem } from '../analysis/input-types.js';
import type { InputDecl } from '../model/types.js';
import { setOwn } from '../model/own-keys.js';
import { InputError } from './workflow-frame.js';
import { MASK } from './redact.js';

/** Whether `v` holds the mask the record writes for a secret (a string anywhere inside it). */
function masked(v: unknown): boolean {
  if (typeof v === 'string') return v.includes(MASK);
  if (Array.isArray(v)) return v.some(masked);
  if (v && typeof v === 'object') return Object.entries(v).some(([k, x]) => k.includes(MASK) || masked(x));
  return false;
}

function maskedInputMessage(name: string, runId: string): string {
  return `input '${name}' of run ${runId} is masked in its record (it holds a secret): give it again (--input ${name}=...)`;
}

/**
 * What is wrong with running again with `inputs`, a run's recorded inputs, when one of them is
 * masked (the editor's Re-run, which starts a new run with them), or undefined when none is.
 */
export function maskedInputProblem(inputs: Record<string, unknown>, runId: string): string | undefined {
  const name = Object.keys(inputs).find((k) => masked(inputs[k]));
  return name === undefined ? undefined : maskedInputMessage(name, runId);
}

/**
 * `given` over `recorded` (the earlier run's inputs, already of their declared types), for the
 * inputs `decls` declares now: a recorded input the file no longer declares is dropped. A recorded
 * value the record masked (it held a secret) is not the value the run had, and one that is no longer
 * of the input's type cannot be used: either must be given again.
 */
export function resumeInputs(decls: InputDecl[], recorded: unknown, given: Record<string, unknown> | undefined, runId: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const old = recorded && typeof recorded === 'object' && !Array.isArray(recorded) ? (recorded as Record<string, unknown>) : {};
  for (const d of decls) {
    if (!Object.prototype.hasOwnProperty.call(old, d.name) || (given && Object.prototype.hasOwnProperty.call(given, d.name))) continue;
    const v = old[d.name];
    // null: an optional input the run did not have; the file's default (if it has one now) applies.
    if (v === null || v === undefined) continue;
    if (masked(v)) throw new InputError(maskedInputMessage(d.name, runId));
    // The file changed the input's type since: the recorded value is no longer one.
    const problem = inputValueProblem(d, v);
    if (problem !== undefined) throw new InputError(`input '${d.name}' of run ${runId} ${problem}: give it again (--input ${d.name}=...)`);
    setOwn(out, d.name, v);
  }
  for (const [k, v] of Object.entries(given ?? {})) setOwn(out, k, v);
  return out;
}

// The text of a step's read-only output editor (weft.showStepOutput, the failed-run notification's
// Show Failed Step): a header (path, status, attempt, error), then the step's full output from
// `<runsDir>/<runId>/outputs/`. A step that has no output (a failed shell step: its output file says
// `output: null`) shows its log instead, which is what says why it failed; before, the editor showed
// the header and nothing. A NUL is shown as ␀: VS Code refuses a document with a NUL in its first
// bytes as binary ("File seems to be binary and cannot be opened as text"). No `vscode` import.
import type { StepOutputFile } from '../../../engine/src/run/records.js';

export interface ShownStep {
  path: string;
  status: string;
  attempt: number;
  error?: string;
  /** step.finished's preview. */
  output?: string;
  /** The last few KB of the step's log. */
  logTail: string;
}

export function stepOutputText(step: ShownStep, file: StepOutputFile | undefined): string {
  const head = `# ${step.path} — ${step.status}${step.attempt > 1 ? ` (attempt ${step.attempt})` : ''}${step.error ? `\n# error: ${step.error}` : ''}\n`;
  const body = bodyText(step, file);
  if (!head.includes('\0') && !body.includes('\0')) return head + body;
  return `${head.replace(/\0/g, '␀')}# NUL bytes are shown as ␀\n${body.replace(/\0/g, '␀')}`;
}

/** What follows the header: the output, else the preview, the log and the stderr. */
function bodyText(step: ShownStep, file: StepOutputFile | undefined): string {
  const o = file?.output;
  if (o !== undefined && o !== null) return `\n${typeof o === 'string' ? o : JSON.stringify(o, null, 2)}\n`;
  const parts: string[] = [];
  if (step.output) parts.push(`\n## output (preview)\n${step.output}`);
  if (step.logTail) parts.push(`\n## log (last 4 KB)\n${step.logTail}`);
  // The output file keeps a failed shell step's stderr: shown when the log in memory lacks it.
  const stderr = typeof file?.stderr === 'string' ? file.stderr : '';
  if (stderr && !step.logTail.includes(stderr.trim())) parts.push(`\n## stderr\n${stderr}`);
  if (parts.length === 0) parts.push('\n(no output)');
  return parts.map((p) => `\n${p}`).join('');
}

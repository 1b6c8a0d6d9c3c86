// The usage text of `weft`, and the words for an unknown option. Node's parseArgs advises "place it
// at the end of the command after '--'", which for weft passes the option as a file name
// (`weft graph x -- --json`): an unknown option gets the closest option of its command and the
// command's usage instead.
import { closest } from '../analysis/suggest.js';

export const COMMAND_USAGE: Record<string, string> = {
  run: `weft run <file> [--input name=value ...] [--max-concurrency N] [--continue-on-error]
                  [--json] [--dry-run] [--resume <runId|last>] [--runs-dir DIR]
                  [--root DIR] [--allow-outside-root]`,
  validate: 'weft validate <file ...> [--json]',
  plan: 'weft plan <file> [--json]',
  graph: 'weft graph <file> [--format mermaid|dot|json]',
  lsp: 'weft lsp [--stdio] [--clientProcessId N]',
};

export const USAGE = `Usage:\n${Object.values(COMMAND_USAGE).map((u) => `  ${u}\n`).join('')}`;

/**
 * The message of a usage error of `command`: parseArgs' unknown option said with the command's
 * options (and the closest one) instead of its advice; any other message as it is.
 */
export function usageMessage(command: string, message: string): string {
  const unknown = /^Unknown option '([^']*)'/.exec(message);
  const usage = COMMAND_USAGE[command];
  if (!unknown || !usage) return message;
  const near = closest(unknown[1], usage.match(/--[a-z-]+/g) ?? []);
  return `Unknown option '${unknown[1]}'${near ? `; did you mean '${near}'?` : ''}\nUsage:\n  ${usage}`;
}

// The `weft` command line: dispatches to one file per command. Exit codes (interfaces spec): 0 ok,
// 1 the run failed or a file has errors, 2 wrong usage.
import { version } from '../../../package.json';
import { tolerateClosedPipes } from './closed-pipes.js';
import { graphCommand } from './graph-command.js';
import { UsageError } from './load.js';
import { lspCommand } from './lsp-command.js';
import { planCommand } from './plan-command.js';
import { runCommand } from './run-command.js';
import { USAGE, usageMessage } from './usage.js';
import { validateCommand } from './validate-command.js';

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  run: runCommand,
  validate: validateCommand,
  plan: planCommand,
  graph: graphCommand,
  lsp: lspCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command) {
    process.stderr.write(`weft: no command given\n${USAGE}`);
    return 2;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (command === '--version' || command === '-v') {
    // The package's version, bundled in by esbuild (it read WEFT_VERSION, which a CI job may set to the release it installs).
    process.stdout.write(`${version}\n`);
    return 0;
  }
  const handler = COMMANDS[command];
  if (!handler) {
    process.stderr.write(`weft: unknown command '${command}'\n${USAGE}`);
    return 2;
  }
  // `weft run --help`, as git and npm answer it: the usage, not an unknown-option error. `weft lsp`
  // has a help text of its own (lsp-command.ts), which this hid.
  if (command !== 'lsp' && (rest.includes('--help') || rest.includes('-h'))) {
    process.stdout.write(USAGE);
    return 0;
  }
  try {
    return await handler(rest);
  } catch (e) {
    const err = e as Error & { code?: string };
    if (e instanceof UsageError || err.code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`weft ${command}: ${usageMessage(command, err.message)}\n`);
      return 2;
    }
    process.stderr.write(`weft ${command}: ${err.stack ?? err.message}\n`);
    return 1;
  }
}

if (require.main === module) {
  // `weft lsp` speaks over stdio, where a closed pipe is the client leaving: its connection handles that.
  if (process.argv[2] !== 'lsp') tolerateClosedPipes();
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`weft: ${(e as Error).stack}\n`);
      process.exitCode = 1;
    },
  );
}

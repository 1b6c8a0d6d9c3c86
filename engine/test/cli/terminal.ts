// `weft run` on a real terminal for the CLI tests: util-linux `script` gives the command a
// pseudo-terminal, so the run draws its live tree, and reacts to a hang-up, as it does for a user
// (live-view.test.ts, live-view-width.test.ts, hangup.test.ts).
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { WEFT_SOURCE_ARGS } from '../run/helpers.js';

/** The `skip` of a test that needs `script`: false when it is here, else the reason. */
export const NEEDS_SCRIPT = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0 ? false : 'needs script(1) for a pseudo-terminal';

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** `weft <args>` from the sources (no build needed), as one shell command line for `script -c`. */
export function weftCommandLine(args: string[]): string {
  return [process.execPath, ...WEFT_SOURCE_ARGS, ...args].map(quote).join(' ');
}

/**
 * Runs `weft <args>` in a pseudo-terminal of `columns` x `rows` in `cwd` and waits for it (at most
 * 30 s); stdout is what the terminal was sent. Colours off (NO_COLOR), so the text can be matched.
 */
export function runInTerminal(args: string[], cwd: string, columns: number, rows: number): SpawnSyncReturns<string> {
  return spawnSync('script', ['-qec', `stty cols ${columns} rows ${rows}; exec ${weftCommandLine(args)}`, '/dev/null'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, COLUMNS: String(columns), LINES: String(rows), TERM: 'xterm', NO_COLOR: '1' },
    timeout: 30_000,
    killSignal: 'SIGKILL',
  });
}

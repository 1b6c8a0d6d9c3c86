// `weft lsp`: runs the language server on stdin/stdout for any editor. The server is its own bundle
// (dist/server.js, next to dist/cli.js); this spawns it with the same Node and forwards its exit code.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMAND_USAGE } from './usage.js';

export async function lspCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`Usage: ${COMMAND_USAGE.lsp}\n  Runs the Weft language server on stdio (LSP). See docs/language-server.md.\n`);
    return 0;
  }
  // `--clientProcessId N` (or `=N`): vscode-languageclient passes it to a server it starts, and the
  // server (vscode-languageserver) exits once that process is gone. Passed through as `=N`.
  const pass: string[] = [];
  const unknown: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const id = a === '--clientProcessId' ? args[++i] : a.startsWith('--clientProcessId=') ? a.slice('--clientProcessId='.length) : undefined;
    if (id !== undefined || a === '--clientProcessId') {
      if (!id || !/^\d+$/.test(id)) {
        process.stderr.write(`weft lsp: --clientProcessId takes a process id, not '${id ?? ''}'\n`);
        return 2;
      }
      pass.push(`--clientProcessId=${id}`);
    } else if (a !== '--stdio') unknown.push(a);
  }
  if (unknown.length) {
    process.stderr.write(`weft lsp: unknown argument '${unknown[0]}'\n`);
    return 2;
  }
  const server = path.join(__dirname, 'server.js');
  if (!fs.existsSync(server)) {
    process.stderr.write(`weft lsp: the language server bundle is missing (${server}); run \`npm run build\`\n`);
    return 1;
  }
  return new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [server, '--stdio', ...pass], { stdio: 'inherit' });
    const forward = (sig: NodeJS.Signals) => { try { child.kill(sig); } catch { /* gone */ } };
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', (e) => {
      process.stderr.write(`weft lsp: cannot start the language server: ${e.message}\n`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

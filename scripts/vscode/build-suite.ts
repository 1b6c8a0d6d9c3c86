// Bundles the in-VS Code Mocha suite (client/test/suite/*.ts) for the extension host: one CommonJS file
// per suite module, with `vscode` and `mocha` left external (the host provides vscode; mocha resolves
// from the repo's node_modules). Shared by both runners (code-server and @vscode/test-electron).
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

export async function buildSuite(srcDir: string, outDir: string): Promise<string[]> {
  fs.rmSync(outDir, { recursive: true, force: true });
  const entries = fs.readdirSync(srcDir).filter((f) => f === 'index.ts' || f.endsWith('.vscode.ts')).map((f) => path.join(srcDir, f));
  await esbuild.build({
    entryPoints: entries, outdir: outDir, bundle: true, platform: 'node', target: 'node20', format: 'cjs',
    sourcemap: 'inline', external: ['vscode', 'mocha'], logLevel: 'warning',
  });
  return entries;
}

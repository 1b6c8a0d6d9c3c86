// Whether two paths name one workflow file: the engine's run history (resume refuses another file's
// run) and the VS Code client (which run a Cancel or Resume means) compare record paths with the
// editor's, which differ in form (`./a/../x`, VS Code's `c:` against `C:` on Windows).
import path from 'node:path';

/** One file however written: resolved, and on Windows in any case. */
export function sameFile(a: string, b: string, platform: NodeJS.Platform = process.platform): boolean {
  const norm = (p: string) => (platform === 'win32' ? path.win32.resolve(p).toLowerCase() : path.resolve(p));
  return norm(a) === norm(b);
}

// `mkdir -p` for the engine (the runs folder, a run's outputs folder, a file step's target folder).
// Node's own `{ recursive: true }` loops forever, at 100% CPU and beyond the reach of any signal or
// timeout, where mkdir answers ENOENT for a child of a folder that exists, as /proc and /sys do
// (`weft run --runs-dir /proc/x` never returned; nodejs/node behaves so in 18 to 22). Here each
// missing folder is made on its own, from the outermost, so such a path fails with that ENOENT.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The folders of `dir`, from itself outwards, up to (not including) the first that exists. */
function missingFolders(dir: string, exists: (p: string) => boolean): string[] {
  const missing: string[] = [];
  for (let cur = path.resolve(dir); !exists(cur); ) {
    missing.push(cur);
    const up = path.dirname(cur);
    if (up === cur) break;
    cur = up;
  }
  return missing.reverse();
}

const isEexist = (e: unknown) => (e as NodeJS.ErrnoException).code === 'EEXIST';

export function makeDirsSync(dir: string): void {
  for (const d of missingFolders(dir, fs.existsSync)) {
    try {
      fs.mkdirSync(d);
    } catch (e) {
      if (!isEexist(e)) throw e;
    }
  }
}

export async function makeDirs(dir: string): Promise<void> {
  // existsSync: a handful of stat calls before a file step writes, not worth a round trip each.
  for (const d of missingFolders(dir, fs.existsSync)) {
    await fs.promises.mkdir(d).catch((e: unknown) => {
      if (!isEexist(e)) throw e;
    });
  }
}

// The analysis host for the command line and the engine: reads files from disk (never executes).
import * as fs from 'node:fs';
import { MAX_WORKFLOW_BYTES } from '../model/parse.js';
import type { AnalysisHost } from './types.js';

/** Files larger than the parser reads (MAX_WORKFLOW_BYTES on disk) are not read at all. */
export const fsHost: AnalysisHost = {
  readFile(absPath: string): string | undefined {
    try {
      const stat = fs.statSync(absPath);
      if (!stat.isFile() || stat.size > MAX_WORKFLOW_BYTES) return undefined;
      return fs.readFileSync(absPath, 'utf8');
    } catch {
      return undefined;
    }
  },
};

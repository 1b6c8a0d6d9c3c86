// The analysis host for the command line and the engine: reads files from disk (never executes).
import * as fs from 'node:fs';
import type { AnalysisHost } from './types.js';

export const MAX_WORKFLOW_BYTES = 10 * 1024 * 1024;

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

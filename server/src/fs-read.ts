// Read-only file access for analyses of documents that are not open (the `weft/plan` request on a
// file the editor has not opened): reads files, never executes anything.
import { fsHost } from '../../engine/src/analysis/fs-host.js';
import type { AnalysisHost } from '../../engine/src/analysis/types.js';

export const fsHostReader: AnalysisHost = fsHost;

// The inputs every language service takes: an analysis, the text it was made from, an offset, and a
// few read-only helpers (schema, run history, environment). No LSP connection in here.
import type { Analysis } from '../../../engine/src/analysis/types.js';
import type { Position } from 'vscode-languageserver-types';
import type { SchemaNav } from './schema-nav.js';
import type { Workspace } from './known-calls.js';

export interface HistoryView {
  /** Status, duration and output preview of a step (by path) in the last run of this file. */
  step(stepPath: string): {
    status: string; durationMs?: number; attempts?: number; error?: string; preview?: string; runId: string;
    iterations?: number; failedIterations?: number;
  } | undefined;
  /** The full recorded output of a step in the last run, when there is one. */
  output(stepPath: string): { value: unknown } | undefined;
}

export interface ServiceEnv {
  uri: string;
  /** Absolute path of the document (for relative `workflow` paths and run history). */
  file: string;
  schema: SchemaNav;
  history?: HistoryView;
  /** The process environment names visible as ${env.NAME}. */
  processEnv: Record<string, string | undefined>;
  /** A bounded listing of a folder's folders and files (server/src/dir-list.ts), for path completion. */
  listDir?(absDir: string): { entries: { name: string; kind: 'folder' | 'file' }[]; truncated: boolean } | undefined;
  /** The client's command that opens its completion list again (its initialization options), if it named one. */
  retriggerSuggestCommand?: string;
  /** The other open documents, for references and rename across `workflow` calls (known-calls.ts). */
  workspace?: Workspace;
}

/** An analysis plus the text it analysed; `text` is always `analysis.model.text` when analysis is set. */
export interface Analysed {
  analysis: Analysis;
  text: string;
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
}

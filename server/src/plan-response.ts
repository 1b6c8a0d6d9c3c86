// The adapter half of `weft/plan`: the pure service (services/plan-request.ts) says why it gave no
// plan as a value; here that becomes the JSON-RPC error the client receives, InvalidParams for a
// request that cannot be answered (no uri, an unreadable file), InternalError for an analysis that
// threw. The only place outside server.ts that builds an LSP error.
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import type { PlanNode } from '../../engine/src/plan/types.js';
import type { PlanAnswer } from './services/plan-request.js';

/** The plan, or the ResponseError for the refusal thrown (the connection answers it as an error). */
export function planResponse(answer: PlanAnswer): PlanNode[] {
  if ('ok' in answer) return answer.ok;
  const { reason, message } = answer.error;
  throw new ResponseError(reason === 'analysis' ? ErrorCodes.InternalError : ErrorCodes.InvalidParams, message);
}

// The graph page's layout script: dagre (layout.ts) on a thread of its own, so the page stays free
// while a big plan is laid out. esbuild.mjs bundles it into the page's script as a string
// (`worker-source:`), and the page starts it from a blob: URL (worker-source.ts); layout-runner.ts
// posts it one plan at a time and terminates it when a newer plan makes the layout in flight stale.
// The same string is the page's only copy of dagre: when no worker can start, the page runs it as a
// nonce'd script of its own (worker-source.ts), and then it only publishes layoutPlan on the page's
// global object (PAGE_LAYOUT) for layout-runner.ts's main-thread fallback.
import { layoutPlan } from '../layout.js';
import { PAGE_LAYOUT, type WorkerAnswer, type WorkerJob } from './layout-runner.js';

interface WorkerScope { onmessage: ((ev: MessageEvent<WorkerJob>) => void) | null; postMessage(a: WorkerAnswer): void }

if ('WorkerGlobalScope' in globalThis) {
  const scope = globalThis as unknown as WorkerScope;
  scope.onmessage = (ev) => {
    const { id, plan } = ev.data;
    const t = performance.now();
    let answer: WorkerAnswer;
    try {
      const layout = layoutPlan(plan);
      answer = { id, layout, ms: Math.round(performance.now() - t), where: 'worker' };
    } catch (e) {
      answer = { id, error: e instanceof Error ? e.message : String(e) };
    }
    scope.postMessage(answer);
  };
} else {
  (globalThis as Record<string, unknown>)[PAGE_LAYOUT] = layoutPlan;
}

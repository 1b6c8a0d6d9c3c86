// The graph page's layout worker: dagre (layout.ts) on a thread of its own, so the page stays free
// while a big plan is laid out. esbuild.mjs bundles it into the page's script as a string
// (`worker-source:`), and the page starts it from a blob: URL (worker-source.ts); layout-runner.ts
// posts it one plan at a time and terminates it when a newer plan makes the layout in flight stale.
import { layoutPlan } from '../layout.js';
import type { LayoutPlace, WorkerAnswer, WorkerJob } from './layout-runner.js';

interface WorkerScope { onmessage: ((ev: MessageEvent<WorkerJob>) => void) | null; postMessage(a: WorkerAnswer): void }
const scope = globalThis as unknown as WorkerScope;
// Read from the global scope itself, so the page reports where the layout really ran.
const where: LayoutPlace = 'WorkerGlobalScope' in globalThis ? 'worker' : 'page';

scope.onmessage = (ev) => {
  const { id, plan } = ev.data;
  const t = performance.now();
  let answer: WorkerAnswer;
  try {
    const layout = layoutPlan(plan);
    answer = { id, layout, ms: Math.round(performance.now() - t), where };
  } catch (e) {
    answer = { id, error: e instanceof Error ? e.message : String(e) };
  }
  scope.postMessage(answer);
};

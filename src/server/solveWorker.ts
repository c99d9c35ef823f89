import { workerData } from "node:worker_threads";
import { TradewindsInputError } from "../messages.js";
import { newRunContext } from "../models/types.js";
import { runValidatedScenario } from "../run.js";
import { validateScenarioText } from "../scenario/validate.js";
import { runBloc } from "../strategy/runBloc.js";
import { httpMessage, inputErrorBody } from "./errors.js";
import { loadLibrary, type ServerLibrary } from "./library.js";
import type { SolveTask, WorkerMessage } from "./solvePool.js";

/**
 * A solve thread of the server's pool (server/solvePool.ts): one scenario run or bloc analysis
 * per task, off the server's event loop. Progress goes through the task's port; the result is the
 * task's return value. The thread outlives the task, so loaded modules and datasets are reused.
 *
 * The export is a promise of the handler: piscina awaits it before the thread reports ready and
 * gives tasks to ready threads only, so a thread (a replacement for one stopped at its time limit
 * too) has loaded the library before it takes a run.
 */
export default (async () => {
  const library = await loadLibrary((workerData as { catalogModule?: string } | undefined)?.catalogModule);
  return (task: SolveTask) => solve(task, library);
})();

async function solve(task: SolveTask, library: ServerLibrary): Promise<WorkerMessage> {
  if ("warm" in task) return { type: "ready" };
  const { request, progress } = task;
  // The run's time limit starts now (solvePool.ts), not while the task waited for a thread.
  progress.postMessage({ type: "started" } satisfies WorkerMessage);
  const post = (fraction: number) => progress.postMessage({ type: "progress", fraction } satisfies WorkerMessage);
  try {
    if (request.kind === "bloc") {
      // Every membership set in this thread: the job holds one of the server's solve slots, no more.
      const report = await runBloc({ text: request.text, source: request.source }, { threads: 0, onProgress: (solved, total) => post(solved / total) });
      return { type: "done", report };
    }
    const input = validateScenarioText(request.text, request.source);
    const ctx = newRunContext();
    ctx.progress = post;
    // The API reads no files: embedded data by name only (checkScenario refused any path already).
    const report = runValidatedScenario(input, { source: request.source, catalog: library.catalog, dataset: library.dataset(input.dataset), context: ctx, files: "deny" });
    return { type: "done", report };
  } catch (err) {
    if (err instanceof TradewindsInputError) return { type: "failed", status: 400, error: inputErrorBody(err) };
    return { type: "failed", status: 500, error: { error: httpMessage.internal((err as Error).message), issues: [] } };
  } finally {
    progress.close();
  }
}

import { parentPort, workerData } from "node:worker_threads";
import { TradewindsInputError } from "../messages.js";
import { newRunContext } from "../models/types.js";
import { runValidatedScenario } from "../run.js";
import { validateScenarioText } from "../scenario/validate.js";
import { runBloc } from "../strategy/runBloc.js";
import { httpMessage, inputErrorBody } from "./errors.js";
import { loadLibrary } from "./library.js";
import type { SolveRequest, WorkerMessage } from "./solveInWorker.js";

/**
 * Worker-thread entry: one scenario run, off the server's event loop so that the loop stays
 * responsive and a run past its time limit can be stopped (the parent terminates the thread).
 */
const request = workerData as SolveRequest;
const post = (msg: WorkerMessage) => parentPort!.postMessage(msg);

try {
  if (request.kind === "bloc") {
    // Every membership set in this thread: the job holds one of the server's solve slots, no more.
    const report = await runBloc({ text: request.text, source: request.source }, { threads: 0, onProgress: (solved, total) => post({ type: "progress", fraction: solved / total }) });
    post({ type: "done", report });
  } else await runScenarioRequest();
} catch (err) {
  if (err instanceof TradewindsInputError) post({ type: "failed", status: 400, error: inputErrorBody(err) });
  else post({ type: "failed", status: 500, error: { error: httpMessage.internal((err as Error).message), issues: [] } });
}

async function runScenarioRequest(): Promise<void> {
  const library = await loadLibrary(request.catalogModule);
  const input = validateScenarioText(request.text, request.source);
  const ctx = newRunContext();
  ctx.progress = (fraction) => post({ type: "progress", fraction });
  const report = runValidatedScenario(input, { source: request.source, catalog: library.catalog, dataset: library.dataset(input.dataset), context: ctx });
  post({ type: "done", report });
}

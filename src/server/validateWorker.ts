import { workerData } from "node:worker_threads";
import { TradewindsInputError } from "../messages.js";
import { checkScenario, type CheckedScenario } from "./checkScenario.js";
import { httpMessage, inputErrorBody, type ErrorBody } from "./errors.js";
import { loadLibrary } from "./library.js";

/** A validation task: the scenario text as the request sent it. */
export interface ValidateTask {
  text: string;
  source: string;
}

export type ValidateOutcome = { ok: true; checked: CheckedScenario } | { ok: false; status: number; error: ErrorBody };

/**
 * The server's validation thread (server/validatePool.ts): parses, validates and normalizes a
 * request's scenario off the event loop, so that a large or hostile body never stalls the server.
 *
 * The export is a promise of the handler: piscina awaits it before the thread reports ready, and
 * gives tasks to ready threads only — so the library (modules, the catalog module) is loaded before
 * any request reaches a thread, a replacement thread's included.
 */
export default (async () => {
  const library = await loadLibrary((workerData as { catalogModule?: string } | undefined)?.catalogModule);
  return function validate(task: ValidateTask): ValidateOutcome {
    try {
      return { ok: true, checked: checkScenario(task.text, task.source, library) };
    } catch (err) {
      if (err instanceof TradewindsInputError) return { ok: false, status: 400, error: inputErrorBody(err) };
      return { ok: false, status: 500, error: { error: httpMessage.internal((err as Error).message), issues: [] } };
    }
  };
})();

import { TradewindsInputError, message } from "../messages.js";
import { scenarioFileIssues } from "../scenario/filePolicy.js";
import { normalizeScenario } from "../scenario/normalize.js";
import { validateScenarioText } from "../scenario/validate.js";
import { normalizeBloc } from "../strategy/blocSpec.js";
import type { ServerLibrary } from "./library.js";
import type { JobKind } from "./store.js";

/**
 * The most uncertainty draws one request may ask for (each solves every phase once more, in the request's
 * solve thread): about a minute of japan-2025 on this kind of machine, well inside the run time limit.
 * More draws belong to `tradewinds run --uncertainty` or `tradewinds sweep`, which spread them over threads.
 */
export const MAX_API_DRAWS = 1_000;

/** What the API needs to know of a valid scenario before it queues a run. */
export interface CheckedScenario {
  kind: JobKind;
  name: string;
  dataset: string;
  modelType: string;
  phases: string[];
}

/**
 * Steps 1–2 of the pipeline for a request (validate, normalize; the bloc section too), plus the file
 * rule of the API: a scenario may name embedded data only (FilePolicy "deny": no dataset file, no estimation file). Throws a
 * TradewindsInputError listing every problem. Runs in the validation thread (validatePool.ts).
 */
export function checkScenario(text: string, source: string, library: ServerLibrary): CheckedScenario {
  const input = validateScenarioText(text, source);
  const files = scenarioFileIssues(input, source, library.datasetNames);
  if (files.length) throw new TradewindsInputError(files);
  const draws = input.uncertainty?.draws ?? 0;
  if (draws > MAX_API_DRAWS) throw new TradewindsInputError([{ source, path: "uncertainty.draws", value: String(draws), message: message.apiDrawsLimit(MAX_API_DRAWS) }]);
  const data = library.dataset(input.dataset);
  const scenario = normalizeScenario(input, data, library.catalog, source);
  if (input.bloc) normalizeBloc(input.bloc, scenario, data, library.catalog, source);
  return { kind: input.bloc ? "bloc" : "run", name: scenario.name, dataset: input.dataset, modelType: scenario.modelType, phases: scenario.phases.map((p) => p.name) };
}

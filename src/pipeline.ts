import { loadScenarioDatasetSync } from "./data/datasetFile.js";
import { runEstimationStages, type EstimationStages } from "./estimation/estimationStages.js";
import { withBaselineTariffs, type Dataset } from "./data/dataset.js";
import { modelCatalog } from "./models/available.js";
import type { ModelCatalog, ModelEntry } from "./models/catalog.js";
import type { PhaseContext } from "./pipelineSteps.js";
import type { FilePolicy } from "./scenario/filePolicy.js";
import { normalizeScenario, type NormalizedScenario } from "./scenario/normalize.js";
import type { ScenarioInput } from "./scenario/schema.js";

/**
 * A scenario made ready for many solves (uncertainty draws, sweep points): the dataset loaded, the
 * scenario normalized, the estimation run once. Steps 3–6 are pipelineSteps.ts's, as in every run.
 */
export interface PreparedScenario {
  source: string;
  input: ScenarioInput;
  data: Dataset;
  catalog: ModelCatalog;
  entry: ModelEntry;
  /** The scenario as written, normalized (a sweep point normalizes its own variant with `normalizePrepared`). */
  scenario: NormalizedScenario;
  /** The scenario's PPML stages, estimated once (absent without an `estimation` section). */
  estimation?: EstimationStages;
}

export interface PrepareOptions {
  source?: string;
  catalog?: ModelCatalog;
  /** Use this dataset instead of loading the one `scenario.dataset` names (tests, custom data). */
  dataset?: Dataset;
  /** Which files the scenario may read (its dataset file, its estimation section's): "deny" (default: embedded data, inline specs) or `{ baseDir }`. */
  files?: FilePolicy;
  /** Estimation stages already run for this input. */
  estimation?: EstimationStages;
}

/**
 * Steps 2–2b of the pipeline: load the dataset (with the scenario's baseline tariffs), normalize the
 * scenario (every input problem is thrown here), then run its estimation stages once.
 */
export function prepareScenario(input: ScenarioInput, options: PrepareOptions = {}): PreparedScenario {
  const source = options.source ?? "scenario";
  const catalog = options.catalog ?? modelCatalog;
  // A dataset JSON is read here (synchronously, in each worker); a flows table needs the asynchronous reader (runScenarioAsync).
  const data = withBaselineTariffs(options.dataset ?? loadScenarioDatasetSync(input.dataset, options.files ?? "deny", source).dataset, input.baselineTariffs, source);
  // 2. normalize: groups → members, inheritance → full shock lists, model parameters checked
  const scenario = normalizeScenario(input, data, catalog, source);
  const entry = catalog[scenario.modelType]; // normalizeScenario checked it is the catalog's own entry
  // 2b. estimate: the scenario's PPML stages, whose coefficients and fixed effects the model may use for its baseline
  const estimation = options.estimation ?? (input.estimation ? runEstimationStages(input.estimation, options.files ?? "deny", source) : undefined);
  return { source, input, data, catalog, entry, scenario, estimation };
}

/** Step 2 for a variant of the prepared scenario (a sweep point's added shocks): same dataset and model. */
export function normalizePrepared(prepared: PreparedScenario, input: ScenarioInput): NormalizedScenario {
  return normalizeScenario(input, prepared.data, prepared.catalog, prepared.source);
}

/** The context pipelineSteps.solvePhase needs, for a (variant of the) prepared scenario. */
export function phaseContext(prepared: PreparedScenario, scenario: NormalizedScenario = prepared.scenario): PhaseContext {
  return { source: prepared.source, data: prepared.data, entry: prepared.entry, scenario, baselineTariffs: prepared.input.baselineTariffs, estimation: prepared.estimation };
}

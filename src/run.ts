import { loadScenarioDataset, loadScenarioDatasetSync } from "./data/datasetFile.js";
import { runEstimationStages } from "./estimation/estimationStages.js";
import type { Dataset } from "./data/dataset.js";
import type { ModelCatalog } from "./models/catalog.js";
import type { ModelOutcome, RunContext } from "./models/types.js";
import type { RunReport } from "./report/types.js";
import { runOnDataset } from "./runOnDataset.js";
import type { CompiledPhase } from "./scenario/compile.js";
import type { FilePolicy } from "./scenario/filePolicy.js";
import type { ScenarioDocument, ScenarioInput } from "./scenario/schema.js";
import { validateScenarioObject, validateScenarioText } from "./scenario/validate.js";
import { newRunContext } from "./models/types.js";

import { VERSION } from "./version.js";

export { VERSION };

export interface RunOptions {
  /** Where the scenario came from, for error messages (a file path, "request body", …). */
  source?: string;
  catalog?: ModelCatalog;
  /** Use this dataset instead of loading the one `scenario.dataset` names (tests, custom data). */
  dataset?: Dataset;
  context?: RunContext;
  /**
   * Which files the scenario may make the library read (its `dataset` file, its estimation section's
   * panel and spec files): "deny" (the default, and the HTTP API's) takes embedded datasets and panels
   * and inline specs only; `{ baseDir }` resolves paths against that folder (the CLI passes the scenario
   * file's folder).
   */
  files?: FilePolicy;
  /** Called after each phase is solved with its compiled policy and the model's outcome (the exposure accounting reads the flows). */
  onPhaseSolved?: (phase: CompiledPhase, outcome: ModelOutcome) => void;
}

/**
 * Runs a scenario end to end:
 *
 *   scenario text ─▶ validate ─▶ normalize ─▶ estimate ─▶ calibrate ─▶ compile ─▶ solve ─▶ report
 *    (YAML/JSON)     (schema)    (defaults,    (optional    (baseline,    (shocks on  (model      (registry of
 *                                groups,        PPML         once per      the data)   kernels)    outputs → RunReport)
 *                                inheritance)   stages)      parameters)
 *
 * Bad input throws `TradewindsInputError` naming every field at fault; a solver that does not
 * converge is reported in the phase (`converged: false`, with diagnostics), never hidden.
 */
export function runScenario(scenario: string | ScenarioDocument, options: RunOptions = {}): RunReport {
  const source = options.source ?? "scenario";
  // 1. validate: text or object → typed scenario
  const input = validateScenario(scenario, source);
  return runValidatedScenario(input, { ...options, source });
}

/**
 * `runScenario` for scenarios whose `dataset` is a CSV or Parquet flows table (read through DuckDB,
 * asynchronously; allowed by `options.files`); any other scenario runs as `runScenario` runs it.
 */
export async function runScenarioAsync(scenario: string | ScenarioDocument, options: RunOptions = {}): Promise<RunReport> {
  const source = options.source ?? "scenario";
  const input = validateScenario(scenario, source);
  if (options.dataset) return runValidatedScenario(input, { ...options, source });
  const loaded = await loadScenarioDataset(input.dataset, options.files ?? "deny", source);
  const context = options.context ?? newRunContext();
  context.warnings.push(...loaded.warnings);
  return runValidatedScenario(input, { ...options, source, dataset: loaded.dataset, context });
}

/** Step 1: a scenario's text (YAML or JSON) or an object → the typed scenario, or an input error naming every problem. */
function validateScenario(scenario: string | ScenarioDocument, source: string): ScenarioInput {
  return typeof scenario === "string" ? validateScenarioText(scenario, source) : validateScenarioObject(scenario, source);
}

export function runValidatedScenario(input: ScenarioInput, options: RunOptions = {}): RunReport {
  const source = options.source ?? "scenario";
  const context = options.context ?? newRunContext();
  let dataset = options.dataset;
  if (!dataset) {
    const loaded = loadScenarioDatasetSync(input.dataset, options.files ?? "deny", source);
    context.warnings.push(...loaded.warnings);
    dataset = loaded.dataset;
  }
  // 2–6. normalize, estimate, calibrate, compile, solve, report on the loaded dataset (runOnDataset.ts);
  // the estimation stages read files, so they are run here and handed in.
  return runOnDataset(input, dataset, {
    source,
    catalog: options.catalog,
    context,
    estimate: () => (input.estimation ? runEstimationStages(input.estimation, options.files ?? "deny", source) : undefined),
    onPhaseSolved: options.onPhaseSolved,
  });
}

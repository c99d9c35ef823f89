import { loadDataset } from "./data/load.js";
import { runEstimationStages } from "./estimation/estimationStages.js";
import type { Dataset } from "./data/dataset.js";
import type { ModelCatalog } from "./models/catalog.js";
import type { ModelOutcome, RunContext } from "./models/types.js";
import type { RunReport } from "./report/types.js";
import { runOnDataset } from "./runOnDataset.js";
import type { CompiledPhase } from "./scenario/compile.js";
import type { FilePolicy } from "./scenario/filePolicy.js";
import type { ScenarioInput } from "./scenario/schema.js";
import { validateScenarioText } from "./scenario/validate.js";
import { VERSION } from "./version.js";

export { VERSION };

export interface RunOptions {
  /** Where the scenario came from, for error messages (a file path, "request body", …). */
  source?: string;
  catalog?: ModelCatalog;
  /** Use this dataset instead of loading `scenario.dataset` by name (tests, custom data). */
  dataset?: Dataset;
  context?: RunContext;
  /**
   * Which files the scenario may make the library read (its estimation section's panel and spec
   * files): "deny" (the default, and the HTTP API's) takes embedded panels and inline specs only;
   * `{ baseDir }` resolves paths against that folder (the CLI passes the scenario file's folder).
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
export function runScenario(text: string, options: RunOptions = {}): RunReport {
  const source = options.source ?? "scenario";
  // 1. validate: text → typed scenario
  const input = validateScenarioText(text, source);
  return runValidatedScenario(input, { ...options, source });
}

export function runValidatedScenario(input: ScenarioInput, options: RunOptions = {}): RunReport {
  const source = options.source ?? "scenario";
  // 2–6. normalize, estimate, calibrate, compile, solve, report on the loaded dataset (runOnDataset.ts);
  // the estimation stages read files, so they are run here and handed in.
  return runOnDataset(input, options.dataset ?? loadDataset(input.dataset, source), {
    source,
    catalog: options.catalog,
    context: options.context,
    estimate: () => (input.estimation ? runEstimationStages(input.estimation, options.files ?? "deny", source) : undefined),
    onPhaseSolved: options.onPhaseSolved,
  });
}

import { loadScenarioDataset, loadScenarioDatasetSync } from "./data/datasetFile.js";
import { runEstimationStages } from "./estimation/estimationStages.js";
import { withBaselineTariffs, type Dataset } from "./data/dataset.js";
import { modelCatalog } from "./models/available.js";
import type { ModelCatalog } from "./models/catalog.js";
import { newRunContext, type ModelOutcome, type RunContext } from "./models/types.js";
import { buildPhaseReport } from "./report/build.js";
import type { QuantityDefinition } from "./report/registry.js";
import type { RunReport } from "./report/types.js";
import { compilePhase, type CompiledPhase } from "./scenario/compile.js";
import type { FilePolicy } from "./scenario/filePolicy.js";
import { normalizeScenario, phaseInForce } from "./scenario/normalize.js";
import type { ScenarioDocument, ScenarioInput } from "./scenario/schema.js";
import { validateScenarioObject, validateScenarioText } from "./scenario/validate.js";

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
  const catalog = options.catalog ?? modelCatalog;
  const ctx = options.context ?? newRunContext();
  let dataset = options.dataset;
  if (!dataset) {
    const loaded = loadScenarioDatasetSync(input.dataset, options.files ?? "deny", source);
    ctx.warnings.push(...loaded.warnings);
    dataset = loaded.dataset;
  }
  const data = withBaselineTariffs(dataset, input.baselineTariffs, source);
  // 2. normalize: groups → members, inheritance → full shock lists, model parameters checked
  const scenario = normalizeScenario(input, data, catalog, source);
  ctx.warnings.push(...scenario.warnings);
  const entry = catalog[scenario.modelType]; // normalizeScenario checked it is the catalog's own entry
  // 2b. estimate: the scenario's PPML stages, whose coefficients and fixed effects the model may use for its baseline
  const estimation = input.estimation ? runEstimationStages(input.estimation, options.files ?? "deny", source) : undefined;
  const definitions: Record<string, QuantityDefinition> = {};
  const baselines = new Map<string, unknown>();
  const reports = scenario.phases.map((normalized, k) => {
    // 3. calibrate once per distinct parameter set (estimation, domestic sales, …)
    const key = JSON.stringify(normalized.modelParams);
    if (!baselines.has(key)) baselines.set(key, entry.model.calibrate(data, normalized.modelParams as never, ctx, estimation));
    const baseline = baselines.get(key);
    // 4. compile: shocks → dense policy arrays on the dataset's index order (closed-form rates from the baseline)
    const phase = compilePhase(phaseInForce(scenario.phases, k), data, entry.closedFormRates?.(baseline), { source, phasePath: `phases[${k}]` });
    // 5. solve against the baseline
    const outcome = entry.model.solve(baseline, phase.policy, ctx);
    options.onPhaseSolved?.(phase, outcome);
    ctx.progress?.((k + 1) / scenario.phases.length);
    // 6. report: outcomes → rows keyed by the registry
    return { ...buildPhaseReport(phase, outcome, data, scenario.reportRows, scenario.bilateral, definitions), appliedRates: phase.appliedRates };
  });
  return {
    tradewinds: VERSION,
    scenario: { name: scenario.name, description: scenario.description, source },
    dataset: {
      name: data.meta.name,
      title: data.meta.title,
      year: data.meta.year,
      baselineTariffs: data.baselineTariffs,
      units: data.meta.units,
      source: data.meta.source,
      licence: data.meta.licence,
      attribution: data.meta.attribution,
    },
    model: { type: scenario.modelType, description: entry.description },
    tableKeys: entry.tableKeys.filter((key) => key in definitions),
    sectorTableKeys: (entry.sectorTableKeys ?? []).filter((key) => key in definitions),
    phases: reports,
    definitions,
    warnings: ctx.warnings,
  };
}

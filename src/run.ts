import { loadDataset } from "./data/load.js";
import type { Dataset } from "./data/dataset.js";
import { modelCatalog } from "./models/available.js";
import type { ModelCatalog } from "./models/catalog.js";
import { newRunContext, type RunContext } from "./models/types.js";
import { buildPhaseReport } from "./report/build.js";
import type { QuantityDefinition } from "./report/registry.js";
import type { RunReport } from "./report/types.js";
import { compileScenario } from "./scenario/compile.js";
import { normalizeScenario } from "./scenario/normalize.js";
import type { ScenarioInput } from "./scenario/schema.js";
import { validateScenarioText } from "./scenario/validate.js";

export const VERSION = "0.1.0";

export interface RunOptions {
  /** Where the scenario came from, for error messages (a file path, "request body", …). */
  source?: string;
  catalog?: ModelCatalog;
  /** Use this dataset instead of loading `scenario.dataset` by name (tests, custom data). */
  dataset?: Dataset;
  context?: RunContext;
}

/**
 * Runs a scenario end to end:
 *
 *   scenario text ─▶ validate ─▶ normalize ─▶ compile ─▶ solve ─▶ report
 *    (YAML/JSON)     (schema)    (defaults,    (shocks on  (model      (registry of
 *                                groups,        the data)   kernels)    outputs → RunReport)
 *                                inheritance)
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
  const catalog = options.catalog ?? modelCatalog;
  const ctx = options.context ?? newRunContext();
  const data = options.dataset ?? loadDataset(input.dataset);
  // 2. normalize: groups → members, inheritance → full shock lists, model parameters checked
  const scenario = normalizeScenario(input, data, catalog, source);
  // 3. compile: shocks → dense policy arrays on the dataset's index order
  const phases = compileScenario(scenario, data);
  const entry = catalog[scenario.modelType];
  const definitions: Record<string, QuantityDefinition> = {};
  // 4. solve: calibrate once per distinct parameter set, then each phase against that baseline
  const baselines = new Map<string, unknown>();
  const reports = phases.map((phase, k) => {
    const key = JSON.stringify(phase.modelParams);
    if (!baselines.has(key)) baselines.set(key, entry.model.calibrate(data, phase.modelParams as never, ctx));
    const outcome = entry.model.solve(baselines.get(key), phase.policy, ctx);
    ctx.progress?.((k + 1) / phases.length);
    // 5. report: outcomes → rows keyed by the registry
    return buildPhaseReport(phase, outcome, data, scenario.reportRows, scenario.bilateral, definitions);
  });
  return {
    tradewinds: VERSION,
    scenario: { name: scenario.name, description: scenario.description, source },
    dataset: {
      name: data.meta.name,
      title: data.meta.title,
      year: data.meta.year,
      units: data.meta.units,
      source: data.meta.source,
      licence: data.meta.licence,
      attribution: data.meta.attribution,
    },
    model: { type: scenario.modelType, description: entry.description },
    tableKeys: entry.tableKeys.filter((key) => key in definitions),
    phases: reports,
    definitions,
    warnings: ctx.warnings,
  };
}

import { loadDataset } from "./data/load.js";
import { runEstimationStages, type EstimationStages } from "./estimation/estimationStages.js";
import { withBaselineTariffs, type Dataset } from "./data/dataset.js";
import { modelCatalog } from "./models/available.js";
import type { ModelCatalog, ModelEntry } from "./models/catalog.js";
import type { ModelOutcome, RunContext } from "./models/types.js";
import { buildPhaseReport } from "./report/build.js";
import type { QuantityDefinition } from "./report/registry.js";
import type { PhaseReport, RunReport } from "./report/types.js";
import { compilePhase, type CompiledPhase } from "./scenario/compile.js";
import type { FilePolicy } from "./scenario/filePolicy.js";
import { normalizeScenario, type NormalizedScenario, type PhaseInForce } from "./scenario/normalize.js";
import type { ScenarioInput } from "./scenario/schema.js";
import { VERSION } from "./version.js";

export { VERSION };

/** The steps of a run that do not depend on the phases' shocks or parameters: the dataset, the model, the estimation. */
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
  /** Use this dataset instead of loading `scenario.dataset` by name (tests, custom data). */
  dataset?: Dataset;
  /** Which files the estimation section may read: "deny" (default: embedded panels, inline specs) or `{ baseDir }`. */
  files?: FilePolicy;
  /** Estimation stages already run for this input (a sweep estimates once for all its points). */
  estimation?: EstimationStages;
}

/**
 * Steps 2–2b of the pipeline: load the dataset (with the scenario's baseline tariffs), normalize the
 * scenario (groups, inheritance, model parameters — every input problem is thrown here), then run its
 * estimation stages once.
 */
export function prepareScenario(input: ScenarioInput, options: PrepareOptions = {}): PreparedScenario {
  const source = options.source ?? "scenario";
  const catalog = options.catalog ?? modelCatalog;
  const data = withBaselineTariffs(options.dataset ?? loadDataset(input.dataset, source), input.baselineTariffs, source);
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

/** Calibrated baselines of one scenario, by model parameters: each distinct parameter set is calibrated once. */
export type BaselineCache = Map<string, unknown>;

export interface SolvedPhase {
  report: PhaseReport;
  compiled: CompiledPhase;
  outcome: ModelOutcome;
}

/**
 * Steps 3–6 for one phase (with every shock in force: `phaseInForce`): calibrate (once per parameter set, through `baselines`), compile the
 * shocks on the dataset, solve against the baseline, and build the phase's report rows.
 */
export function solvePhase(
  prepared: PreparedScenario,
  scenario: NormalizedScenario,
  phase: PhaseInForce,
  baselines: BaselineCache,
  ctx: RunContext,
  definitions: Record<string, QuantityDefinition>,
  /** The phase's field in the scenario (`phases[k]`), for messages of the compiler. */
  phasePath: string,
): SolvedPhase {
  const { entry, data } = prepared;
  // 3. calibrate once per distinct parameter set (estimation, domestic sales, …)
  const key = JSON.stringify(phase.modelParams);
  if (!baselines.has(key)) baselines.set(key, entry.model.calibrate(data, phase.modelParams as never, ctx, prepared.estimation));
  const baseline = baselines.get(key);
  // 4. compile: shocks → dense policy arrays on the dataset's index order (closed-form rates from the baseline)
  const compiled = compilePhase(phase, data, entry.closedFormRates?.(baseline), { source: prepared.source, phasePath });
  // 5. solve against the baseline
  const outcome = entry.model.solve(baseline, compiled.policy, ctx);
  // 6. report: outcomes → rows keyed by the registry
  const report = { ...buildPhaseReport(compiled, outcome, data, scenario.reportRows, scenario.bilateral, definitions), appliedRates: compiled.appliedRates };
  return { report, compiled, outcome };
}

/** The run's report around its solved phases: scenario, dataset and model information, definitions, warnings. */
export function assembleReport(prepared: PreparedScenario, scenario: NormalizedScenario, phases: PhaseReport[], definitions: Record<string, QuantityDefinition>, ctx: RunContext): RunReport {
  const { data, entry, source } = prepared;
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
    phases,
    definitions,
    warnings: ctx.warnings,
  };
}

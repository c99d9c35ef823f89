import { loadScenarioDataset, loadScenarioDatasetSync } from "./data/datasetFile.js";
import { runEstimationStages } from "./estimation/estimationStages.js";
import type { Dataset } from "./data/dataset.js";
import { TradewindsInputError } from "./messages.js";
import { modelCatalog } from "./models/available.js";
import type { ModelCatalog } from "./models/catalog.js";
import { newRunContext, type ModelOutcome, type RunContext } from "./models/types.js";
import { prepareScenario } from "./pipeline.js";
import type { RunReport } from "./report/types.js";
import { runOnDataset } from "./runOnDataset.js";
import type { CompiledPhase } from "./scenario/compile.js";
import type { FilePolicy } from "./scenario/filePolicy.js";
import type { ScenarioDocument, ScenarioInput } from "./scenario/schema.js";
import { validateScenarioObject, validateScenarioText } from "./scenario/validate.js";
import { drawnParams, InvalidDrawError } from "./uncertainty/drawParams.js";
import { drawPlanOf, withUncertaintyBands } from "./uncertainty/runDraws.js";
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
  /**
   * Uncertainty draws: overrides the scenario's `uncertainty.draws` (0: the point estimate only). With
   * draws, the report carries 5–95% bands from the scenario's `uncertainty` section, solved in this thread.
   */
  draws?: number;
  /** Overrides the scenario's `uncertainty.seed`. */
  seed?: number;
  /** Solve draw `draw` of the scenario's uncertainty section alone (its parameters in every phase), no bands. */
  draw?: number;
}

/**
 * Runs a scenario end to end:
 *
 *   scenario text ─▶ validate ─▶ normalize ─▶ estimate ─▶ calibrate ─▶ compile ─▶ solve ─▶ report ─▶ bands
 *    (YAML/JSON)     (schema)    (defaults,    (optional    (baseline,    (shocks on  (model      (registry of  (optional:
 *                                groups,        PPML         once per      the data)   kernels)    outputs →     uncertainty
 *                                inheritance)   stages)      parameters)                           RunReport)    draws)
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
  const draws = options.draw !== undefined ? 0 : (options.draws ?? input.uncertainty?.draws ?? 0);
  // Draws need the uncertainty section: say so before anything is solved.
  const plan = draws > 0 || options.draw !== undefined ? drawPlanOf(input, source, options.seed) : undefined;
  // The estimation stages read files, so they run here, once, and are handed in (to the draws as well).
  let estimation: ReturnType<typeof runEstimationStages> | undefined;
  const estimate = () => (estimation ??= input.estimation ? runEstimationStages(input.estimation, options.files ?? "deny", source) : undefined);
  const drawn = options.draw;
  const entry = (options.catalog ?? modelCatalog)[input.model.type];
  const drawnByPhase: Record<string, unknown>[] = [];
  // 2–6. normalize, estimate, calibrate, compile, solve, report on the loaded dataset (runOnDataset.ts)
  // With draws, the point run is the first 1/(1 + draws) of the progress.
  const ctx = options.context ?? newRunContext();
  const dataset = options.dataset ?? loadedDataset(input, options.files ?? "deny", source, ctx);
  const pointContext: RunContext = draws > 0 ? { warnings: ctx.warnings, progress: ctx.progress && ((f) => ctx.progress!(f / (1 + draws))) } : ctx;
  const report = runOnDataset(input, dataset, {
    source,
    catalog: options.catalog,
    context: pointContext,
    estimate,
    onPhaseSolved: options.onPhaseSolved,
    // `run --draw k`: every phase at draw k's parameters (normalize checked the model and the section first).
    phaseParams: drawn === undefined ? undefined : (params, k) => (drawnByPhase[k] = drawnParamsOrInputError(() => drawnParams(plan!.parameters, plan!.seed, drawn, params, entry, dataset), source, drawn)),
  });
  if (drawn !== undefined) return { ...report, draw: { index: drawn, seed: plan!.seed, modelParams: Object.fromEntries(report.phases.map((p, k) => [p.name, drawnByPhase[k]])) } };
  if (draws === 0) return report;
  // 7. bands: the scenario solved at each draw of its uncertain parameters, in this thread
  const prepared = prepareScenario(input, { source, catalog: options.catalog, dataset, estimation: estimate() });
  const phases = prepared.scenario.phases.length;
  return withUncertaintyBands(report, prepared, { draws, seed: options.seed, onProgress: (done) => ctx.progress?.((phases * (1 + done)) / (phases * (1 + draws))) });
}

/** The dataset the scenario names, read under the file policy (embedded, or a dataset JSON; flows tables need runScenarioAsync); its warnings go to the run. */
function loadedDataset(input: ScenarioInput, files: FilePolicy, source: string, ctx: RunContext): Dataset {
  const loaded = loadScenarioDatasetSync(input.dataset, files, source);
  ctx.warnings.push(...loaded.warnings);
  return loaded.dataset;
}

/** Parameters the model rejects at a draw the user asked for are bad input (`run --draw k`). */
function drawnParamsOrInputError(draw: () => Record<string, unknown>, source: string, index: number): Record<string, unknown> {
  try {
    return draw();
  } catch (err) {
    if (err instanceof InvalidDrawError) throw new TradewindsInputError([{ source, path: "uncertainty", value: String(index), message: err.message }]);
    throw err;
  }
}

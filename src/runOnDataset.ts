import { withBaselineTariffs, type Dataset } from "./data/dataset.js";
import type { EstimationStages } from "./estimation/estimationStages.js";
import { modelCatalog } from "./models/available.js";
import type { ModelCatalog } from "./models/catalog.js";
import { newRunContext, type ModelOutcome, type RunContext } from "./models/types.js";
import { message } from "./messages.js";
import { moneyUnitsOf } from "./report/money.js";
import type { QuantityDefinition } from "./report/registry.js";
import type { PhaseReport, RunReport } from "./report/types.js";
import type { CompiledPhase } from "./scenario/compile.js";
import { normalizeScenario, phaseInForce } from "./scenario/normalize.js";
import type { ScenarioInput } from "./scenario/schema.js";
import { assembleReport, solvePhase, type PhaseContext, type PhaseSolver } from "./pipelineSteps.js";

export type { PhaseSolver };

export interface RunOnDatasetOptions {
  /** Where the scenario came from, for error messages. */
  source?: string;
  catalog?: ModelCatalog;
  context?: RunContext;
  /** Runs the scenario's estimation stages (step 2b, after normalize); they read files, so only the Node runner passes it. */
  estimate?: () => EstimationStages | undefined;
  /** Calibrated baselines by model parameters (JSON), kept across runs on the same dataset by a caller that re-solves. */
  baselines?: Map<string, unknown>;
  /** Replaces step 5 (the dashboard's worker starts each phase from its previous solution). */
  solvePhase?: PhaseSolver;
  /** Called after each phase is solved with its compiled policy and the model's outcome. */
  onPhaseSolved?: (phase: CompiledPhase, outcome: ModelOutcome) => void;
  /** Replaces phase `index`'s model parameters before it is calibrated and solved (an uncertainty draw: `run --draw k`). */
  phaseParams?: (params: Record<string, unknown>, index: number) => Record<string, unknown>;
}

/**
 * Steps 2–6 of the pipeline on a loaded dataset, without I/O (so the browser runs the same code):
 *
 *   typed scenario ─▶ normalize ─▶ (estimate) ─▶ calibrate ─▶ compile ─▶ solve ─▶ report
 *
 * A generator: it yields after each phase (its report), and returns the whole RunReport; a caller
 * that must stay responsive (the dashboard's worker) can stop between phases. `runOnDataset` runs it
 * to the end. Bad input throws `TradewindsInputError`; non-convergence is reported in the phase.
 */
export function* runOnDatasetSteps(input: ScenarioInput, dataset: Dataset, options: RunOnDatasetOptions = {}): Generator<PhaseReport, RunReport, void> {
  const source = options.source ?? "scenario";
  const catalog = options.catalog ?? modelCatalog;
  const ctx = options.context ?? newRunContext();
  const data = withBaselineTariffs(dataset, input.baselineTariffs, source);
  // 2. normalize: groups → members, inheritance → full shock lists, model parameters checked
  const scenario = normalizeScenario(input, data, catalog, source);
  ctx.warnings.push(...scenario.warnings);
  const entry = catalog[scenario.modelType]; // normalizeScenario checked it is the catalog's own entry
  // 2b. estimate: the scenario's PPML stages, whose coefficients and fixed effects the model may use for its baseline
  const estimation = options.estimate?.();
  const definitions: Record<string, QuantityDefinition> = {};
  // The dataset's units in dollars, for the money figures; words that do not say them leave those figures out, and the run says why.
  if (!moneyUnitsOf(data.meta.units, data.meta.year)) ctx.warnings.push(message.moneyUnitsUnknown(data.meta.units));
  const baselines = options.baselines ?? new Map<string, unknown>();
  const at: PhaseContext = { source, data, entry, scenario, baselineTariffs: input.baselineTariffs, estimation };
  const reports: PhaseReport[] = [];
  for (let k = 0; k < scenario.phases.length; k++) {
    const written = phaseInForce(scenario.phases, k);
    const phase = options.phaseParams ? { ...written, modelParams: options.phaseParams(written.modelParams, k) } : written;
    // 3–6. calibrate, compile, solve, report (pipelineSteps.ts)
    const solved = solvePhase(at, phase, k, baselines, ctx, definitions, options.solvePhase);
    options.onPhaseSolved?.(solved.compiled, solved.outcome);
    ctx.progress?.((k + 1) / scenario.phases.length);
    reports.push(solved.report);
    yield solved.report;
  }
  return assembleReport(at, reports, definitions, ctx);
}

/** `runOnDatasetSteps` run to the end. */
export function runOnDataset(input: ScenarioInput, dataset: Dataset, options: RunOnDatasetOptions = {}): RunReport {
  const steps = runOnDatasetSteps(input, dataset, options);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

import { withBaselineTariffs, type Dataset } from "./data/dataset.js";
import type { EstimationStages } from "./estimation/estimationStages.js";
import { modelCatalog } from "./models/available.js";
import type { ModelCatalog, ModelEntry } from "./models/catalog.js";
import { newRunContext, type ModelOutcome, type RunContext } from "./models/types.js";
import { buildPhaseReport } from "./report/build.js";
import type { QuantityDefinition } from "./report/registry.js";
import type { PhaseReport, RunReport } from "./report/types.js";
import { compilePhase, type CompiledPhase } from "./scenario/compile.js";
import { normalizeScenario, phaseInForce } from "./scenario/normalize.js";
import type { ScenarioInput } from "./scenario/schema.js";
import { VERSION } from "./version.js";

/** Solves one compiled phase against its baseline; the default is the model's own cold solve. */
export type PhaseSolver = (step: { entry: ModelEntry; baseline: unknown; phase: CompiledPhase; index: number; context: RunContext }) => ModelOutcome;

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
  const baselines = options.baselines ?? new Map<string, unknown>();
  const reports: PhaseReport[] = [];
  for (let k = 0; k < scenario.phases.length; k++) {
    const normalized = scenario.phases[k];
    // 3. calibrate once per distinct parameter set (estimation, domestic sales, …)
    const key = JSON.stringify([input.baselineTariffs ?? null, normalized.modelParams]);
    if (!baselines.has(key)) baselines.set(key, entry.model.calibrate(data, normalized.modelParams as never, ctx, estimation));
    const baseline = baselines.get(key);
    // 4. compile: shocks → dense policy arrays on the dataset's index order (closed-form rates from the baseline)
    const phase = compilePhase(phaseInForce(scenario.phases, k), data, entry.closedFormRates?.(baseline), { source, phasePath: `phases[${k}]` });
    // 5. solve against the baseline
    const outcome = options.solvePhase ? options.solvePhase({ entry, baseline, phase, index: k, context: ctx }) : entry.model.solve(baseline, phase.policy, ctx);
    options.onPhaseSolved?.(phase, outcome);
    ctx.progress?.((k + 1) / scenario.phases.length);
    // 6. report: outcomes → rows keyed by the registry
    const report = { ...buildPhaseReport(phase, outcome, data, scenario.reportRows, scenario.bilateral, definitions), appliedRates: phase.appliedRates };
    reports.push(report);
    yield report;
  }
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

/** `runOnDatasetSteps` run to the end. */
export function runOnDataset(input: ScenarioInput, dataset: Dataset, options: RunOnDatasetOptions = {}): RunReport {
  const steps = runOnDatasetSteps(input, dataset, options);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

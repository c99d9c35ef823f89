import type { Dataset } from "./data/dataset.js";
import type { EstimationStages } from "./estimation/estimationStages.js";
import type { ModelOutcome, RunContext } from "./models/types.js";
import { hasDealParts, solveWithTargets } from "./models/instruments/solveTargets.js";
import { buildPhaseReport } from "./report/build.js";
import { comparePhases } from "./report/comparePhases.js";
import { moneyUnitsOf } from "./report/money.js";
import type { QuantityDefinition } from "./report/registry.js";
import type { PhaseReport, RunReport } from "./report/types.js";
import type { ClosedFormRates, ModelEntry } from "./models/catalog.js";
import { compilePhase, type CompiledPhase } from "./scenario/compile.js";
import type { NormalizedScenario, NormalizedShock, PhaseInForce } from "./scenario/normalize.js";
import { VERSION } from "./version.js";

/**
 * Steps 3–6 of the pipeline for one phase, and the report around the phases — without I/O, so the
 * browser (runOnDataset), the CLI and the sweep engines run the same code.
 */

/** Solves one compiled phase against its baseline; the default is the model's own cold solve. */
export type PhaseSolver = (step: { entry: ModelEntry; baseline: unknown; phase: CompiledPhase; index: number; context: RunContext }) => ModelOutcome;

/** Calibrated baselines by (baseline tariff set, model parameters), JSON: each distinct set is calibrated once. */
export type BaselineCache = Map<string, unknown>;

/** What the steps of a phase need: the dataset (with its baseline tariffs), the model, the normalized scenario, the estimation. */
export interface PhaseContext {
  source: string;
  data: Dataset;
  entry: ModelEntry;
  scenario: NormalizedScenario;
  /** The scenario's `baselineTariffs` (part of the baseline cache's key). */
  baselineTariffs?: string;
  estimation?: EstimationStages;
}

export interface SolvedPhase {
  report: PhaseReport;
  compiled: CompiledPhase;
  outcome: ModelOutcome;
}

/**
 * Steps 3–6 for phase `index` (with every shock in force, `phaseInForce`): calibrate once per distinct
 * parameter set (through `baselines`), compile the shocks on the dataset, solve against the baseline
 * (`solver`, default the model's own), build the phase's report rows.
 */
export function solvePhase(
  at: PhaseContext,
  phase: PhaseInForce,
  index: number,
  baselines: BaselineCache,
  ctx: RunContext,
  definitions: Record<string, QuantityDefinition>,
  solver?: PhaseSolver,
  /** Report only these keys of the countries and groups, no sector rows (a sweep's cells: report/build.ts ReportContext.keys). */
  reportKeys?: ReadonlySet<string>,
): SolvedPhase {
  const { entry, data } = at;
  // 3. calibrate once per distinct parameter set (estimation, domestic sales, …)
  const key = JSON.stringify([at.baselineTariffs ?? null, phase.modelParams]);
  if (!baselines.has(key)) baselines.set(key, entry.model.calibrate(data, phase.modelParams as never, ctx, at.estimation));
  const baseline = baselines.get(key);
  // 4. compile: shocks → dense policy arrays on the dataset's index order (closed-form rates from the baseline)
  const compiled = compileOnce(phase, data, entry.closedFormRates?.(baseline), { source: at.source, phasePath: `phases[${index}]` });
  // 5. solve against the baseline; quantity targets (quotas, commitments, restrictions) by their endogenous wedges,
  // so a phase with deal instruments is always solved here, whatever `solver` would do with a plain phase
  const outcome =
    solver && !hasDealParts(compiled.policy) ? solver({ entry, baseline, phase: compiled, index, context: ctx }) : solveWithTargets(entry, baseline, compiled.policy, ctx, data, at.source, phase.modelParams);
  // 6. report: outcomes → rows keyed by the registry
  const money = moneyUnitsOf(data.meta.units, data.meta.year);
  const report = { ...buildPhaseReport(compiled, outcome, data, at.scenario.reportRows, at.scenario.bilateral, definitions, { modelType: at.scenario.modelType, money, keys: reportKeys }), appliedRates: compiled.appliedRates };
  return { report, compiled, outcome };
}

/**
 * compilePhase, reusing the policy compiled for the same shocks (the same array: a sweep's draws share their
 * phases' shocks) on the same dataset where no shock takes a rate from the calibrated model (optimal tariffs
 * do, and the baseline differs by draw). A compiled policy is read only, so its arrays can be shared: a
 * sweep then compiles each phase once instead of once a draw (two N²·S arrays a phase fewer to allocate).
 */
function compileOnce(phase: PhaseInForce, data: Dataset, rates: ClosedFormRates | undefined, where: { source: string; phasePath: string }): CompiledPhase {
  if (phase.shocks.some((s) => s.type === "optimal-tariff" || s.type === "optimal-retaliation")) return compilePhase(phase, data, rates, where);
  const kept = compiledPolicies.get(phase.shocks);
  if (kept && kept.data === data && kept.source === where.source && kept.phasePath === where.phasePath) {
    const { name, date, description, modelParams } = phase;
    return { name, date, description, modelParams, policy: kept.compiled.policy, appliedRates: kept.compiled.appliedRates };
  }
  const compiled = compilePhase(phase, data, rates, where);
  compiledPolicies.set(phase.shocks, { data, ...where, compiled });
  return compiled;
}
const compiledPolicies = new WeakMap<readonly NormalizedShock[], { data: Dataset; source: string; phasePath: string; compiled: CompiledPhase }>();

/** The run's report around its solved phases: scenario, dataset and model information, definitions, warnings. */
export function assembleReport(at: PhaseContext, phases: PhaseReport[], definitions: Record<string, QuantityDefinition>, ctx: RunContext): RunReport {
  const { data, entry, scenario, source } = at;
  // compareWith: each such phase also relative to the phase it names (both relative to the same baseline)
  scenario.phases.forEach((normalized, k) => {
    if (normalized.compareWith !== undefined && phases[k] && phases[normalized.compareWith]) phases[k].comparison = comparePhases(phases[k], phases[normalized.compareWith], definitions);
  });
  const money = moneyUnitsOf(data.meta.units, data.meta.year);
  return {
    tradewinds: VERSION,
    scenario: { name: scenario.name, description: scenario.description, source },
    dataset: {
      name: data.meta.name,
      title: data.meta.title,
      year: data.meta.year,
      baselineTariffs: data.baselineTariffs,
      units: data.meta.units,
      ...(money && { money }),
      source: data.meta.source,
      licence: data.meta.licence,
      attribution: data.meta.attribution,
    },
    model: { type: scenario.modelType, description: entry.description },
    tableKeys: entry.tableKeys.filter((key) => key in definitions),
    sectorTableKeys: (entry.sectorTableKeys ?? []).filter((key) => key in definitions),
    ...(scenario.reportSectors && { tableSectors: scenario.reportSectors }),
    phases,
    definitions,
    warnings: ctx.warnings,
  };
}

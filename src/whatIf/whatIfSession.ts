import type { Dataset } from "../data/dataset.js";
import { modelCatalog } from "../models/available.js";
import type { ModelCatalog } from "../models/catalog.js";
import { newRunContext, type CompiledPolicy, type ModelOutcome } from "../models/types.js";
import type { PhaseReport, RunReport } from "../report/types.js";
import { runOnDatasetSteps, type PhaseSolver } from "../runOnDataset.js";
import type { ScenarioInput } from "../scenario/schema.js";

/** How one phase of a what-if run was obtained. */
export interface PhaseSolveTiming {
  phase: string;
  /** "cold": from the baseline; "warm": from this phase's previous solution; "unchanged": its policy did not change, the previous outcome is reused. */
  start: "cold" | "warm" | "unchanged";
  /** Whether the outcome is the cold solve's, i.e. what `tradewinds run` gives for the same scenario. */
  exact: boolean;
  /** Wall time of the model's solve, ms (0 when unchanged). */
  ms: number;
  iterations: number;
  converged: boolean;
}

interface SolvedPhase {
  paramsKey: string;
  policy: CompiledPolicy;
  outcome: ModelOutcome;
  /** Solved from the baseline (as `tradewinds run` does), not warm. */
  exact: boolean;
  /** Warnings the solve added to the run's context, given again when the outcome is reused. */
  warnings: string[];
}

/**
 * How a what-if run solves a phase whose policy changed: "warm" from the phase's previous solution (fast;
 * the same equilibrium to the solver's tolerance), "exact" from the baseline as `tradewinds run` does (the
 * same numbers to the last digit: a warm start stops elsewhere within the tolerance, e.g. 1e-6 pp on a
 * Liberation Day deficit change, 1e-5 pp on a Caliendo–Parro import change).
 */
export type WhatIfMode = "warm" | "exact";

/**
 * Re-solves variants of a scenario on one dataset, each phase starting from its own previous solution
 * (the dashboard's what-if; it runs in a Web Worker). Calibrated baselines are kept across runs; a phase
 * whose compiled policy did not change reuses its outcome (in "exact" mode only an exact one). The steps
 * are the library's pipeline (runOnDataset.ts) with step 5 replaced: the same code as `tradewinds run`.
 */
export class WhatIfSession {
  private readonly baselines = new Map<string, unknown>();
  private readonly solved = new Map<string, SolvedPhase>();
  /** The compiled policy of each phase (by name) in the latest run. */
  private readonly policies = new Map<string, CompiledPolicy>();

  constructor(
    readonly dataset: Dataset,
    private readonly catalog: ModelCatalog = modelCatalog,
  ) {}

  /**
   * The tariff importer `j` levies on exporter `i` in sector `s` in a phase of the latest run (a share),
   * or the mean over sectors when `s` is undefined; undefined for a phase that was not run.
   */
  tariffInForce(phase: string, i: number, j: number, s: number | undefined): number | undefined {
    const policy = this.policies.get(phase);
    if (!policy) return undefined;
    const N = this.dataset.countries.length;
    const S = this.dataset.sectors.length;
    if (s !== undefined) return policy.tariffs[(s * N + i) * N + j];
    let sum = 0;
    for (let t = 0; t < S; t++) sum += policy.tariffs[(t * N + i) * N + j];
    return sum / S;
  }

  /**
   * Runs the scenario; yields after each phase so that a caller can stop between phases (a newer
   * request arrived), and returns the report with each phase's timing.
   */
  *run(input: ScenarioInput, options: { source?: string; mode?: WhatIfMode } = {}): Generator<PhaseReport, { report: RunReport; timings: PhaseSolveTiming[] }, void> {
    const exact = options.mode === "exact";
    const timings: PhaseSolveTiming[] = [];
    const context = newRunContext();
    const solvePhase: PhaseSolver = ({ entry, baseline, phase }) => {
      const paramsKey = JSON.stringify([input.baselineTariffs ?? null, phase.modelParams]);
      const slot = `${phase.name}\u0000${paramsKey}`;
      const before = this.solved.get(slot);
      this.policies.set(phase.name, phase.policy);
      if (before && (before.exact || !exact) && samePolicy(before.policy, phase.policy)) {
        context.warnings.push(...before.warnings);
        timings.push({ phase: phase.name, start: "unchanged", exact: before.exact, ms: 0, iterations: 0, converged: before.outcome.solver.converged });
        return before.outcome;
      }
      let start = !exact && before ? before.outcome.warmStart : undefined;
      const warningsBefore = context.warnings.length;
      const t0 = performance.now();
      let outcome = entry.model.solve(baseline as never, phase.policy, context, start);
      if (start !== undefined && !outcome.solver.converged) {
        // A warm start too far from the new equilibrium: drop its warnings and solve from the baseline.
        context.warnings.length = warningsBefore;
        start = undefined;
        outcome = entry.model.solve(baseline as never, phase.policy, context);
      }
      const ms = performance.now() - t0;
      timings.push({ phase: phase.name, start: start === undefined ? "cold" : "warm", exact: start === undefined, ms, iterations: outcome.solver.iterations, converged: outcome.solver.converged });
      this.solved.set(slot, { paramsKey, policy: phase.policy, outcome, exact: start === undefined, warnings: context.warnings.slice(warningsBefore) });
      return outcome;
    };
    const report = yield* runOnDatasetSteps(input, this.dataset, { source: options.source, catalog: this.catalog, context, baselines: this.baselines, solvePhase });
    return { report, timings };
  }
}

/** Same tariffs, trade-cost factors, covariates and tariff setters (a phase with this policy has the same equilibrium). */
export function samePolicy(a: CompiledPolicy, b: CompiledPolicy): boolean {
  const sameArray = (x: Float64Array, y: Float64Array) => x.length === y.length && x.every((v, k) => Object.is(v, y[k]));
  const namesA = Object.keys(a.covariates).sort();
  const namesB = Object.keys(b.covariates).sort();
  return (
    sameArray(a.tariffs, b.tariffs) &&
    sameArray(a.tradeCostFactors, b.tradeCostFactors) &&
    namesA.join("\u0000") === namesB.join("\u0000") &&
    namesA.every((name) => sameArray(a.covariates[name], b.covariates[name])) &&
    (a.tariffSetters ?? []).join(",") === (b.tariffSetters ?? []).join(",")
  );
}

/** `run` to the end. */
export function runWhatIf(session: WhatIfSession, input: ScenarioInput, options: { source?: string; mode?: WhatIfMode } = {}): { report: RunReport; timings: PhaseSolveTiming[] } {
  const steps = session.run(input, options);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

import type { Dataset } from "../../data/dataset.js";
import { message } from "../../messages.js";
import { assertFinite } from "../../solver/result.js";
import type { CompiledPolicy, Model, ModelOutcome, RunContext } from "../types.js";
import { calibrateLashkaripour, type LashkaripourBaseline } from "./baseline.js";
import { newLashkaripourState, prepareSystem, type LashkaripourState } from "./equilibrium.js";
import { lashkaripourOutcome } from "./outcome.js";
import type { LashkaripourParams } from "./params.js";
import { solveSystem, type SystemSolveOptions } from "./solve.js";

/** A solved counterfactual with the solution itself: ŵ (N), Ŷ (N), τ of each tariff setter (ascending country order). */
export interface LashkaripourOutcome extends ModelOutcome {
  solution: Float64Array;
  setters: Int32Array;
  /** The evaluated equilibrium (shares, flows, price indices) at the solution. */
  state: LashkaripourState;
}

/**
 * Solves one policy against the balanced baseline: counterfactual tariffs t′, trade-cost factors d̂
 * (Infinity: embargo) and tariff setters (each its optimal uniform tariff; all: the Nash tariff war).
 * Non-convergence (of this solve or of the baseline's balancing) is reported in the record and in
 * ctx.warnings; values are always finite.
 */
export function solveLashkaripour(baseline: LashkaripourBaseline, policy: CompiledPolicy, ctx: RunContext, options: SystemSolveOptions = {}): LashkaripourOutcome {
  const { economy, codes, balance } = baseline;
  const { N, S } = economy;
  const size = S * N * N;
  if (policy.tariffs.length !== size || policy.tradeCostFactors.length !== size) {
    throw new Error(`internal: compiled policy arrays have ${policy.tariffs.length}/${policy.tradeCostFactors.length} entries, the dataset needs ${size}`);
  }
  const state = newLashkaripourState(N, S);
  const notes: string[] = [];
  const system = prepareSystem(economy, policy.tariffs, policy.tradeCostFactors, policy.tariffSetters ?? [], codes, state, policy.origin, notes, policy);
  ctx.warnings.push(...notes);
  const { value: solution, ...record } = solveSystem(system, state, { tolerance: baseline.params.tolerance, ...options });
  const balanceWarnings = balance.converged ? [] : [`balanced baseline: ${message.notConverged(balance.method, balance.iterations, balance.residual, balance.tolerance)}`, ...balance.warnings];
  const solver = { ...record, converged: record.converged && balance.converged, warnings: [...balanceWarnings, ...record.warnings] };
  if (!record.converged) ctx.warnings.push(message.notConverged(record.method, record.iterations, record.residual, record.tolerance), ...record.warnings);
  const outcome = lashkaripourOutcome(system, state, solution, solver, baseline.data.gdp);
  for (const [key, values] of Object.entries({ ...outcome.countries, ...outcome.sectors })) assertFinite(values, key);
  assertFinite(solution, "solution");
  return { ...outcome, solution, setters: system.setters, state, warmStart: solution };
}

/**
 * Lashkaripour (2021), The Cost of a Global Tariff War: A Sufficient-Statistics Approach (JIE 131), as the
 * tariffwar package implements it (spec tariffwar.md): many sectors, no input–output links, tariff
 * revenue rebated, trade balanced in the baseline and the counterfactual; the counterfactual of any
 * tariff/trade-cost policy, and optimal uniform tariffs of any set of countries (`nash-tariffs`).
 */
export const lashkaripourModel: Model<LashkaripourParams, LashkaripourBaseline> = {
  id: "lashkaripour",
  calibrate(data: Dataset, params: LashkaripourParams, ctx: RunContext): LashkaripourBaseline {
    const baseline = calibrateLashkaripour(data, params);
    if (!baseline.balance.converged) ctx.warnings.push(`balanced baseline: ${message.notConverged(baseline.balance.method, baseline.balance.iterations, baseline.balance.residual, baseline.balance.tolerance)}`);
    return baseline;
  },
  // A warm start is an earlier outcome's solution vector (ŵ, Ŷ, τ of the setters).
  solve(baseline: LashkaripourBaseline, policy: CompiledPolicy, ctx: RunContext, start?: unknown): ModelOutcome {
    const { solution: _s, setters: _p, state: _state, ...outcome } = solveLashkaripour(baseline, policy, ctx, start instanceof Float64Array ? { start } : {});
    return outcome;
  },
};

import type { Dataset } from "../../data/dataset.js";
import type { EstimationStages } from "../../estimation/estimationStages.js";
import { TradewindsInputError, message } from "../../messages.js";
import { isolationIssue } from "../isolationIssues.js";
import type { CompiledPolicy, Model, ModelOutcome, RunContext } from "../types.js";
import { agOutcome } from "./agOutcome.js";
import { solveAgExactFullGe } from "./agExactFullGe.js";
import { solveAgStataLoop } from "./agStataLoop.js";
import { columnTotals, fittedFlows, rowTotals, solveFixedEffectsIpf, type FixedEffects } from "./fixedEffectsIpf.js";
import type { AgParams } from "./params.js";
import { referenceIndex, requireOneSector } from "./referenceCountry.js";
import { compensatedSum } from "../../util/sum.js";
import { applyTradeIsolation, counterfactualTradeCosts, gravityAccounts, tradeCostsFromCovariates } from "./tradeCosts.js";
import { estimateCrossSectionCoefficients, estimatedCoefficients, estimatedPairCosts } from "./estimatedTradeCosts.js";
import { mapToFloat64 } from "../../util/typedArrays.js";

/**
 * The Advanced Guide's GEPPML structural gravity model (Yotov, Piermartini, Monteiro & Larch 2016,
 * Ch. 2; spec one-sector.md §1): calibrate = baseline trade costs τ^BLN = τ̄ · exp(Σ β x) (β from the
 * baseline PPML, fixed coefficients or a scenario estimation stage; τ̄ = 1 or estimated pair effects,
 * estimatedTradeCosts.ts) and the baseline fixed effects; solve = conditional GE (§1.4) and full-endowment GE (§1.5,
 * the literal Stata loop by default, or the exact fixed point).
 */
export interface AgBaseline {
  data: Dataset;
  params: AgParams;
  N: number;
  reference: number;
  coefficients: Record<string, number>;
  /** τ̄_ij, the pair term of τ that no covariate explains (estimated pair effects), [i*N + j]; null = 1. */
  pairCosts: Float64Array | null;
  /** τ^BLN, [i*N + j]. */
  tradeCosts: Float64Array;
  /** Observed Y_i (row totals) and E_j (column totals), domestic flows included. */
  output: Float64Array;
  expenditure: Float64Array;
  /** φ_i = E_i / Y_i. */
  expenditureOutputRatio: Float64Array;
  /** Baseline fixed effects exp(π⁰), exp(χ⁰) and fitted flows tradehat_BLN. */
  effects: FixedEffects;
  fitted: Float64Array;
}

export function calibrateAg(data: Dataset, params: AgParams, ctx: RunContext, estimation?: EstimationStages): AgBaseline {
  requireOneSector(data, "ag");
  const N = data.countries.length;
  const reference = referenceIndex(data, params.reference);
  const coefficients = params.estimated?.coefficients
    ? estimatedCoefficients(params.estimated.coefficients, estimation)
    : (params.coefficients ?? estimateCrossSectionCoefficients(data, params.regressors, ctx));
  const pairCosts = params.estimated?.pairCosts ? estimatedPairCosts(data, params.estimated.pairCosts, estimation) : null;
  const tradeCosts = withPairCosts(tradeCostsFromCovariates(N, data.covariates, coefficients), pairCosts);
  const output = rowTotals(N, data.flows, new Float64Array(N));
  const expenditure = columnTotals(N, data.flows, new Float64Array(N));
  const expenditureOutputRatio = mapToFloat64(expenditure, (e, i) => e / output[i]);
  const fit = solveFixedEffectsIpf({ N, tradeCosts, rowTargets: output, columnTargets: expenditure, reference });
  if (!fit.converged) ctx.warnings.push(message.notConverged("ipf (AG baseline)", fit.iterations, fit.residual, fit.tolerance));
  const fitted = fittedFlows(N, tradeCosts, fit.value, new Float64Array(N * N));
  return { data, params, N, reference, coefficients, pairCosts, tradeCosts, output, expenditure, expenditureOutputRatio, effects: fit.value, fitted };
}

/** τ · τ̄ in place (τ̄ = null: unchanged). An embargoed pair (τ = 0) stays 0. */
function withPairCosts(tradeCosts: Float64Array, pairCosts: Float64Array | null): Float64Array {
  if (pairCosts) for (let k = 0; k < tradeCosts.length; k++) tradeCosts[k] *= pairCosts[k];
  return tradeCosts;
}

/**
 * The conditional GE's column targets: the data's expenditures, unless trade isolation split the world into
 * groups that no longer trade with each other (`separated`, beside the reference's group) and a group's
 * expenditure differs from its output — then no fixed-effects fit meets both totals (a group can only
 * spend what it sells to itself), so each group's expenditures are scaled to its output. Returns
 * `expenditure` itself when nothing changes.
 */
function conditionalColumnTargets(output: Float64Array, expenditure: Float64Array, separated: number[][]): Float64Array {
  if (separated.length === 0) return expenditure;
  const inSeparated = new Set(separated.flat());
  const groups = [...separated, [...output.keys()].filter((n) => !inSeparated.has(n))];
  const targets = Float64Array.from(expenditure);
  let changed = false;
  for (const members of groups) {
    const sold = compensatedSum(members.map((n) => output[n]));
    const spent = compensatedSum(members.map((n) => expenditure[n]));
    if (spent > 0 && Math.abs(sold / spent - 1) > GROUP_BALANCE_TOLERANCE) {
      for (const n of members) targets[n] = expenditure[n] * (sold / spent);
      changed = true;
    }
  }
  return changed ? targets : expenditure;
}

/** A group's output and expenditure that agree this closely are taken as balanced (rounding in the data). */
const GROUP_BALANCE_TOLERANCE = 1e-12;

export function solveAg(baseline: AgBaseline, policy: CompiledPolicy, ctx: RunContext): ModelOutcome {
  const { data, params, N, reference, output, expenditure } = baseline;
  const baselineTariffs = data.baselineTariffs ? data.tariffs[data.baselineTariffs] : undefined;
  const tau = withPairCosts(counterfactualTradeCosts(N, params.sigma, data.covariates, baseline.coefficients, policy, baselineTariffs, "ag", data.countries.map((c) => c.code)), baseline.pairCosts);
  const codes = data.countries.map((c) => c.code);
  // φ of the counterfactual: the data's E/Y (multiplicative imbalances), or 1 (imbalances: balanced).
  const expenditureOutputRatio = params.imbalances === "balanced" ? new Float64Array(N).fill(1) : baseline.expenditureOutputRatio;
  const isolation = applyTradeIsolation(N, tau, mapToFloat64(expenditureOutputRatio, (phi) => phi - 1), codes, reference, policy.origin);
  if (isolation.separated.length && params.fullGe === "stata") {
    const [first] = isolation.separated;
    const members = first.map((code) => codes.indexOf(code));
    throw new TradewindsInputError([isolationIssue(members, first, policy.origin, message.stataLoopNeedsConnectedWorld(first))]);
  }
  ctx.warnings.push(...isolation.notes);
  const conditionalTargets = conditionalColumnTargets(output, expenditure, isolation.separated.map((members) => members.map((code) => codes.indexOf(code))));
  if (conditionalTargets !== expenditure) ctx.warnings.push(message.conditionalTargetsPerComponent(isolation.separated.flat()));
  const conditionalFit = solveFixedEffectsIpf({ N, tradeCosts: tau, rowTargets: output, columnTargets: conditionalTargets, reference });
  if (!conditionalFit.converged) ctx.warnings.push(message.notConverged("ipf (AG conditional GE)", conditionalFit.iterations, conditionalFit.residual, conditionalFit.tolerance));
  const conditionalFlows = fittedFlows(N, tau, conditionalFit.value, new Float64Array(N * N));
  const input = {
    N,
    sigma: params.sigma,
    reference,
    counterfactualTradeCosts: tau,
    expenditureOutputRatio,
    output,
    expenditure,
    baseline: baseline.effects,
    conditional: conditionalFit.value,
    conditionalFlows,
  };
  const full = params.fullGe === "exact" ? solveAgExactFullGe(input) : solveAgStataLoop(input, { maxPasses: params.maxLoopPasses });
  if (!full.converged) ctx.warnings.push(message.notConverged(full.method, full.iterations, full.residual, full.tolerance));
  ctx.warnings.push(...full.warnings);
  return { ...agOutcome(baseline, tau, conditionalFit.value, conditionalFlows, full, expenditureOutputRatio), accounts: gravityAccounts(output, baselineTariffs, policy) };
}

export const agModel: Model<AgParams, AgBaseline> = {
  id: "ag",
  calibrate: calibrateAg,
  solve: solveAg,
};

import type { Dataset } from "../../data/dataset.js";
import { fitPoissonFixedEffects } from "../../estimation/poissonIrls.js";
import { TradewindsInputError, message, show } from "../../messages.js";
import type { CompiledPolicy, Model, ModelOutcome, RunContext } from "../types.js";
import { agOutcome } from "./agOutcome.js";
import { solveAgExactFullGe } from "./agExactFullGe.js";
import { solveAgStataLoop } from "./agStataLoop.js";
import { columnTotals, fittedFlows, rowTotals, solveFixedEffectsIpf, type FixedEffects } from "./fixedEffectsIpf.js";
import type { AgParams } from "./params.js";
import { referenceIndex, requireOneSector } from "./referenceCountry.js";
import { counterfactualTradeCosts, tradeCostsFromCovariates } from "./tradeCosts.js";

/**
 * The Advanced Guide's GEPPML structural gravity model (Yotov, Piermartini, Monteiro & Larch 2016,
 * Ch. 2; spec one-sector.md §1): calibrate = baseline PPML (estimated coefficients or fixed ones),
 * τ^BLN, and the baseline fixed effects; solve = conditional GE (§1.4) and full-endowment GE (§1.5,
 * the literal Stata loop by default, or the exact fixed point).
 */
export interface AgBaseline {
  data: Dataset;
  params: AgParams;
  N: number;
  reference: number;
  coefficients: Record<string, number>;
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

export function calibrateAg(data: Dataset, params: AgParams, ctx: RunContext): AgBaseline {
  requireOneSector(data, "ag");
  const N = data.countries.length;
  const reference = referenceIndex(data, params.reference);
  const coefficients = params.coefficients ?? estimateCoefficients(data, params, reference, ctx);
  const tradeCosts = tradeCostsFromCovariates(N, data.covariates, coefficients);
  const output = rowTotals(N, data.flows, new Float64Array(N));
  const expenditure = columnTotals(N, data.flows, new Float64Array(N));
  const expenditureOutputRatio = Float64Array.from(expenditure, (e, i) => e / output[i]);
  const fit = solveFixedEffectsIpf({ N, tradeCosts, rowTargets: output, columnTargets: expenditure, reference });
  if (!fit.converged) ctx.warnings.push(message.notConverged("ipf (AG baseline)", fit.iterations, fit.residual, fit.tolerance));
  const fitted = fittedFlows(N, tradeCosts, fit.value, new Float64Array(N * N));
  return { data, params, N, reference, coefficients, tradeCosts, output, expenditure, expenditureOutputRatio, effects: fit.value, fitted };
}

/** The baseline PPML of trade on exporter FE, importer FE (reference omitted) and the regressors. */
function estimateCoefficients(data: Dataset, params: AgParams, reference: number, ctx: RunContext): Record<string, number> {
  const covariates: Record<string, Float64Array> = {};
  for (const name of params.regressors) {
    const column = data.covariates[name];
    if (!column) {
      throw new TradewindsInputError([
        { source: "model parameters", path: "regressors", value: show(name), message: message.unknownCovariate(name, Object.keys(data.covariates)) },
      ]);
    }
    covariates[name] = column;
  }
  const fit = fitPoissonFixedEffects({ y: data.flows, N: data.countries.length, covariates, reference });
  ctx.warnings.push(...fit.solver.warnings);
  if (!fit.converged) ctx.warnings.push(message.notConverged("poisson-irls (AG baseline PPML)", fit.iterations, fit.solver.residual, fit.solver.tolerance));
  return fit.coefficients;
}

export function solveAg(baseline: AgBaseline, policy: CompiledPolicy, ctx: RunContext): ModelOutcome {
  const { data, params, N, reference, output, expenditure } = baseline;
  const baselineTariffs = data.baselineTariffs ? data.tariffs[data.baselineTariffs] : undefined;
  const tau = counterfactualTradeCosts(N, params.sigma, data.covariates, baseline.coefficients, policy, baselineTariffs, "ag");
  const conditionalFit = solveFixedEffectsIpf({ N, tradeCosts: tau, rowTargets: output, columnTargets: expenditure, reference });
  if (!conditionalFit.converged) ctx.warnings.push(message.notConverged("ipf (AG conditional GE)", conditionalFit.iterations, conditionalFit.residual, conditionalFit.tolerance));
  const conditionalFlows = fittedFlows(N, tau, conditionalFit.value, new Float64Array(N * N));
  const input = {
    N,
    sigma: params.sigma,
    reference,
    counterfactualTradeCosts: tau,
    expenditureOutputRatio: baseline.expenditureOutputRatio,
    output,
    expenditure,
    baseline: baseline.effects,
    conditional: conditionalFit.value,
    conditionalFlows,
  };
  const full = params.fullGe === "exact" ? solveAgExactFullGe(input) : solveAgStataLoop(input, { maxPasses: params.maxLoopPasses });
  if (!full.converged) ctx.warnings.push(message.notConverged(full.method, full.iterations, full.residual, full.tolerance));
  ctx.warnings.push(...full.warnings);
  return agOutcome(baseline, tau, conditionalFit.value, conditionalFlows, full);
}

export const agModel: Model<AgParams, AgBaseline> = {
  id: "ag",
  calibrate: calibrateAg,
  solve: solveAg,
};

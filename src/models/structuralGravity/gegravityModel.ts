import type { Dataset } from "../../data/dataset.js";
import { TradewindsInputError, message } from "../../messages.js";
import { settleUndefinedOutcome } from "../undefinedOutcome.js";
import { compensatedSum } from "../../util/sum.js";
import type { CompiledPolicy, Model, ModelOutcome, RunContext } from "../types.js";
import { foreignColumnTotals, foreignRowTotals } from "./fixedEffectsIpf.js";
import { solveMultilateralResistances, type MultilateralResistances } from "./multilateralResistances.js";
import type { GegravityParams } from "./params.js";
import { referenceIndex, requireOneSector } from "./referenceCountry.js";
import { applyTradeIsolation, counterfactualTradeCosts, gravityAccounts, tradeCostsFromCovariates } from "./tradeCosts.js";
import { mapToFloat64 } from "../../util/typedArrays.js";

/**
 * gegravity's OneSectorGE (Peter Herman, peter-herman/gegravity @ 358cba1; spec one-sector.md §2):
 * given coefficients β, τ = exp(Σ β x); output Y and expenditure E read from the dataset's
 * parameters["output"], parameters["expenditure"] (gegravity takes them as data columns, §2.1).
 *
 * Full GE: gegravity solves (ρ, ω, p) jointly, but its MR block does not involve p, so the full-GE
 * resistances equal the conditional ones and p_i^(1−σ) = ω′_i/ω_i, i.e. p̂ = 1/Π̂ (§2.3). Here the
 * conditional MR system is solved once (exactly, by IPF) and p̂ follows in closed form.
 */
export interface GegravityBaseline {
  data: Dataset;
  params: GegravityParams;
  N: number;
  reference: number;
  /** τ^BLN [i*N + j]. */
  tradeCosts: Float64Array;
  output: Float64Array;
  expenditure: Float64Array;
  outputShares: Float64Array;
  expenditureShares: Float64Array;
  resistances: MultilateralResistances;
}

export function calibrateGegravity(data: Dataset, params: GegravityParams, ctx: RunContext): GegravityBaseline {
  requireOneSector(data, "gegravity");
  const N = data.countries.length;
  const reference = referenceIndex(data, params.reference);
  const output = countryParameter(data, "output");
  const expenditure = countryParameter(data, "expenditure");
  const worldOutput = compensatedSum(output);
  const worldExpenditure = compensatedSum(expenditure);
  const outputShares = mapToFloat64(output, (y) => y / worldOutput);
  const expenditureShares = mapToFloat64(expenditure, (e) => e / worldExpenditure);
  const tradeCosts = tradeCostsFromCovariates(N, data.covariates, params.coefficients);
  const mr = solveMultilateralResistances({ N, tradeCosts, outputShares, expenditureShares, reference });
  if (!mr.converged) ctx.warnings.push(message.notConverged(mr.method, mr.iterations, mr.residual, mr.tolerance));
  return { data, params, N, reference, tradeCosts, output, expenditure, outputShares, expenditureShares, resistances: mr.value };
}

function countryParameter(data: Dataset, key: "output" | "expenditure"): Float64Array {
  const values = data.parameters[key];
  const N = data.countries.length;
  if (!Array.isArray(values) || values.length !== N || !values.every((v) => Number.isFinite(v) && v > 0)) {
    throw new TradewindsInputError([
      { source: `dataset ${data.meta.name}`, path: `parameters.${key}`, value: "", message: message.modelNeedsDataset("gegravity", `parameters.${key}: ${N} positive numbers, one per country`) },
    ]);
  }
  return Float64Array.from(values);
}

/**
 * Modeled flows X_ij = τ_ij · E_j · (Y_i/ΣY) · ρ_j · ω_i (gegravity trade block, lines 975–1170), into `out`.
 */
export function modeledFlows(N: number, tradeCosts: Float64Array, expenditure: Float64Array, output: Float64Array, mr: MultilateralResistances, out: Float64Array): Float64Array {
  const worldOutput = compensatedSum(output);
  for (let i = 0; i < N; i++)
    for (let j = 0; j < N; j++)
      out[i * N + j] = tradeCosts[i * N + j] * expenditure[j] * (output[i] / worldOutput) * mr.inward[j] * mr.outward[i];
  return out;
}

export function solveGegravity(baseline: GegravityBaseline, policy: CompiledPolicy, ctx: RunContext): ModelOutcome {
  const { data, params, N, reference, output, expenditure, resistances } = baseline;
  const baselineTariffs = data.baselineTariffs ? data.tariffs[data.baselineTariffs] : undefined;
  const tau = counterfactualTradeCosts(N, params.sigma, data.covariates, params.coefficients, policy, baselineTariffs, "gegravity", data.countries.map((c) => c.code));
  // gegravity's MR system reads output and expenditure shares: a set cut off from trade needs Σ e = Σ y.
  const imbalance = mapToFloat64(baseline.expenditureShares, (e, i) => e / baseline.outputShares[i] - 1);
  ctx.warnings.push(...applyTradeIsolation(N, tau, imbalance, data.countries.map((c) => c.code), reference, policy.origin).notes);
  const mr = solveMultilateralResistances({ N, tradeCosts: tau, outputShares: baseline.outputShares, expenditureShares: baseline.expenditureShares, reference });
  if (!mr.converged) ctx.warnings.push(message.notConverged(mr.method, mr.iterations, mr.residual, mr.tolerance));
  const power = 1 / (1 - params.sigma);
  const price = Float64Array.from({ length: N }, (_, i) => Math.pow(mr.value.outward[i] / resistances.outward[i], power));
  const priceIndex = Float64Array.from({ length: N }, (_, j) => Math.pow(mr.value.inward[j] / resistances.inward[j], -power));
  const outwardResistance = Float64Array.from({ length: N }, (_, i) => Math.pow(mr.value.outward[i] / resistances.outward[i], -power));
  const outputAfter = mapToFloat64(output, (y, i) => price[i] * y);
  // E′ = φ·Y′ = p̂·E (φ = E/Y fixed), formed as p̂·E so that a zero shock gives E′ = E exactly.
  const expenditureAfter = mapToFloat64(expenditure, (e, i) => price[i] * e);

  const flowsBefore = modeledFlows(N, baseline.tradeCosts, expenditure, output, resistances, new Float64Array(N * N));
  const flowsAfter = modeledFlows(N, tau, expenditureAfter, outputAfter, mr.value, new Float64Array(N * N));
  const exportsBefore = foreignRowTotals(N, flowsBefore, new Float64Array(N));
  const exportsAfter = foreignRowTotals(N, flowsAfter, new Float64Array(N));
  const importsBefore = foreignColumnTotals(N, flowsBefore, new Float64Array(N));
  const importsAfter = foreignColumnTotals(N, flowsAfter, new Float64Array(N));

  const pct = (ratio: (i: number) => number) => Float64Array.from({ length: N }, (_, i) => 100 * (ratio(i) - 1));
  const countries: Record<string, Float64Array> = {
    welfareChangePct: pct((i) => price[i] / priceIndex[i]),
    welfareStatistic: Float64Array.from({ length: N }, (_, i) => (expenditure[i] / expenditureAfter[i]) * priceIndex[i]),
    factoryPriceChangePct: pct((i) => price[i]),
    termsOfTradeChangePct: pct((i) => price[i] / priceIndex[i]),
    priceIndexChangePct: pct((i) => priceIndex[i]),
    imrChangePct: pct((i) => priceIndex[i]),
    omrChangePct: pct((i) => outwardResistance[i]),
    outputChangePct: pct((i) => outputAfter[i] / output[i]),
    expenditureChangePct: pct((i) => expenditureAfter[i] / expenditure[i]),
    exportsChangePct: pct((i) => exportsAfter[i] / exportsBefore[i]),
    importsChangePct: pct((i) => importsAfter[i] / importsBefore[i]),
    intranationalTradeChangePct: pct((i) => flowsAfter[i * N + i] / flowsBefore[i * N + i]),
  };
  const { value: _value, ...solver } = mr;
  return settleUndefinedOutcome(
    { solver, countries, weights: Float64Array.from(expenditure), flows: { baseline: flowsBefore, counterfactual: flowsAfter }, accounts: gravityAccounts(output, baselineTariffs, policy) },
    "gegravity",
  );
}

export const gegravityModel: Model<GegravityParams, GegravityBaseline> = {
  id: "gegravity",
  calibrate: calibrateGegravity,
  solve: solveGegravity,
};

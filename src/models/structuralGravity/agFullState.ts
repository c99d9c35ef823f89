import type { FixedEffects } from "./fixedEffectsIpf.js";

/**
 * Inputs and result shared by the two full-endowment GE solvers of the Advanced Guide model
 * (the literal Stata loop, agStataLoop.ts, and the exact fixed point, agExactFullGe.ts).
 * Vectors have length N (country order of the dataset); matrices are [i*N + j], exporter i, importer j.
 */
export interface AgFullGeInput {
  N: number;
  sigma: number;
  /** Index of the reference country (exp χ = 1, E_R = its expenditure). */
  reference: number;
  /** τ^CFL = t′^(1−σ), [i*N + j]. */
  counterfactualTradeCosts: Float64Array;
  /** φ_i = E_i / Y_i from the baseline data, held fixed. */
  expenditureOutputRatio: Float64Array;
  /** Observed output Y_i and expenditure E_j (baseline). */
  output: Float64Array;
  expenditure: Float64Array;
  /** Baseline fixed effects (π⁰, χ⁰) from the baseline regression. */
  baseline: FixedEffects;
  /** Conditional GE fixed effects (π¹, χ¹) and fitted flows tradehat_CDL. */
  conditional: FixedEffects;
  conditionalFlows: Float64Array;
}

/** The last state S of a full-GE solve, from which every FULL quantity is formed (spec §1.5). */
export interface AgFullState {
  /** exp(π^S). */
  exporter: Float64Array;
  /** exp(χ^S), with exp(χ^S_R) = 1. */
  importer: Float64Array;
  /** E_S: the solver's expenditure in state S (used by IMR_FULL). */
  expenditure: Float64Array;
  /** E_R,S. */
  referenceExpenditure: number;
}

/**
 * Factory-gate price change between two states a → b (AG TradeWithoutBorder.do:258, 317, 347):
 * p̂_i = [ (exp π_i^b / exp π_i^a) / (E_R^b / E_R^a) ]^(1/(1−σ)), into `out`.
 */
export function factoryPriceChange(
  N: number,
  sigma: number,
  exporterFrom: Float64Array,
  referenceExpenditureFrom: number,
  exporterTo: Float64Array,
  referenceExpenditureTo: number,
  out: Float64Array,
): Float64Array {
  const power = 1 / (1 - sigma);
  const deflator = referenceExpenditureTo / referenceExpenditureFrom;
  for (let i = 0; i < N; i++) out[i] = Math.pow(exporterTo[i] / exporterFrom[i] / deflator, power);
  return out;
}

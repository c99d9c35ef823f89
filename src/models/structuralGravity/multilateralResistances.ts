import type { SolverResult } from "../../solver/result.js";
import { solveFixedEffectsIpf } from "./fixedEffectsIpf.js";

/**
 * gegravity's multilateral-resistance system (Herman, gegravity `OneSectorGE._multilateral_resistances`,
 * lines 1706–1733; spec one-sector.md §2.3), in the unknowns ρ_j = 1/P_j^(1−σ), ω_i = 1/Π_i^(1−σ):
 *
 *   1 − ρ_j · Σ_i τ_ij y_i ω_i = 0   (j ≠ R),     1 − ω_i · Σ_j τ_ij e_j ρ_j = 0,     ρ_R = 1,
 *
 * with output shares y and expenditure shares e (each summing to 1). These say that the matrix
 * M_ij = τ_ij (y_i ω_i)(e_j ρ_j) has row totals y_i and column totals e_j (the reference's equation
 * is implied by the others), i.e. the fixed-effects scaling problem with exp π_i = y_i ω_i and
 * exp χ_j ∝ e_j ρ_j. It is solved exactly by IPF (fixedEffectsIpf.ts) instead of scipy's 'hybr';
 * the fixed point is the same. Vectors have length N; τ is [i*N + j], exporter i, importer j.
 */
export interface MultilateralResistances {
  /** ρ_j = 1/P_j^(1−σ), ρ_reference = 1. */
  inward: Float64Array;
  /** ω_i = 1/Π_i^(1−σ). */
  outward: Float64Array;
}

export function solveMultilateralResistances(problem: {
  N: number;
  tradeCosts: Float64Array;
  outputShares: Float64Array;
  expenditureShares: Float64Array;
  reference: number;
}): SolverResult<MultilateralResistances> {
  const { N, tradeCosts, outputShares, expenditureShares, reference } = problem;
  const fit = solveFixedEffectsIpf({ N, tradeCosts, rowTargets: outputShares, columnTargets: expenditureShares, reference });
  const referenceShare = expenditureShares[reference];
  const inward = new Float64Array(N);
  const outward = new Float64Array(N);
  for (let j = 0; j < N; j++) inward[j] = (fit.value.importer[j] / expenditureShares[j]) * referenceShare;
  for (let i = 0; i < N; i++) outward[i] = fit.value.exporter[i] / outputShares[i] / referenceShare;
  inward[reference] = 1;
  return { ...fit, method: "ipf (multilateral resistances)", value: { inward, outward } };
}

import { costWeights, sectorPricesAndShares } from "../caliendoParro/sectorPrices.js";
import type { OssaEconomy } from "./economy.js";

/**
 * Ossa (2014) equilibrium in changes, `Tables/myconditions.m:4-31` (spec caliendo-parro-and-ossa.md
 * §2.2). Unknowns x = [Ê_0..Ê_{N−1}, ŵ_0..ŵ_{N−1}]. The trade block is the shared CES kernel of
 * caliendoParro/sectorPrices.ts with θ_s = σ_s − 1, base shares γ and unit cost ĉ_is = ŵ_i:
 *
 *   P̂_js^(1−σ_s) = Σ_i γ_ijs (ŵ_i τ̂_ijs)^(1−σ_s),   π′_ijs = γ_ijs (ŵ_i τ̂_ijs)^(1−σ_s) / P̂_js^(1−σ_s)
 *   K_ijs = ŵ_i^(1−σ) τ̂^(−σ) P̂_js^(σ−1) = π′_ijs / (γ_ijs τ̂_ijs),   X′_ijs = X_ijs K_ijs Ê_j
 *   π̂_is = Σ_j α_ijs K_ijs Ê_j                                         (profits ∝ sales)
 *   ŵ_i = Σ_s δ_is π̂_is                                                (labour market; i = 0 dropped)
 *   Ê_j [1 − Σ_{i,s} (X_ijs/E_j) t′_ijs K_ijs] = (w_jL_j/E_j) ŵ_j − NX′_j/E_j + Σ_s (π_js/E_j) π̂_js
 *   Σ_j (w_jL_j/Σ_k w_kL_k) ŵ_j = 1                                    (numeraire, replaces i = 0)
 */
export interface OssaWorkspace {
  weights: Float64Array;
  unitCost: Float64Array;
  priceIndex: Float64Array;
  shares: Float64Array;
  sums: Float64Array;
  /** K_ijs, bilateral order. */
  demandShift: Float64Array;
  /** π̂_is, [i*S + s]. */
  profitHat: Float64Array;
  tradeCostFactors: Float64Array;
}

export function newOssaWorkspace(economy: OssaEconomy): OssaWorkspace {
  const { N, S } = economy;
  return {
    weights: new Float64Array(S * N * N),
    unitCost: new Float64Array(N * S),
    priceIndex: new Float64Array(N * S),
    shares: new Float64Array(S * N * N),
    sums: new Float64Array(N),
    demandShift: new Float64Array(S * N * N),
    profitHat: new Float64Array(N * S),
    tradeCostFactors: new Float64Array(S * N * N).fill(1),
  };
}

/** Fixes the policy part of the trade block: weights = γ τ̂^(−θ), τ̂ = (1 + t′)/(1 + t). */
export function setOssaPolicy(economy: OssaEconomy, newTariffs: Float64Array, work: OssaWorkspace): void {
  costWeights(economy.N, economy.S, economy.theta, economy.spendingShares, economy.tariffs, newTariffs, work.tradeCostFactors, work.weights);
}

/** Evaluates P̂, K and π̂ at x (after `setOssaPolicy`). */
export function evaluateOssa(economy: OssaEconomy, newTariffs: Float64Array, x: Float64Array, work: OssaWorkspace): void {
  const { N, S, theta, spendingShares, salesShares, tariffs } = economy;
  for (let i = 0; i < N; i++) for (let s = 0; s < S; s++) work.unitCost[i * S + s] = Math.abs(x[N + i]);
  sectorPricesAndShares(N, S, theta, work.weights, work.unitCost, work.priceIndex, work.shares, work.sums);
  work.profitHat.fill(0);
  for (let s = 0; s < S; s++)
    for (let i = 0; i < N; i++) {
      const row = (s * N + i) * N;
      let profit = 0;
      for (let j = 0; j < N; j++) {
        const k = row + j;
        const gamma = spendingShares[k];
        const K = gamma > 0 ? (work.shares[k] / gamma) * ((1 + tariffs[k]) / (1 + newTariffs[k])) : 0;
        work.demandShift[k] = K;
        profit += salesShares[k] * K * Math.abs(x[j]);
      }
      work.profitHat[i * S + s] = profit;
    }
}

/** The 2N residuals of §2.2 at x, each relative (÷ E_j or dimensionless). `newNetExports` NX′ in levels. */
export function ossaResidual(economy: OssaEconomy, newTariffs: Float64Array, newNetExports: Float64Array, x: Float64Array, work: OssaWorkspace, out: Float64Array): void {
  const { N, S, flows, labourShares, labourIncome, expenditure, profits } = economy;
  evaluateOssa(economy, newTariffs, x, work);
  let totalLabour = 0;
  let numeraire = 0;
  for (let j = 0; j < N; j++) {
    totalLabour += labourIncome[j];
    numeraire += labourIncome[j] * Math.abs(x[N + j]);
  }
  for (let i = 0; i < N; i++) {
    let labour = 0;
    for (let s = 0; s < S; s++) labour += labourShares[i * S + s] * work.profitHat[i * S + s];
    out[N + i] = Math.abs(x[N + i]) - labour;
  }
  out[N] = numeraire / totalLabour - 1;
  for (let j = 0; j < N; j++) {
    let revenueShare = 0;
    let profitIncome = 0;
    for (let s = 0; s < S; s++) {
      for (let i = 0; i < N; i++) {
        const k = (s * N + i) * N + j;
        revenueShare += flows[k] * newTariffs[k] * work.demandShift[k];
      }
      profitIncome += profits[j * S + s] * work.profitHat[j * S + s];
    }
    const E = expenditure[j];
    out[j] = Math.abs(x[j]) * (1 - revenueShare / E) - ((labourIncome[j] / E) * Math.abs(x[N + j]) - newNetExports[j] / E + profitIncome / E);
  }
}

/** Ŵ_j = Ê_j / P̂_j, P̂_j = Π_s P̂_js^μ_js (mycounterfactuals.m:20), from an evaluated workspace. */
export function ossaWelfare(economy: OssaEconomy, x: Float64Array, work: OssaWorkspace, j: number): number {
  const { S, industryShares } = economy;
  let logPrice = 0;
  for (let s = 0; s < S; s++) logPrice += industryShares[j * S + s] * Math.log(work.priceIndex[j * S + s]);
  return Math.abs(x[j]) / Math.exp(logPrice);
}

/** New flows X′_ijs = X_ijs K_ijs Ê_j from an evaluated workspace. */
export function ossaNewFlows(economy: OssaEconomy, x: Float64Array, work: OssaWorkspace): Float64Array {
  const { N, S, flows } = economy;
  const out = new Float64Array(S * N * N);
  for (let k = 0; k < out.length; k++) out[k] = flows[k] * work.demandShift[k] * x[k % N];
  return out;
}

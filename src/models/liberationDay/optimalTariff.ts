import { TradewindsInputError, message } from "../../messages.js";
import { compensatedSum } from "../../util/sum.js";
import type { LiberationDayBaseline } from "./baseline.js";
import { aggregateToTwoRegions } from "./twoRegionAggregate.js";

/**
 * Closed-form tariffs of Liberation Day (Ignatenko, Macedoni, Lashkaripour & Simonovska 2025),
 * `main_baseline.m` lines 161–162, 186–193, 237–238 (spec one-sector.md §3.4).
 */

/**
 * The uniform optimal import tariff of `country` (index), others' tariffs zero:
 *   δ_i = Σ_{k≠i} X_ik (1−ν_k)(1−λ_ik) / ((1−ν_i) D_i),   t* = 1/((1 + ε δ_i) φ_i − 1)
 * with D_i = E_i − X_ii ("expenditure": the paper's run 4, t* = 0.2179882 for the US) or
 * D_i = Y_i − X_ii ("output": its run 7, t*′ = 0.1854321) — the original code uses both.
 */
export function optimalTariff(baseline: LiberationDayBaseline, country: number, denominator: "expenditure" | "output"): number {
  const { N, flows, shares, nu, phi, expenditure, output } = baseline;
  const epsilon = baseline.params.tradeElasticity;
  const terms = new Float64Array(N);
  for (let k = 0; k < N; k++) {
    if (k !== country) terms[k] = flows[country * N + k] * (1 - nu[k]) * (1 - shares[country * N + k]);
  }
  const base = (denominator === "expenditure" ? expenditure[country] : output[country]) - flows[country * N + country];
  const delta = compensatedSum(terms) / ((1 - nu[country]) * base);
  return 1 / ((1 + epsilon * delta) * phi[country] - 1);
}

/**
 * The optimal retaliation tariff of the rest of the world against `leader`, from the two-region
 * aggregate (1 = others, 2 = leader) of the filled flows X and of Y, λ^a = X^a ./ column sums:
 *   δ_1 = X^a_12 (1−ν_leader)(1−λ^a_12) / ((1−ν_others)(Y^a_1 − X^a_11)),   t^r = 1/((1 + ε δ_1) φ_others − 1)
 * (the paper: t^r = 0.2274219 against the US). Needs one ν (hence one φ) for all non-leaders.
 */
export function optimalRetaliationTariff(baseline: LiberationDayBaseline, leader: number): number {
  const { N, flows, nu, phi, output, codes } = baseline;
  const other = leader === 0 ? 1 : 0;
  for (let k = 0; k < N; k++) {
    if (k !== leader && (nu[k] !== nu[other] || phi[k] !== phi[other])) {
      throw new TradewindsInputError([{ source: "liberation-day", path: `ν of ${codes[k]}`, value: String(nu[k]), message: message.retaliationNeedsCommonShare(codes[leader]) }]);
    }
  }
  const epsilon = baseline.params.tradeElasticity;
  const { flows: X, totals: Y } = aggregateToTwoRegions(flows, output, N, leader);
  const othersToLeader = X[0 * 2 + 1];
  const leaderExpenditure = X[0 * 2 + 1] + X[1 * 2 + 1];
  const delta = (othersToLeader * (1 - nu[leader]) * (1 - othersToLeader / leaderExpenditure)) / ((1 - nu[other]) * (Y[0] - X[0 * 2 + 0]));
  return 1 / ((1 + epsilon * delta) * phi[other] - 1);
}

import type { ModelOutcome } from "../types.js";
import type { SolverResult } from "../../solver/result.js";
import type { CaliendoParroEconomy } from "./economy.js";
import type { CaliendoParroEquilibrium } from "./equilibrium.js";
import type { PolicyTerms } from "./policyTerms.js";
import { welfareDecomposition } from "./welfareDecomposition.js";

/** 100·(new/old − 1), or 0 where the baseline is 0 (a quantity that does not exist has no change). */
function percentChange(next: number, base: number): number {
  return base > 0 ? 100 * (next / base - 1) : 0;
}

/**
 * Maps a baseline and a counterfactual solve onto the registry's keys (report/registry.ts), as ratios
 * counterfactual ÷ baseline the way the cp2015 package reports them (spec caliendo-parro-and-ossa.md
 * §1.5 "Two solves per experiment", §1.6). Country × sector arrays are [n*S + s].
 */
export function caliendoParroOutcome(
  economy: CaliendoParroEconomy,
  baseline: CaliendoParroEquilibrium,
  baselinePolicy: PolicyTerms,
  counterfactual: CaliendoParroEquilibrium,
  counterfactualPolicy: PolicyTerms,
  solver: Omit<SolverResult<unknown>, "value">,
): ModelOutcome {
  const { N, S } = economy;
  const decomposition = welfareDecomposition(N, S, baseline, counterfactual, baselinePolicy.tariffs, baselinePolicy.tradeCostFactors, counterfactualPolicy.tradeCostFactors);

  const wage = new Float64Array(N);
  const priceIndex = new Float64Array(N);
  const realWage = new Float64Array(N);
  const realIncome = new Float64Array(N);
  for (let n = 0; n < N; n++) {
    let logPrice = 0;
    for (let s = 0; s < S; s++) logPrice += economy.finalShares[n * S + s] * Math.log(counterfactual.priceIndex[n * S + s] / baseline.priceIndex[n * S + s]);
    const wageRatio = counterfactual.wage[n] / baseline.wage[n];
    const priceRatio = Math.exp(logPrice);
    wage[n] = 100 * (wageRatio - 1);
    priceIndex[n] = 100 * (priceRatio - 1);
    realWage[n] = 100 * (wageRatio / priceRatio - 1);
    realIncome[n] = 100 * (counterfactual.income[n] / baseline.income[n] / priceRatio - 1);
  }

  // Foreign trade by country and by country × sector, tariff-exclusive.
  const sectorExports = { base: new Float64Array(N * S), next: new Float64Array(N * S) };
  const sectorImports = { base: new Float64Array(N * S), next: new Float64Array(N * S) };
  for (let s = 0; s < S; s++)
    for (let i = 0; i < N; i++)
      for (let j = 0; j < N; j++) {
        if (i === j) continue;
        const k = (s * N + i) * N + j;
        sectorExports.base[i * S + s] += baseline.flows[k];
        sectorExports.next[i * S + s] += counterfactual.flows[k];
        sectorImports.base[j * S + s] += baseline.flows[k];
        sectorImports.next[j * S + s] += counterfactual.flows[k];
      }
  const total = (x: Float64Array, n: number) => {
    let sum = 0;
    for (let s = 0; s < S; s++) sum += x[n * S + s];
    return sum;
  };
  const byCountry = (f: (n: number) => number) => Float64Array.from({ length: N }, (_, n) => f(n));
  const bySector = (f: (k: number) => number) => Float64Array.from({ length: N * S }, (_, k) => f(k));

  return {
    solver,
    countries: {
      // The headline is the exact change in real income; the cp2015 first-order decomposition stands beside it.
      welfareChangePct: realIncome,
      termsOfTradeEffectPct: decomposition.termsOfTrade,
      volumeOfTradeEffectPct: decomposition.volumeOfTrade,
      tradeCostEffectPct: decomposition.tradeCost,
      welfareFirstOrderPct: decomposition.welfare,
      realWageChangePct: realWage,
      factoryPriceChangePct: wage,
      priceIndexChangePct: priceIndex,
      exportsChangePct: byCountry((n) => percentChange(total(sectorExports.next, n), total(sectorExports.base, n))),
      importsChangePct: byCountry((n) => percentChange(total(sectorImports.next, n), total(sectorImports.base, n))),
    },
    sectors: {
      grossOutputChangePct: bySector((k) => percentChange(counterfactual.grossOutput[k], baseline.grossOutput[k])),
      sectorPriceChangePct: bySector((k) => 100 * (counterfactual.priceIndex[k] / baseline.priceIndex[k] - 1)),
      inputCostChangePct: bySector((k) => 100 * (counterfactual.unitCost[k] / baseline.unitCost[k] - 1)),
      sectorExportsChangePct: bySector((k) => percentChange(sectorExports.next[k], sectorExports.base[k])),
      sectorImportsChangePct: bySector((k) => percentChange(sectorImports.next[k], sectorImports.base[k])),
      tariffRevenue: Float64Array.from(counterfactual.tariffRevenue),
      baselineTariffRevenue: Float64Array.from(baseline.tariffRevenue),
    },
    weights: Float64Array.from(baseline.income),
    flows: { baseline: Float64Array.from(baseline.flows), counterfactual: Float64Array.from(counterfactual.flows) },
    // Accounts (report/accountQuantities.ts): income I = wL + R + D (Ŵ = Î/P̂), the tariffs of both solves, revenue summed over sectors.
    accounts: {
      income: Float64Array.from(baseline.income),
      tariffs: { baseline: Float64Array.from(baselinePolicy.tariffs), counterfactual: Float64Array.from(counterfactualPolicy.tariffs) },
      tariffRevenue: { baseline: byCountry((n) => total(baseline.tariffRevenue, n)), counterfactual: byCountry((n) => total(counterfactual.tariffRevenue, n)) },
    },
    scalars: {},
  };
}

/** Number of embargoed flows the first-order decomposition had to leave out (for the caller's warning). */
export function embargoedFlowCount(baseline: CaliendoParroEquilibrium, policy: PolicyTerms): number {
  let count = 0;
  for (let k = 0; k < policy.tradeCostFactors.length; k++) if (policy.tradeCostFactors[k] === Infinity && baseline.flows[k] > 0) count++;
  return count;
}

import type { SolverResult } from "../../solver/result.js";
import { median } from "../../util/median.js";
import { compensatedSum } from "../../util/sum.js";
import type { ModelOutcome } from "../types.js";
import { MACHINE_EPSILON, type LashkaripourEconomy } from "./economy.js";
import type { LashkaripourState, LashkaripourSystem } from "./equilibrium.js";
import { mapToFloat64 } from "../../util/typedArrays.js";

/**
 * Welfare change of every country in percent (spec tariffwar.md §6, welfare_gains.m:24-49):
 * 100·(Ŷ_k / P̂_k − 1), P̂_k = exp(Σ_s e_ks ln max(P̂_ks, ε_M)), with P̂_ks the sector price index of the
 * evaluated state (1 where a market has no supplier, as the package sets NaN/Inf to 1). Relative to the
 * balanced baseline the economy was built from. `income` is Ŷ (length N).
 */
export function welfareChangePct(economy: LashkaripourEconomy, state: LashkaripourState, income: ArrayLike<number>, out = new Float64Array(economy.N)): Float64Array {
  const { N, S, spendingShares } = economy;
  for (let k = 0; k < N; k++) {
    let logPrice = 0;
    for (let s = 0; s < S; s++) {
      const e = spendingShares[k * S + s];
      if (e !== 0) logPrice += e * Math.log(Math.max(state.priceIndex[k * S + s], MACHINE_EPSILON));
    }
    out[k] = 100 * (income[k] / Math.exp(logPrice) - 1);
  }
  return out;
}

/** Δ$_k = 0.01·pct_k·GDP_k (run.m:253-279), GDP in the dataset's gdp units; ROW's GDP is whatever the dataset gives (tariffwar datasets: world minus the matched countries). */
export function welfareChangeInDollars(welfarePct: Float64Array, gdp: Float64Array): Float64Array {
  return mapToFloat64(welfarePct, (pct, k) => 0.01 * pct * gdp[k]);
}

function percentChange(next: number, base: number): number {
  return base > 0 ? 100 * (next / base - 1) : 0;
}

/**
 * Maps a solved counterfactual onto the registry's keys (report/registry.ts). Flows in bilateral tables
 * are tariff-exclusive: baseline X^B/(1 + t), counterfactual x′. `gdp` (dataset.gdp), when given, adds
 * the dollar change and its world sum.
 */
export function lashkaripourOutcome(system: LashkaripourSystem, state: LashkaripourState, solution: Float64Array, solver: Omit<SolverResult<unknown>, "value">, gdp?: Float64Array): ModelOutcome {
  const { economy } = system;
  const { N, S, flows: grossBaseline, tariffs: baseTariffs } = economy;
  const welfare = welfareChangePct(economy, state, solution.subarray(N, 2 * N));
  const baselineFlows = mapToFloat64(grossBaseline, (x, k) => x / (1 + baseTariffs[k]));
  const counterfactualFlows = Float64Array.from(state.flows);

  const exports = { base: new Float64Array(N * S), next: new Float64Array(N * S) };
  const imports = { base: new Float64Array(N * S), next: new Float64Array(N * S) };
  const output = { base: new Float64Array(N * S), next: new Float64Array(N * S) };
  const tariffPaid = new Float64Array(N);
  const baselineTariffPaid = new Float64Array(N);
  for (let s = 0; s < S; s++)
    for (let i = 0; i < N; i++)
      for (let j = 0; j < N; j++) {
        const k = (s * N + i) * N + j;
        output.base[i * S + s] += baselineFlows[k];
        output.next[i * S + s] += counterfactualFlows[k];
        if (i === j) continue;
        exports.base[i * S + s] += baselineFlows[k];
        exports.next[i * S + s] += counterfactualFlows[k];
        imports.base[j * S + s] += baselineFlows[k];
        imports.next[j * S + s] += counterfactualFlows[k];
        tariffPaid[j] += state.tariffs[k] * counterfactualFlows[k];
        baselineTariffPaid[j] += baseTariffs[k] * baselineFlows[k];
      }
  const total = (x: Float64Array, n: number) => compensatedSum(x, n * S, (n + 1) * S);
  const byCountry = (f: (n: number) => number) => Float64Array.from({ length: N }, (_, n) => f(n));
  const bySector = (f: (k: number) => number) => Float64Array.from({ length: N * S }, (_, k) => f(k));
  const priceIndex = byCountry((n) => {
    let logPrice = 0;
    for (let s = 0; s < S; s++) if (economy.spendingShares[n * S + s] !== 0) logPrice += economy.spendingShares[n * S + s] * Math.log(Math.max(state.priceIndex[n * S + s], MACHINE_EPSILON));
    return 100 * (Math.exp(logPrice) - 1);
  });

  const countries: Record<string, Float64Array> = {
    welfareChangePct: welfare,
    factoryPriceChangePct: byCountry((n) => 100 * (solution[n] - 1)),
    expenditureChangePct: byCountry((n) => 100 * (solution[N + n] - 1)),
    priceIndexChangePct: priceIndex,
    importTariffRate: byCountry((n) => {
      const foreign = total(imports.next, n);
      return foreign > 0 ? tariffPaid[n] / foreign : 0;
    }),
    exportsChangePct: byCountry((n) => percentChange(total(exports.next, n), total(exports.base, n))),
    importsChangePct: byCountry((n) => percentChange(total(imports.next, n), total(imports.base, n))),
  };
  const scalars: Record<string, number> = { meanWelfareChangePct: compensatedSum(welfare) / N, medianWelfareChangePct: median(welfare) };
  if (gdp) {
    const dollars = welfareChangeInDollars(welfare, gdp);
    countries.welfareChangeUsd = dollars;
    scalars.worldWelfareChangeUsd = compensatedSum(dollars);
  }
  return {
    solver,
    countries,
    sectors: {
      grossOutputChangePct: bySector((k) => percentChange(output.next[k], output.base[k])),
      sectorPriceChangePct: bySector((k) => 100 * (state.priceIndex[k] - 1)),
      sectorExportsChangePct: bySector((k) => percentChange(exports.next[k], exports.base[k])),
      sectorImportsChangePct: bySector((k) => percentChange(imports.next[k], imports.base[k])),
    },
    weights: Float64Array.from(economy.expenditure),
    scalars,
    flows: { baseline: baselineFlows, counterfactual: counterfactualFlows },
    // Accounts (report/accountQuantities.ts): income Y of the balanced baseline (Ŵ = Ŷ/P̂), the tariffs in force (the setters' solved rates included), revenue rebated in income.
    accounts: {
      income: Float64Array.from(economy.expenditure),
      tariffs: { baseline: Float64Array.from(baseTariffs), counterfactual: Float64Array.from(state.tariffs) },
      tariffRevenue: { baseline: baselineTariffPaid, counterfactual: tariffPaid },
    },
  };
}

import type { CompiledPolicy } from "../types.js";
import type { CaliendoParroEconomy } from "./economy.js";
import type { PolicyTerms } from "./policyTerms.js";
import { mapToFloat64 } from "../../util/typedArrays.js";

/**
 * The deal instruments' fixed wedges (issue 11; models/types.ts CompiledPolicy) on a Caliendo–Parro solve:
 *
 *   export tax x      buyer price p·(1 + x)·(1 + t)·d̂: weights × (1 + x)^(−θ_s); flows T = π·X ⁄ ((1 + t)(1 + x));
 *                     tariff revenue t·(1 + x)·T to the importer, export-tax revenue x·T to the exporter (eq. 3 income)
 *   demand shifter a  weights × a; the market's composite costs the true CES index (truePriceIndex.ts), in input
 *                     costs (eq. 5) and in the welfare deflator alike — the buyers' preferences are unchanged
 *   productivity T̂    weights of exporter i's sector s × T̂[i,s] (Eaton–Kortum technology), prices × T̂^(−1/θ)
 *   transfers         lump-sum income, added to the deficits D of eq. 3 (I = wL + R + D + transfers)
 *
 * Returns `terms` itself when the policy has none of them, else a copy with the changed arrays.
 */
export function withInstruments(terms: PolicyTerms, economy: CaliendoParroEconomy, policy: CompiledPolicy): PolicyTerms {
  const { exportTaxes, demandShifters, productivity, transfers } = policy;
  if (!exportTaxes && !demandShifters && !productivity && !transfers) return terms;
  const { N, S, tradeElasticities } = economy;
  const weights = Float64Array.from(terms.weights);
  const next: PolicyTerms = { ...terms, weights };
  for (let s = 0; s < S; s++) {
    const theta = tradeElasticities[s];
    for (let i = 0; i < N; i++) {
      const technology = productivity ? productivity[i * S + s] : 1;
      for (let j = 0; j < N; j++) {
        const k = (s * N + i) * N + j;
        const tax = exportTaxes ? exportTaxes[k] : 0;
        weights[k] *= technology * (demandShifters ? demandShifters[k] : 1) * (tax !== 0 ? Math.pow(1 + tax, -theta) : 1);
      }
    }
  }
  if (exportTaxes) {
    next.exportTaxes = exportTaxes;
    next.inverseTariffFactor = mapToFloat64(terms.tariffs, (t, k) => 1 / ((1 + t) * (1 + exportTaxes[k])));
    next.tariffRevenueRates = mapToFloat64(terms.tariffs, (t, k) => t * (1 + exportTaxes[k]));
  }
  if (transfers) next.deficits = mapToFloat64(terms.deficits, (d, n) => d + transfers[n]);
  if (demandShifters) {
    const markets = new Uint8Array(N * S);
    const priceFactor = new Float64Array(S * N * N);
    for (let s = 0; s < S; s++) {
      const theta = tradeElasticities[s];
      for (let i = 0; i < N; i++) {
        const technology = productivity ? Math.pow(productivity[i * S + s], -1 / theta) : 1;
        for (let j = 0; j < N; j++) {
          const k = (s * N + i) * N + j;
          if (demandShifters[k] !== 1) markets[j * S + s] = 1;
          const kappa = ((1 + terms.tariffs[k]) * (1 + (exportTaxes ? exportTaxes[k] : 0)) * terms.tradeCostFactors[k]) / (1 + economy.baseTariffs[k]);
          priceFactor[k] = kappa * technology;
        }
      }
    }
    next.distortion = { markets, priceFactor };
  }
  return next;
}

/** Export-tax revenue x·T of each exporter added to its income I[n] (eq. 3 with export taxes). */
export function addExportTaxRevenue(N: number, S: number, exportTaxes: Float64Array, flows: Float64Array, income: Float64Array): void {
  for (let s = 0; s < S; s++)
    for (let i = 0; i < N; i++) {
      const row = (s * N + i) * N;
      let revenue = 0;
      for (let j = 0; j < N; j++) revenue += exportTaxes[row + j] * flows[row + j];
      income[i] += revenue;
    }
}

import { TradewindsInputError, message } from "../../messages.js";
import type { CaliendoParroEconomy } from "./economy.js";
import { costWeights } from "./sectorPrices.js";

/**
 * The policy-dependent constants of one solve (spec caliendo-parro-and-ossa.md §1.4 "Scenario inputs"):
 * tariff levels t¹, iceberg changes d̂ and deficits D, with the derived iteration-invariant arrays.
 * Bilateral arrays are in [(s*N + i)*N + j] order.
 */
export interface PolicyTerms {
  tariffs: Float64Array;
  tradeCostFactors: Float64Array;
  deficits: Float64Array;
  /** π⁰·κ̂^(−θ_s), κ̂ = (1 + t¹)/(1 + t⁰)·d̂; 0 for embargoed pairs. */
  weights: Float64Array;
  /** 1/(1 + t¹) (1/((1 + t¹)(1 + x)) with export taxes x: flows are at exporter prices). */
  inverseTariffFactor: Float64Array;
  /** Deal instruments (instrumentTerms.ts): tariff revenue per unit of flow t¹·(1 + x), export taxes, distortions. */
  tariffRevenueRates?: Float64Array;
  exportTaxes?: Float64Array;
  distortion?: { markets: Uint8Array; priceFactor: Float64Array };
}

/** Labels used in the embargo error: country and sector codes in dataset order. */
export interface EconomyLabels {
  countries: string[];
  sectors: string[];
}

/**
 * Builds the solve constants and rejects a policy whose embargoes leave a market with baseline
 * spending and no supplier at all (the price index would be infinite).
 */
export function policyTerms(
  economy: CaliendoParroEconomy,
  tariffs: Float64Array,
  tradeCostFactors: Float64Array,
  deficits: Float64Array,
  labels: EconomyLabels,
): PolicyTerms {
  const { N, S } = economy;
  const weights = new Float64Array(S * N * N);
  costWeights(N, S, economy.tradeElasticities, economy.baseShares, economy.baseTariffs, tariffs, tradeCostFactors, weights);
  const inverseTariffFactor = Float64Array.from(tariffs, (t) => 1 / (1 + t));
  const issues = [];
  for (let s = 0; s < S; s++)
    for (let j = 0; j < N; j++) {
      if (!(economy.baseSpending[j * S + s] > 0)) continue;
      let supplied = false;
      for (let i = 0; i < N && !supplied; i++) supplied = weights[(s * N + i) * N + j] > 0;
      if (!supplied) {
        issues.push({
          source: "policy",
          path: `embargo on ${labels.sectors[s]} into ${labels.countries[j]}`,
          value: "",
          message: message.embargoNoSupplier(labels.countries[j], labels.sectors[s]),
        });
      }
    }
  if (issues.length) throw new TradewindsInputError(issues);
  return { tariffs, tradeCostFactors, deficits, weights, inverseTariffFactor };
}

import { TradewindsInputError, message, type InputIssue } from "../../messages.js";
import { isolationIssue, reportIsolation } from "../isolationIssues.js";
import { analyseIsolation, levelDeficitSign } from "../tradeIsolation.js";
import type { PolicyOrigin } from "../types.js";
import type { CaliendoParroEconomy } from "./economy.js";
import { costWeights } from "./sectorPrices.js";
import { mapToFloat64 } from "../../util/typedArrays.js";

/**
 * The policy-dependent constants of one solve (spec caliendo-parro-and-ossa.md §1.4 "Scenario inputs"):
 * tariff levels t¹, iceberg changes d̂ and deficits D, with the derived iteration-invariant arrays.
 * Bilateral arrays are in [(s*N + i)*N + j] order.
 */
export interface PolicyTerms {
  tariffs: Float64Array;
  tradeCostFactors: Float64Array;
  deficits: Float64Array;
  /** π⁰·κ̂^(−θ_s), κ̂ = (1 + t¹)/(1 + t⁰)·d̂; 0 for embargoed pairs and for flows the equilibrium stops (see `notes`). */
  weights: Float64Array;
  /** 1/(1 + t¹) (1/((1 + t¹)(1 + x)) with export taxes x: flows are at exporter prices). */
  inverseTariffFactor: Float64Array;
  /**
   * component[n]: the trading component of country n. Countries that no longer trade with each other have
   * separate price levels, so each component gets its own numeraire (its value added fixed).
   */
  component: Int32Array;
  componentCount: number;
  /** What the isolation analysis did (warnings for the caller). */
  notes: string[];
  /** Deal instruments (instrumentTerms.ts): tariff revenue per unit of flow t¹·(1 + x), export taxes, distortions. */
  tariffRevenueRates?: Float64Array;
  exportTaxes?: Float64Array;
  distortion?: { markets: Uint8Array; priceFactor: Float64Array };
}

/** Labels used in error messages: country and sector codes in dataset order. */
export interface EconomyLabels {
  countries: string[];
  sectors: string[];
}

/**
 * Builds the solve constants. Rejects a policy whose embargoes leave a market with baseline spending and
 * no supplier at all (the price index would be infinite), and applies the trade-isolation rules of
 * tradeIsolation.ts: with balanced trade a country that can buy nothing abroad sells nothing abroad in
 * equilibrium (its flows are stopped and it gets its own numeraire); with deficits held, an imbalance
 * that cannot be financed is an input error. `origin` locates those errors in the scenario.
 */
export function policyTerms(
  economy: CaliendoParroEconomy,
  tariffs: Float64Array,
  tradeCostFactors: Float64Array,
  deficits: Float64Array,
  labels: EconomyLabels,
  origin?: PolicyOrigin,
): PolicyTerms {
  const { N, S } = economy;
  const weights = new Float64Array(S * N * N);
  costWeights(N, S, economy.tradeElasticities, economy.baseShares, economy.baseTariffs, tariffs, tradeCostFactors, weights);
  const inverseTariffFactor = mapToFloat64(tariffs, (t) => 1 / (1 + t));
  const issues: InputIssue[] = [];
  for (let s = 0; s < S; s++)
    for (let j = 0; j < N; j++) {
      if (!(economy.baseSpending[j * S + s] > 0)) continue;
      let supplied = false;
      for (let i = 0; i < N && !supplied; i++) supplied = weights[(s * N + i) * N + j] > 0;
      if (!supplied) issues.push(isolationIssue([j], [labels.countries[j]], origin, message.embargoNoSupplier(labels.countries[j], labels.sectors[s])));
    }
  if (issues.length) throw new TradewindsInputError(issues);

  const canSell = new Uint8Array(N * N);
  for (let s = 0; s < S; s++) for (let k = 0; k < N * N; k++) if (weights[s * N * N + k] > 0) canSell[k] = 1;
  const held = deficits.some((d) => d !== 0);
  const analysis = analyseIsolation(N, canSell, levelDeficitSign(deficits, economy.labourIncome));
  const notes = reportIsolation(
    analysis,
    labels.countries,
    origin,
    held ? "deficits: held keeps every country's data deficit in levels" : "deficits: zero-aggregate balances every country's trade",
    held ? "use deficits: zero-aggregate, or leave at least one trade link of these countries open" : "leave at least one trade link of these countries open",
    (countries) => message.separateNumeraire(countries, "value added"),
  );
  for (let i = 0; i < N; i++)
    for (let j = 0; j < N; j++) {
      if (i === j || !canSell[i * N + j] || analysis.links[i * N + j]) continue;
      for (let s = 0; s < S; s++) weights[(s * N + i) * N + j] = 0; // the flow the equilibrium stops
    }
  return { tariffs, tradeCostFactors, deficits, weights, inverseTariffFactor, component: analysis.component, componentCount: analysis.componentCount, notes };
}

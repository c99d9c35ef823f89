import type { Dataset } from "../data/dataset.js";
import type { ModelOutcome } from "../models/types.js";
import { NeumaierSums, compensatedSum } from "../util/sum.js";
import type { DatasetMoney } from "./money.js";
import { mapToFloat64 } from "../util/typedArrays.js";

/** The keys withAccountQuantities adds (report/definitions/money.ts). */
export const ACCOUNT_QUANTITY_KEYS = [
  "priceIndexWorldRelativeChangePct",
  "baselineEffectiveTariffRate",
  "effectiveTariffRate",
  "effectiveTariffRateAfterSubstitution",
  "equivalentVariationUsd",
  "equivalentVariationPerPersonUsd",
  "baselineTariffRevenueUsd",
  "tariffRevenueUsd",
  "baselineTradeBalanceUsd",
  "tradeBalanceUsd",
  "tradeBalanceChangeUsd",
] as const;

/**
 * Part of step 6 (report): the figures people quote, from a model's levels (ModelOutcome.accounts and flows)
 * — the equivalent variation in dollars (and per person where the dataset has population), tariff revenue
 * before and after, each importer's effective tariff rate before and after (fixed baseline-import weights, and
 * after substitution), the trade balance before and after and its change — plus consumer prices relative to
 * the world's, which needs no accounts. Definitions: report/definitions/money.ts and registry.ts.
 *
 * Dollar amounts are converted from the dataset's units with `money.flows.scale`; without money units (words
 * the run could not read) the dollar keys are left out and the rates still reported. Flows are summed per
 * country in a fixed order with compensated sums; the balance change is the sum of flow changes, not the
 * difference of two large totals. Returns a new outcome; the model's own keys are unchanged.
 */
export function withAccountQuantities(outcome: ModelOutcome, data: Dataset, money: DatasetMoney | undefined): ModelOutcome {
  const N = data.countries.length;
  const countries: Record<string, Float64Array> = { ...outcome.countries };
  const aggregateWeights: Record<string, Float64Array> = { ...outcome.aggregateWeights };
  if (countries.priceIndexChangePct) countries.priceIndexWorldRelativeChangePct = worldRelativePrices(countries.priceIndexChangePct, outcome.weights);
  const { accounts, flows } = outcome;
  if (!accounts || !flows) return { ...outcome, countries, aggregateWeights };

  const S = data.sectors.length;
  // One pass over the flows in storage order (sector, exporter, importer), each total a compensated sum whose terms
  // arrive in the order a column-by-column or row-by-row loop would meet them (sectors, then the partner ascending),
  // without striding through the N×N arrays column-wise.
  const imports = { before: new NeumaierSums(N), after: new NeumaierSums(N) };
  const taxed = { before: new NeumaierSums(N), fixedWeights: new NeumaierSums(N), after: new NeumaierSums(N) };
  const exports = { before: new NeumaierSums(N), after: new NeumaierSums(N) };
  // The balance change: the change of i's sales plus the (negated) change of its purchases, each a compensated sum of flow changes.
  const salesChange = new NeumaierSums(N);
  const purchasesChange = new NeumaierSums(N);
  addForeignFlows(S, N, flows.baseline, flows.counterfactual, accounts.tariffs.baseline, accounts.tariffs.counterfactual, { imports, taxed, exports, salesChange, purchasesChange });
  const importsBefore = imports.before.totals();
  const importsAfter = imports.after.totals();
  const balance = {
    before: mapToFloat64(exports.before.totals(), (v, n) => v - importsBefore[n]),
    after: mapToFloat64(exports.after.totals(), (v, n) => v - importsAfter[n]),
    change: salesChange.totalsPlus(purchasesChange),
  };
  const ratio = (numerator: Float64Array, denominator: Float64Array) => mapToFloat64(numerator, (v, n) => (denominator[n] > 0 ? v / denominator[n] : 0));
  countries.baselineEffectiveTariffRate = ratio(taxed.before.totals(), importsBefore);
  countries.effectiveTariffRate = ratio(taxed.fixedWeights.totals(), importsBefore);
  countries.effectiveTariffRateAfterSubstitution = ratio(taxed.after.totals(), importsAfter);
  aggregateWeights.baselineEffectiveTariffRate = importsBefore;
  aggregateWeights.effectiveTariffRate = importsBefore;
  aggregateWeights.effectiveTariffRateAfterSubstitution = importsAfter;

  if (money && countries.welfareChangePct) {
    const usd = (x: ArrayLike<number>) => mapToFloat64(x, (v) => v * money.flows.scale);
    const welfare = countries.welfareChangePct;
    countries.equivalentVariationUsd = usd(mapToFloat64(accounts.income, (income, n) => (welfare[n] / 100) * income));
    if (data.population) countries.equivalentVariationPerPersonUsd = mapToFloat64(countries.equivalentVariationUsd, (ev, n) => (data.population![n] > 0 ? ev / data.population![n] : 0));
    if (accounts.tariffRevenue) {
      countries.baselineTariffRevenueUsd = usd(accounts.tariffRevenue.baseline);
      countries.tariffRevenueUsd = usd(accounts.tariffRevenue.counterfactual);
    }
    countries.baselineTradeBalanceUsd = usd(balance.before);
    countries.tradeBalanceUsd = usd(balance.after);
    countries.tradeBalanceChangeUsd = usd(balance.change);
  }
  return { ...outcome, countries, aggregateWeights };
}

/** 100·(P̂_j ⁄ P̂_W − 1), P̂_W = Σ E P̂ ⁄ Σ E with the outcome's baseline-expenditure weights. */
function worldRelativePrices(priceIndexChangePct: Float64Array, weights: Float64Array): Float64Array {
  const weighted = mapToFloat64(priceIndexChangePct, (pct, k) => weights[k] * (1 + pct / 100));
  const world = compensatedSum(weighted) / compensatedSum(weights);
  return mapToFloat64(priceIndexChangePct, (pct) => 100 * ((1 + pct / 100) / world - 1));
}

/**
 * The pass of withAccountQuantities over the foreign flows, a function of its own: withAccountQuantities runs once
 * per phase, too few times for V8 to compile it whole, so its S·N² loop ran partly interpreted in a `tradewinds run`.
 */
function addForeignFlows(
  S: number,
  N: number,
  before: Float64Array,
  after: Float64Array,
  tariffsBefore: Float64Array,
  tariffsAfter: Float64Array,
  sums: {
    imports: { before: NeumaierSums; after: NeumaierSums };
    taxed: { before: NeumaierSums; fixedWeights: NeumaierSums; after: NeumaierSums };
    exports: { before: NeumaierSums; after: NeumaierSums };
    salesChange: NeumaierSums;
    purchasesChange: NeumaierSums;
  },
): void {
  const { imports, taxed, exports, salesChange, purchasesChange } = sums;
  for (let s = 0; s < S; s++)
    for (let i = 0; i < N; i++) {
      const row = (s * N + i) * N;
      for (let j = 0; j < N; j++) {
        if (i === j) continue;
        const k = row + j;
        const x = before[k];
        const x2 = after[k];
        imports.before.add(j, x);
        imports.after.add(j, x2);
        taxed.before.add(j, tariffsBefore[k] * x);
        taxed.fixedWeights.add(j, tariffsAfter[k] * x);
        taxed.after.add(j, tariffsAfter[k] * x2);
        exports.before.add(i, x);
        exports.after.add(i, x2);
        salesChange.add(i, x2 - x);
        purchasesChange.add(j, x - x2);
      }
    }
}

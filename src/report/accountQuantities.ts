import type { Dataset } from "../data/dataset.js";
import type { ModelOutcome } from "../models/types.js";
import { compensatedSum } from "../util/sum.js";
import type { DatasetMoney } from "./money.js";
import { mapToFloat64 } from "../util/typedArrays.js";

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
  const imports = { before: new Float64Array(N), after: new Float64Array(N) };
  const taxed = { before: new Float64Array(N), fixedWeights: new Float64Array(N), after: new Float64Array(N) };
  const balance = { before: new Float64Array(N), after: new Float64Array(N), change: new Float64Array(N) };
  const column = { x: new Float64Array(S * N), x2: new Float64Array(S * N), tx: new Float64Array(S * N), t2x: new Float64Array(S * N), t2x2: new Float64Array(S * N) };
  const row = { x: new Float64Array(S * N), x2: new Float64Array(S * N), dx: new Float64Array(2 * S * N) };
  for (let j = 0; j < N; j++) {
    // importer j: its foreign purchases, column j of every sector
    let m = 0;
    for (let s = 0; s < S; s++)
      for (let i = 0; i < N; i++) {
        if (i === j) continue;
        const k = (s * N + i) * N + j;
        const x = flows.baseline[k];
        const x2 = flows.counterfactual[k];
        column.x[m] = x;
        column.x2[m] = x2;
        column.tx[m] = accounts.tariffs.baseline[k] * x;
        column.t2x[m] = accounts.tariffs.counterfactual[k] * x;
        column.t2x2[m] = accounts.tariffs.counterfactual[k] * x2;
        m++;
      }
    imports.before[j] = compensatedSum(column.x, 0, m);
    imports.after[j] = compensatedSum(column.x2, 0, m);
    taxed.before[j] = compensatedSum(column.tx, 0, m);
    taxed.fixedWeights[j] = compensatedSum(column.t2x, 0, m);
    taxed.after[j] = compensatedSum(column.t2x2, 0, m);
  }
  for (let i = 0; i < N; i++) {
    // exporter i: its foreign sales (row i), less its purchases (column i)
    let m = 0;
    let d = 0;
    for (let s = 0; s < S; s++)
      for (let j = 0; j < N; j++) {
        if (i === j) continue;
        const out = (s * N + i) * N + j;
        const back = (s * N + j) * N + i;
        row.x[m] = flows.baseline[out];
        row.x2[m] = flows.counterfactual[out];
        m++;
        row.dx[d++] = flows.counterfactual[out] - flows.baseline[out];
        row.dx[d++] = flows.baseline[back] - flows.counterfactual[back];
      }
    balance.before[i] = compensatedSum(row.x, 0, m) - imports.before[i];
    balance.after[i] = compensatedSum(row.x2, 0, m) - imports.after[i];
    balance.change[i] = compensatedSum(row.dx, 0, d);
  }
  const ratio = (numerator: Float64Array, denominator: Float64Array) => mapToFloat64(numerator, (v, n) => (denominator[n] > 0 ? v / denominator[n] : 0));
  countries.baselineEffectiveTariffRate = ratio(taxed.before, imports.before);
  countries.effectiveTariffRate = ratio(taxed.fixedWeights, imports.before);
  countries.effectiveTariffRateAfterSubstitution = ratio(taxed.after, imports.after);
  aggregateWeights.baselineEffectiveTariffRate = imports.before;
  aggregateWeights.effectiveTariffRate = imports.before;
  aggregateWeights.effectiveTariffRateAfterSubstitution = imports.after;

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

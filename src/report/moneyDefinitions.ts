import type { QuantityDefinition } from "./registry.js";

/**
 * The registry's money and tariff-level quantities (report/accountQuantities.ts computes them from a model's
 * ModelOutcome.accounts): every model that fills its accounts reports them. Amounts are US dollars of the
 * dataset's year (RunReport.dataset.money converts the dataset's units); flows X are the model's
 * tariff-exclusive (factory-gate) flows, baseline and counterfactual, summed over sectors.
 */
export const moneyDefinitions: QuantityDefinition[] = [
  {
    key: "equivalentVariationUsd",
    label: "Welfare change in dollars (equivalent variation)",
    unit: "USD",
    formula:
      "EV = (Ŵ − 1)·I, Ŵ = 1 + welfareChangePct/100 and I the country's baseline income whose real change Ŵ measures (below, by model), in US dollars of the dataset's year: the income change at baseline prices worth as much as the policy (with homothetic preferences, Ŵ is the change in real income)",
    sign: "positive = the country gains",
    level: "country",
    aggregate: "sum",
    change: true,
    models: {
      "advanced-guide": "I = Y_i = Σ_j X_ij, the value of the country's production in the data (ag-1994/ag-2006: manufacturing gross production including domestic sales — not GDP); Ŵ = p̂/P̂",
      gegravity: "I = Y_i, the output the dataset gives (parameters.output; gegravity-2006: manufacturing production, not GDP); Ŵ = p̂/P̂",
      "liberation-day": "I = E_i = Σ_k X_ki, gross national expenditure (the paper's E: WDI GDP plus the trade deficit T, domestic sales filled in); Ŵ includes the labour-supply term",
      "caliendo-parro": "I = I_n = w_nL_n + R_n + D_n, baseline national income = final expenditure (value added + tariff revenue + deficit)",
      lashkaripour: "I = Y_i, income = expenditure of the balanced-trade baseline (wage income + tariff revenue) at the flows' current prices; welfareChangeUsd is the same change on WDI GDP in constant 2015 USD (the tariffwar package's figure)",
    },
  },
  {
    key: "equivalentVariationPerPersonUsd",
    label: "Welfare change per person",
    unit: "USD",
    formula: "equivalentVariationUsd_i ⁄ population_i, population of the data year from the dataset (datasets without population do not report it)",
    sign: "positive = the country gains",
    level: "country",
    aggregate: "none",
    change: true,
  },
  {
    key: "baselineTariffRevenueUsd",
    label: "Tariff revenue, before",
    unit: "USD",
    formula: "R_j = Σ_{i,s} t_ijs·X_ijs over j's imports at the baseline tariffs t (the model's own revenue, in dollars)",
    sign: "collected by the importer",
    level: "country",
    aggregate: "sum",
    models: {
      "liberation-day": "baseline tariffs are zero (the paper calibrates λ as tariff-free), so R = 0",
    },
  },
  {
    key: "tariffRevenueUsd",
    label: "Tariff revenue, after",
    unit: "USD",
    formula: "R′_j = Σ_{i,s} t′_ijs·X′_ijs, counterfactual tariffs on counterfactual (tariff-exclusive) imports: the revenue the model puts in j's income",
    sign: "collected by the importer",
    level: "country",
    aggregate: "sum",
    models: {
      "liberation-day": "R′_j = Σ_i λ′_ij t_ij/(1+t_ij) E′_j (§3.3); it replaces income tax (revenue: income-tax-relief) or is a lump sum",
      "caliendo-parro": "R′_n = Σ_s Σ_i t′·T′[i→n,s], rebated lump sum in I",
      lashkaripour: "R′_j = Σ t′_ijs x′_ijs, rebated lump sum in income",
    },
  },
  {
    key: "baselineEffectiveTariffRate",
    label: "Effective tariff rate, before",
    unit: "rate",
    formula: "Σ_{i≠j,s} t_ijs·X_ijs ⁄ Σ_{i≠j,s} X_ijs: importer j's tariffs before, weighted by its baseline imports X (tariff-exclusive); groups and WORLD: the same ratio over their members (weights = baseline imports)",
    sign: "a tariff level, not a change",
    level: "country",
    aggregate: "weighted-mean",
  },
  {
    key: "effectiveTariffRate",
    label: "Effective tariff rate, after",
    unit: "rate",
    formula:
      "Σ_{i≠j,s} t′_ijs·X_ijs ⁄ Σ_{i≠j,s} X_ijs: the counterfactual tariffs weighted by the BASELINE imports X — the fixed-weight (pre-substitution) rate tariff trackers publish; groups: weights = baseline imports. An embargoed pair keeps its tariff and its baseline weight",
    sign: "a tariff level, not a change",
    level: "country",
    aggregate: "weighted-mean",
  },
  {
    key: "effectiveTariffRateAfterSubstitution",
    label: "Effective tariff rate, after substitution",
    unit: "rate",
    formula: "Σ_{i≠j,s} t′_ijs·X′_ijs ⁄ Σ_{i≠j,s} X′_ijs: counterfactual tariffs weighted by counterfactual imports X′ (the post-substitution rate: revenue over imports; lower than the fixed-weight rate as buyers leave the taxed sources); groups: weights = counterfactual imports",
    sign: "a tariff level, not a change",
    level: "country",
    aggregate: "weighted-mean",
  },
  {
    key: "baselineTradeBalanceUsd",
    label: "Trade balance, before",
    unit: "USD",
    formula: "B_i = Σ_{j≠i,s} X_ijs − Σ_{j≠i,s} X_jis, exports − imports at factory-gate (tariff-exclusive) value, baseline flows of the model; groups: the sum (trade among members cancels)",
    sign: "positive = surplus, negative = deficit",
    level: "country",
    aggregate: "sum",
    models: {
      "advanced-guide": "from the model's fitted baseline flows (tradehat_BLN), which match each country's output and expenditure, so B_i = Y_i − E_i",
      "liberation-day": "the data's exports − imports; the model holds T = E − Y (with ν > 0 not the same number) as a share of world income",
      "caliendo-parro": "with deficits: zero-aggregate both solves balance every country's trade, so the balances are 0 up to the solver's tolerance; deficits: held keeps the data's",
      lashkaripour: "the baseline is the data rebalanced to zero trade balances (spec tariffwar.md §4) and trade stays balanced: 0 up to the solver's tolerance",
    },
  },
  {
    key: "tradeBalanceUsd",
    label: "Trade balance, after",
    unit: "USD",
    formula: "B′_i = Σ_{j≠i,s} X′_ijs − Σ_{j≠i,s} X′_jis with counterfactual flows; groups: the sum",
    sign: "positive = surplus, negative = deficit",
    level: "country",
    aggregate: "sum",
  },
  {
    key: "tradeBalanceChangeUsd",
    label: "Trade balance change",
    unit: "USD",
    formula: "B′_i − B_i, summed as flow changes Σ (ΔX_ij − ΔX_ji) (not a difference of large sums)",
    sign: "positive = the balance improves (a surplus grows or a deficit shrinks)",
    level: "country",
    aggregate: "sum",
    change: true,
  },
  {
    key: "priceIndexWorldRelativeChangePct",
    label: "Consumer prices relative to world prices",
    unit: "%",
    formula:
      "100·(P̂_j ⁄ P̂_W − 1), P̂_W = Σ_k E_k P̂_k ⁄ Σ_k E_k the world baseline-expenditure-weighted price index: the consumer price change with the model's numeraire taken out (the same in every model whatever its numeraire)",
    sign: "positive = the country's consumer prices rise relative to the world's",
    level: "country",
    aggregate: "weighted-mean",
  },
];

import type { QuantityDefinition } from "../quantityDefinition.js";

/** Registry entries (report/registry.ts): Liberation Day (Ignatenko, Macedoni, Lashkaripour & Simonovska 2025), one sector (`liberation-day`). */
export const liberationDayDefinitions = [
  // ---- Liberation Day (Ignatenko, Macedoni, Lashkaripour & Simonovska 2025) one-sector model (`liberation-day`) ----
  // Also reports welfareChangePct (Ŵ of §3.3), priceIndexChangePct, factoryPriceChangePct (ŵ), realWageChangePct
  // (ŵ/P̂), exportsChangePct, importsChangePct (foreign, tariff-exclusive). Spec one-sector.md §3.5.
  {
    key: "deficitChangePct",
    label: "Trade deficit change (% of |balance|)",
    unit: "%",
    formula:
      "100·(D′ − D)/|D|, D_i = Σ_k X_ki − Σ_k X_ik (imports − exports, tariff-exclusive; domestic flows cancel): the paper's Table 1 column. For a surplus country (D < 0) +46.5% means the surplus shrinks by 46.5% of itself — read it with baselineTradeBalanceUsd and tradeBalanceChangeUsd",
    sign: "positive = the deficit grows, or a surplus shrinks; negative = the deficit shrinks, or a surplus grows",
    level: "country",
    aggregate: "weighted-mean",
    better: "neither",
  },
  {
    key: "imbalanceScale",
    label: "Common imbalance factor κ′",
    unit: "ratio",
    formula:
      "κ′ = ΣY′ ⁄ Σ_k ρ_k Y′_k under deficits: multiplicative, where every country's E′ − R′ = ρ·κ′·Y′ with ρ = E/Y of the data: 1 at the baseline; its distance from 1 is how far E/Y could not be held exactly (world spending must equal world income)",
    sign: "1 = every country's E/Y held exactly",
    level: "scalar",
    aggregate: "none",
    better: "neither",
  },
  {
    key: "exportsToGdpChangePct",
    label: "Exports / GDP",
    unit: "%",
    formula: "100·((Σ_{k≠i} X′_ik / Y′_i) ⁄ (Σ_{k≠i} X_ik / Y_i) − 1), Y = model output ŵL̂Y",
    sign: "positive = exports rise relative to output",
    level: "country",
    aggregate: "weighted-mean",
    better: "neither",
  },
  {
    key: "importsToGdpChangePct",
    label: "Imports / GDP",
    unit: "%",
    formula: "100·((Σ_{k≠i} X′_ki / Y′_i) ⁄ (Σ_{k≠i} X_ki / Y_i) − 1), imports tariff-exclusive",
    sign: "positive = imports rise relative to output",
    level: "country",
    aggregate: "weighted-mean",
    better: "neither",
  },
  {
    key: "employmentChangePct",
    label: "Employment",
    unit: "%",
    formula: "100·(L̂ − 1), L̂ = (τ̂ ŵ/P̂)^κ (labour supply with elasticity κ)",
    sign: "positive = more people work",
    level: "country",
    aggregate: "weighted-mean",
    better: "higher",
  },
  {
    key: "tariffRevenueShare",
    label: "Tariff revenue / expenditure",
    unit: "share",
    formula: "R′_i / E_i, R′ = Σ_k λ′_ki t_ki/(1+t_ki) E′_i, over BASELINE expenditure E (Table 3 prints 100× this as \"% of GDP\")",
    sign: "collected by the importer; 0.01 = 1% of baseline spending",
    level: "country",
    aggregate: "weighted-mean",
    better: "neither",
  },
] as const satisfies readonly QuantityDefinition[];

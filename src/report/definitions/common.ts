import type { QuantityDefinition } from "../quantityDefinition.js";

/** What each model's prices are measured against (the lines of priceIndexChangePct and factoryPriceChangePct). */
const NUMERAIRES: Readonly<Record<string, string>> = {
  "advanced-guide": "numeraire: the reference country's inward multilateral resistance (its P is 1 in every state, so its change is 0)",
  gegravity: "numeraire: the reference importer's price index (ρ_reference = 1, its change is 0)",
  "liberation-day": "numeraire: the world expenditure-weighted price index, Σ_j E_j P̂_j = Σ_j E_j (§3.3, ERR1_N): the world mean change is 0",
  "caliendo-parro": "numeraire: world value added Σ_n ŵ_n w_n L_n = Σ_n w_n L_n (nominal world GDP fixed)",
  lashkaripour: "numeraire: world wage income Σ_i R_i ŵ_i = Σ_i R_i",
};

/** Registry entries (report/registry.ts): quantities every model reports (or most do): welfare, prices, trade. What each model's prices are measured against is in NUMERAIRES. */
export const commonDefinitions = [
  // ---- country level: common to the one-sector and multi-sector models -------------------------
  {
    key: "welfareChangePct",
    label: "Welfare (real income)",
    unit: "%",
    formula:
      "100·(Ŵ − 1), Ŵ = real income counterfactual ÷ baseline, exact (not a linearisation) in every model — AG and gegravity: real GDP, Ŵ = p̂/P̂ (Y = p·Q with fixed endowments Q, P the CES price index); Liberation Day: Ŵ = δ·Ê/P̂ + (1 − δ)·ŵL̂/P̂ of §3.3 (real spending and real labour income, weighted by the labour-supply preference term δ); Caliendo–Parro: Ŵ = Î/P̂, I = wL + tariff revenue + deficit, P̂ = Π_s P̂_s^α_s (its first-order terms-of-trade + volume-of-trade decomposition is welfareFirstOrderPct); Lashkaripour: Ŷ/P̂, P̂ = Π_s P̂_s^e_s, relative to the balanced-trade baseline",
    sign: "positive = the country gains",
    level: "country",
    aggregate: "weighted-mean",
    models: {
      "advanced-guide":
        "real output p̂/P̂. Tariffs act as trade costs (τ scales with (1+t′)/(1+t)): no revenue is collected, so a country's own tariff helps it only through its factory price (terms of trade) — against estimates where revenue is rebated, it understates a tariff-setter's gain",
      gegravity:
        "real output p̂/P̂ (= terms of trade). Tariffs act as trade costs: no revenue is collected, so a country's own tariff helps it only through its factory price — against estimates where revenue is rebated, it understates a tariff-setter's gain",
      "liberation-day":
        "Ŵ of §3.3. A country's own tariff can raise it: terms of trade (φ > 1: foreign exporters absorb part of the tariff, more so for a large buyer at ε = 4), revenue that replaces income tax (revenue: income-tax-relief; Table 1 Case 2, lump-sum, turns the US's +1.13% into −0.01%), and no retaliation unless the scenario adds it. Estimates that find the US losing from the 2025 tariffs differ in these assumptions (complete pass-through to US buyers, as measured for 2018–19; retaliation; revenue not returned)",
      "caliendo-parro":
        "Î/P̂ with tariff revenue rebated lump sum in I. An importer's tariff can raise its welfare through terms of trade (lower foreign costs ĉ) and revenue, against the volume-of-trade loss; the first-order decomposition beside it shows which dominates",
      lashkaripour:
        "Ŷ/P̂ relative to the balanced-trade baseline, tariff revenue rebated lump sum: a country's own tariff raises it up to its optimal tariff (terms of trade), which is why every country sets a positive Nash tariff",
    },
    better: "higher",
  },
  {
    key: "factoryPriceChangePct",
    label: "Factory-gate price (wage)",
    unit: "%",
    formula: "100·(p̂ − 1), p = factory-gate price (one-sector: the wage), relative to the model's numeraire",
    sign: "positive = the country's output is dearer",
    level: "country",
    aggregate: "weighted-mean",
    models: NUMERAIRES,
    better: "neither",
  },
  {
    key: "priceIndexChangePct",
    label: "Consumer price index",
    unit: "%",
    formula:
      "100·(P̂ − 1), P = CES price index of the importer (AG: IMR^(1/(1−σ))), measured against the model's numeraire (below): a price level relative to that numeraire, not an inflation rate; priceIndexWorldRelativeChangePct removes the numeraire",
    sign: "positive = consumer prices rise relative to the numeraire",
    level: "country",
    aggregate: "weighted-mean",
    models: NUMERAIRES,
    better: "lower",
  },
  {
    key: "exportsChangePct",
    label: "Exports",
    unit: "%",
    formula: "100·(Σ_{j≠i} X′_ij ⁄ Σ_{j≠i} X_ij − 1), foreign exports at factory-gate (tariff-exclusive) value",
    sign: "positive = exports grow",
    level: "country",
    aggregate: "weighted-mean",
    better: "neither",
  },
  {
    key: "importsChangePct",
    label: "Imports",
    unit: "%",
    formula: "100·(Σ_{i≠j} X′_ij ⁄ Σ_{i≠j} X_ij − 1), foreign imports, tariff-exclusive",
    sign: "positive = imports grow",
    level: "country",
    aggregate: "weighted-mean",
    better: "neither",
  },
] as const satisfies readonly QuantityDefinition[];

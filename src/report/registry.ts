/**
 * The results registry: every reported quantity defined once — key, label, unit, formula, sign
 * convention. Tables, CSV, JSON and chart axes all read it, and the definitions ship with every output.
 * A model may only report keys defined here (report/ checks this).
 */
export interface QuantityDefinition {
  key: string;
  label: string;
  unit: "%" | "pp" | "share" | "ratio" | "level" | "count" | "rate";
  /** The formula, in the notation of ../shared/spec (hat = counterfactual ÷ baseline). */
  formula: string;
  /** How to read the sign. */
  sign: string;
  /** Where it lives in the output. */
  level: "country" | "country-sector" | "scalar" | "bloc";
  /** How a group aggregate is formed: baseline-expenditure-weighted mean, sum, or not aggregated. */
  aggregate: "weighted-mean" | "sum" | "none";
}

const defs: QuantityDefinition[] = [
  // ---- country level: common to the one-sector and multi-sector models -------------------------
  {
    key: "welfareChangePct",
    label: "Welfare (real income)",
    unit: "%",
    formula: "100·(Ŵ − 1), Ŵ = real income counterfactual ÷ baseline (AG and gegravity: real GDP Y/P; Liberation Day: Ŵ of §3.3; Caliendo–Parro: the cp2015 package's first-order sum of terms-of-trade, volume-of-trade and trade-cost effects — the exact Î/P̂ is realIncomeChangePct)",
    sign: "positive = the country gains",
    level: "country",
    aggregate: "weighted-mean",
  },
  {
    key: "factoryPriceChangePct",
    label: "Factory-gate price (wage)",
    unit: "%",
    formula: "100·(p̂ − 1), p = factory-gate price (one-sector: the wage), relative to the model's numeraire",
    sign: "positive = the country's output is dearer",
    level: "country",
    aggregate: "weighted-mean",
  },
  {
    key: "priceIndexChangePct",
    label: "Consumer price index",
    unit: "%",
    formula: "100·(P̂ − 1), P = CES price index of the importer (AG: IMR^(1/(1−σ)))",
    sign: "positive = consumer prices rise",
    level: "country",
    aggregate: "weighted-mean",
  },
  {
    key: "exportsChangePct",
    label: "Exports",
    unit: "%",
    formula: "100·(Σ_{j≠i} X′_ij ⁄ Σ_{j≠i} X_ij − 1), foreign exports at factory-gate (tariff-exclusive) value",
    sign: "positive = exports grow",
    level: "country",
    aggregate: "weighted-mean",
  },
  {
    key: "importsChangePct",
    label: "Imports",
    unit: "%",
    formula: "100·(Σ_{i≠j} X′_ij ⁄ Σ_{i≠j} X_ij − 1), foreign imports, tariff-exclusive",
    sign: "positive = imports grow",
    level: "country",
    aggregate: "weighted-mean",
  },
  // ---- structural gravity (Advanced Guide GEPPML `ag`, gegravity OneSectorGE `gegravity`) ---------
  {
    key: "imrChangePct",
    label: "Inward multilateral resistance (full GE)",
    unit: "%",
    formula: "100·(P′/P − 1), P = IMR^(1/(1−σ)) the inward multilateral resistance (= the CES price index, so equal to priceIndexChangePct); AG: IMR = E/(exp χ·E_R)",
    sign: "positive = buyers face higher resistance (dearer imports and home goods)",
    level: "country",
    aggregate: "weighted-mean",
  },
  {
    key: "imrConditionalChangePct",
    label: "Inward multilateral resistance (conditional GE)",
    unit: "%",
    formula: "100·(P_CDL/P − 1), P = IMR^(1/(1−σ)) with output and expenditure held at baseline (AG change_IMR_CDL)",
    sign: "positive = higher resistance",
    level: "country",
    aggregate: "weighted-mean",
  },
  {
    key: "omrChangePct",
    label: "Outward multilateral resistance (full GE)",
    unit: "%",
    formula: "100·(Π′/Π − 1), Π = OMR^(1/(1−σ)); AG: OMR = Y·E_R/exp π (change_OMR_FULL); gegravity: Π = ω^(−1/(1−σ))",
    sign: "positive = sellers face higher resistance",
    level: "country",
    aggregate: "weighted-mean",
  },
  {
    key: "omrConditionalChangePct",
    label: "Outward multilateral resistance (conditional GE)",
    unit: "%",
    formula: "100·(Π_CDL/Π − 1), Π = OMR^(1/(1−σ)) with output and expenditure held at baseline (AG change_OMR_CDL)",
    sign: "positive = higher resistance",
    level: "country",
    aggregate: "weighted-mean",
  },
  {
    key: "exportsConditionalChangePct",
    label: "Exports (conditional GE)",
    unit: "%",
    formula: "100·(Σ_{j≠i} X_CDL,ij ⁄ Σ_{j≠i} X̂_BLN,ij − 1), fitted flows with output and expenditure held at baseline (AG change_Xi_CDL)",
    sign: "positive = exports grow",
    level: "country",
    aggregate: "weighted-mean",
  },
  {
    key: "outputChangePct",
    label: "Nominal output",
    unit: "%",
    formula: "100·(Y′/Y − 1), Y′ = p̂·Y (one-sector endowment economy: equals factoryPriceChangePct)",
    sign: "positive = output value rises",
    level: "country",
    aggregate: "weighted-mean",
  },
  {
    key: "expenditureChangePct",
    label: "Nominal expenditure",
    unit: "%",
    formula: "100·(E′/E − 1), E′ = φ·Y′ with φ = E/Y fixed at baseline (equals outputChangePct)",
    sign: "positive = spending rises",
    level: "country",
    aggregate: "weighted-mean",
  },
  {
    key: "welfareStatistic",
    label: "Welfare statistic (gegravity)",
    unit: "ratio",
    formula: "(E/P)/(E′/P′), baseline ÷ counterfactual real expenditure = 1/(1 + welfareChangePct/100)",
    sign: "below 1 = the country gains (gegravity convention)",
    level: "country",
    aggregate: "weighted-mean",
  },
  {
    key: "termsOfTradeChangePct",
    label: "Terms of trade",
    unit: "%",
    formula: "100·((p′/P′)/(p/P) − 1), factory-gate price over the price index (gegravity; equals welfareChangePct)",
    sign: "positive = improves",
    level: "country",
    aggregate: "weighted-mean",
  },
  {
    key: "intranationalTradeChangePct",
    label: "Intranational trade",
    unit: "%",
    formula: "100·(X′_ii/X_ii − 1), modeled domestic sales",
    sign: "positive = more domestic sourcing",
    level: "country",
    aggregate: "weighted-mean",
  },
  // ---- Caliendo–Parro (2015) multi-sector model with input–output links (`caliendo-parro`) ----------
  // Its welfareChangePct is the package's first-order total ToT + VoT + trade-cost effect (spec §1.6).
  {
    key: "termsOfTradeEffectPct",
    label: "Terms-of-trade effect",
    unit: "%",
    formula: "100/I_r·Σ_s Σ_p (T[r→p,s]·(ĉ[r,s] − 1) − T[p→r,s]·(ĉ[p,s] − 1)), baseline flows T, first-order (CP 2015; spec caliendo-parro-and-ossa.md §1.6)",
    sign: "positive = export prices rise relative to import prices",
    level: "country",
    aggregate: "weighted-mean",
  },
  {
    key: "volumeOfTradeEffectPct",
    label: "Volume-of-trade effect",
    unit: "%",
    formula: "100/I_r·Σ_s Σ_i t[i→r,s]·T[i→r,s]·(T′/T − ĉ[i,s]), tariff-distorted imports expanding (CP 2015; spec §1.6)",
    sign: "positive = more trade in tariff-distorted markets",
    level: "country",
    aggregate: "weighted-mean",
  },
  {
    key: "tradeCostEffectPct",
    label: "Trade-cost (technical efficiency) effect",
    unit: "%",
    formula: "−100/I_r·Σ_s Σ_i T[i→r,s]·(1 + t)·(d̂ − 1) over finite d̂ (cp2015 package extension; embargoed flows excluded)",
    sign: "positive = cheaper trade",
    level: "country",
    aggregate: "weighted-mean",
  },
  {
    key: "realWageChangePct",
    label: "Real wage",
    unit: "%",
    formula: "100·(ŵ/P̂ − 1): the wage over the consumer price index (Liberation Day: P̂ of §3.3; Caliendo–Parro: P̂ = Π_s P̂_s^α_s)",
    sign: "positive = wages buy more",
    level: "country",
    aggregate: "weighted-mean",
  },
  {
    key: "realIncomeChangePct",
    label: "Real income (exact)",
    unit: "%",
    formula: "100·((I′/I)/P̂ − 1), I = wL + tariff revenue + deficit, P̂ = Π_s P̂_s^α_s",
    sign: "positive = the country gains",
    level: "country",
    aggregate: "weighted-mean",
  },
  {
    key: "grossOutputChangePct",
    label: "Gross output",
    unit: "%",
    formula: "100·(Y′/Y − 1), Y = Σ_j tariff-exclusive sales of the sector (0 where Y = 0)",
    sign: "positive = the sector's sales grow",
    level: "country-sector",
    aggregate: "weighted-mean",
  },
  {
    key: "sectorPriceChangePct",
    label: "Sector price index",
    unit: "%",
    formula: "100·(P̂_s − 1), CES price index of the sector's goods bought by the country",
    sign: "positive = dearer",
    level: "country-sector",
    aggregate: "weighted-mean",
  },
  {
    key: "inputCostChangePct",
    label: "Input-bundle cost",
    unit: "%",
    formula: "100·(ĉ_s − 1), ĉ = ŵ^β·Π_k P̂_k^γ (CP 2015)",
    sign: "positive = producing costs more",
    level: "country-sector",
    aggregate: "weighted-mean",
  },
  {
    key: "sectorExportsChangePct",
    label: "Sector exports",
    unit: "%",
    formula: "100·(Σ_{j≠n} T′[n→j,s] ⁄ Σ_{j≠n} T[n→j,s] − 1), tariff-exclusive (0 where the baseline is 0)",
    sign: "positive = exports grow",
    level: "country-sector",
    aggregate: "weighted-mean",
  },
  {
    key: "sectorImportsChangePct",
    label: "Sector imports",
    unit: "%",
    formula: "100·(Σ_{i≠n} T′[i→n,s] ⁄ Σ_{i≠n} T[i→n,s] − 1), tariff-exclusive (0 where the baseline is 0)",
    sign: "positive = imports grow",
    level: "country-sector",
    aggregate: "weighted-mean",
  },
  {
    key: "tariffRevenue",
    label: "Tariff revenue (counterfactual)",
    unit: "level",
    formula: "R′[n,s] = Σ_i t′[i→n,s]·T′[i→n,s], dataset units (cp-1993: USD, world value added fixed)",
    sign: "collected by the importer",
    level: "country-sector",
    aggregate: "sum",
  },
  {
    key: "baselineTariffRevenue",
    label: "Tariff revenue (baseline)",
    unit: "level",
    formula: "R[n,s] = Σ_i t[i→n,s]·T[i→n,s], dataset units",
    sign: "collected by the importer",
    level: "country-sector",
    aggregate: "sum",
  },
  // ---- Liberation Day (Ignatenko, Macedoni, Lashkaripour & Simonovska 2025) one-sector model (`liberation-day`) ----
  // Also reports welfareChangePct (Ŵ of §3.3), priceIndexChangePct, factoryPriceChangePct (ŵ), realWageChangePct
  // (ŵ/P̂), exportsChangePct, importsChangePct (foreign, tariff-exclusive). Spec one-sector.md §3.5.
  {
    key: "deficitChangePct",
    label: "Trade deficit",
    unit: "%",
    formula: "100·(D′ − D)/|D|, D_i = Σ_k X_ki − Σ_k X_ik (imports − exports, tariff-exclusive; domestic flows cancel)",
    sign: "positive = the deficit grows (or the surplus shrinks)",
    level: "country",
    aggregate: "weighted-mean",
  },
  {
    key: "exportsToGdpChangePct",
    label: "Exports / GDP",
    unit: "%",
    formula: "100·((Σ_{k≠i} X′_ik / Y′_i) ⁄ (Σ_{k≠i} X_ik / Y_i) − 1), Y = model output ŵL̂Y",
    sign: "positive = exports rise relative to output",
    level: "country",
    aggregate: "weighted-mean",
  },
  {
    key: "importsToGdpChangePct",
    label: "Imports / GDP",
    unit: "%",
    formula: "100·((Σ_{k≠i} X′_ki / Y′_i) ⁄ (Σ_{k≠i} X_ki / Y_i) − 1), imports tariff-exclusive",
    sign: "positive = imports rise relative to output",
    level: "country",
    aggregate: "weighted-mean",
  },
  {
    key: "employmentChangePct",
    label: "Employment",
    unit: "%",
    formula: "100·(L̂ − 1), L̂ = (τ̂ ŵ/P̂)^κ (labour supply with elasticity κ)",
    sign: "positive = more people work",
    level: "country",
    aggregate: "weighted-mean",
  },
  {
    key: "tariffRevenueShare",
    label: "Tariff revenue / expenditure",
    unit: "share",
    formula: "R′_i / E_i, R′ = Σ_k λ′_ki t_ki/(1+t_ki) E′_i, over BASELINE expenditure E (Table 3 prints 100× this as \"% of GDP\")",
    sign: "collected by the importer; 0.01 = 1% of baseline spending",
    level: "country",
    aggregate: "weighted-mean",
  },
  // ---- bloc formation (spec scenarios-and-strategy.md §3; report/blocReport.ts) ------------------
  {
    key: "blocWelfareJoiningPct",
    label: "Welfare if it joins",
    unit: "%",
    formula: "100·(Ŵ_c(S ∪ {c}) − 1): candidate c's welfare change when it joins the bloc whose other members are S (a group: baseline-expenditure-weighted mean of its members)",
    sign: "positive = the candidate gains relative to the baseline",
    level: "bloc",
    aggregate: "weighted-mean",
  },
  {
    key: "blocWelfareOutsidePct",
    label: "Welfare if it stays out",
    unit: "%",
    formula: "100·(Ŵ_c(S) − 1): candidate c's welfare change when it stays out and the members are S",
    sign: "positive = the candidate gains relative to the baseline",
    level: "bloc",
    aggregate: "weighted-mean",
  },
  {
    key: "blocGainFromJoiningPp",
    label: "Gain from joining",
    unit: "pp",
    formula: "blocWelfareJoiningPct − blocWelfareOutsidePct, for the same members S among the others",
    sign: "positive = joining is better than staying out",
    level: "bloc",
    aggregate: "none",
  },
];

export const registry: ReadonlyMap<string, QuantityDefinition> = new Map(defs.map((d) => [d.key, d]));

export function definitionOf(key: string): QuantityDefinition {
  const def = registry.get(key);
  if (!def) throw new Error(`internal: quantity ${JSON.stringify(key)} is not defined in report/registry.ts`);
  return def;
}

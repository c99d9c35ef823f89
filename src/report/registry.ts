import { compareRuleOf, type CompareRule } from "./compareRules.js";
import { dealDefinitions } from "./dealRegistry.js";
import { moneyDefinitions } from "./moneyDefinitions.js";

/**
 * The results registry: every reported quantity defined once — key, label, unit, formula, sign
 * convention. Tables, CSV, JSON and chart axes all read it, and the definitions ship with every output.
 * A model may only report keys defined here (report/ checks this).
 */
export interface QuantityDefinition {
  key: string;
  label: string;
  /**
   * "rate": an ad valorem rate (tariff) as a share, printed in % in tables. "USD": US dollars of the dataset's
   * year, converted from the dataset's units (RunReport.dataset.money); tables print $141.4 bn.
   */
  unit: "%" | "pp" | "share" | "ratio" | "level" | "count" | "rate" | "USD";
  /** The formula, in the notation of ../shared/spec (hat = counterfactual ÷ baseline). */
  formula: string;
  /** How to read the sign. */
  sign: string;
  /** Where it lives in the output. */
  level: "country" | "country-sector" | "scalar" | "bloc" | "instrument";
  /**
   * How a group aggregate is formed: weighted mean (baseline expenditure, or the weights the model gives for the
   * key, ModelOutcome.aggregateWeights — e.g. baseline imports for effective tariff rates), sum, or not aggregated.
   */
  aggregate: "weighted-mean" | "sum" | "none";
  /** A change rather than a level: tables print "+" before a positive value (as they do for every % column). */
  change?: boolean;
  /** For unit "level": an amount of money in the units of the dataset's flows or of its GDP (tables print it in dollars). */
  amountOf?: "flows" | "gdp";
  /**
   * What the quantity is in each model (its income, its numeraire, the assumption that drives it), by model
   * type. A run's report carries only its own model's line, as `model` (see definitionFor).
   */
  models?: Readonly<Record<string, string>>;
  /** In a run's report: this model's line of `models`. */
  model?: string;
  /**
   * Which way is good for the country, machine-readable (the dashboard colours gains and losses by it):
   * "higher" (welfare, real wage), "lower" (consumer prices), or "neither" — a change that is not a gain
   * or a loss in itself (exports, factory prices, deficits, tariff levels, exposure shares).
   */
  better: "higher" | "lower" | "neither";
  /** How `compareWith` sets one phase's value against another's (report/compareRules.ts): "ratio" of the changes or "difference". */
  compare?: CompareRule;
}

/** What each model's prices are measured against (the lines of priceIndexChangePct and factoryPriceChangePct). */
const NUMERAIRES: Readonly<Record<string, string>> = {
  "advanced-guide": "numeraire: the reference country's inward multilateral resistance (its P is 1 in every state, so its change is 0)",
  gegravity: "numeraire: the reference importer's price index (ρ_reference = 1, its change is 0)",
  "liberation-day": "numeraire: the world expenditure-weighted price index, Σ_j E_j P̂_j = Σ_j E_j (§3.3, ERR1_N): the world mean change is 0",
  "caliendo-parro": "numeraire: world value added Σ_n ŵ_n w_n L_n = Σ_n w_n L_n (nominal world GDP fixed)",
  lashkaripour: "numeraire: world wage income Σ_i R_i ŵ_i = Σ_i R_i",
};

/**
 * Every definition, as a constant: the keys are literal types, so `QuantityKey` lists them and a misspelt
 * key in a report lookup (`row.values.welfareChangPct`) or a model's table is a type error.
 */
const defs = [
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
  // ---- structural gravity (Advanced Guide GEPPML `ag`, gegravity OneSectorGE `gegravity`) ---------
  {
    key: "imrChangePct",
    label: "Inward multilateral resistance (full GE)",
    unit: "%",
    formula: "100·(P′/P − 1), P = IMR^(1/(1−σ)) the inward multilateral resistance (= the CES price index, so equal to priceIndexChangePct); AG: IMR = E/(exp χ·E_R)",
    sign: "positive = buyers face higher resistance (dearer imports and home goods)",
    level: "country",
    aggregate: "weighted-mean",
    better: "lower",
  },
  {
    key: "imrConditionalChangePct",
    label: "Inward multilateral resistance (conditional GE)",
    unit: "%",
    formula: "100·(P_CDL/P − 1), P = IMR^(1/(1−σ)) with output and expenditure held at baseline (AG change_IMR_CDL)",
    sign: "positive = higher resistance",
    level: "country",
    aggregate: "weighted-mean",
    better: "lower",
  },
  {
    key: "omrChangePct",
    label: "Outward multilateral resistance (full GE)",
    unit: "%",
    formula: "100·(Π′/Π − 1), Π = OMR^(1/(1−σ)); AG: OMR = Y·E_R/exp π (change_OMR_FULL); gegravity: Π = ω^(−1/(1−σ))",
    sign: "positive = sellers face higher resistance",
    level: "country",
    aggregate: "weighted-mean",
    better: "lower",
  },
  {
    key: "omrConditionalChangePct",
    label: "Outward multilateral resistance (conditional GE)",
    unit: "%",
    formula: "100·(Π_CDL/Π − 1), Π = OMR^(1/(1−σ)) with output and expenditure held at baseline (AG change_OMR_CDL)",
    sign: "positive = higher resistance",
    level: "country",
    aggregate: "weighted-mean",
    better: "lower",
  },
  {
    key: "exportsConditionalChangePct",
    label: "Exports (conditional GE)",
    unit: "%",
    formula: "100·(Σ_{j≠i} X_CDL,ij ⁄ Σ_{j≠i} X̂_BLN,ij − 1), fitted flows with output and expenditure held at baseline (AG change_Xi_CDL)",
    sign: "positive = exports grow",
    level: "country",
    aggregate: "weighted-mean",
    better: "neither",
  },
  {
    key: "outputChangePct",
    label: "Nominal output",
    unit: "%",
    formula: "100·(Y′/Y − 1), Y′ = p̂·Y (one-sector endowment economy: equals factoryPriceChangePct)",
    sign: "positive = output value rises",
    level: "country",
    aggregate: "weighted-mean",
    better: "neither",
  },
  {
    key: "expenditureChangePct",
    label: "Nominal expenditure",
    unit: "%",
    formula: "100·(E′/E − 1), nominal expenditure (one-sector gravity: E′ = φ·Y′ with φ = E/Y fixed at baseline, equal to outputChangePct — advanced-guide with imbalances: balanced: φ = 1; Lashkaripour: Ŷ, income = expenditure under balanced trade)",
    sign: "positive = spending rises",
    level: "country",
    aggregate: "weighted-mean",
    better: "neither",
  },
  {
    key: "welfareStatistic",
    label: "Welfare statistic (gegravity)",
    unit: "ratio",
    formula: "(E/P)/(E′/P′), baseline ÷ counterfactual real expenditure = 1/(1 + welfareChangePct/100)",
    sign: "below 1 = the country gains (gegravity convention)",
    level: "country",
    aggregate: "weighted-mean",
    better: "lower",
  },
  {
    key: "termsOfTradeChangePct",
    label: "Terms of trade",
    unit: "%",
    formula: "100·((p′/P′)/(p/P) − 1), factory-gate price over the price index (gegravity; equals welfareChangePct)",
    sign: "positive = improves",
    level: "country",
    aggregate: "weighted-mean",
    better: "higher",
  },
  {
    key: "intranationalTradeChangePct",
    label: "Intranational trade",
    unit: "%",
    formula: "100·(X′_ii/X_ii − 1), modeled domestic sales",
    sign: "positive = more domestic sourcing",
    level: "country",
    aggregate: "weighted-mean",
    better: "neither",
  },
  // ---- Caliendo–Parro (2015) multi-sector model with input–output links (`caliendo-parro`) ----------
  // Its welfareChangePct is the exact Î/P̂; the package's first-order decomposition (spec §1.6) is reported beside it:
  // termsOfTradeEffectPct + volumeOfTradeEffectPct + tradeCostEffectPct = welfareFirstOrderPct.
  {
    key: "termsOfTradeEffectPct",
    label: "Terms-of-trade effect",
    unit: "%",
    formula: "100/I_r·Σ_s Σ_p (T[r→p,s]·(ĉ[r,s] − 1) − T[p→r,s]·(ĉ[p,s] − 1)), baseline flows T, first-order (CP 2015; spec caliendo-parro-and-ossa.md §1.6)",
    sign: "positive = export prices rise relative to import prices",
    level: "country",
    aggregate: "weighted-mean",
    better: "higher",
  },
  {
    key: "volumeOfTradeEffectPct",
    label: "Volume-of-trade effect",
    unit: "%",
    formula: "100/I_r·Σ_s Σ_i t[i→r,s]·T[i→r,s]·(T′/T − ĉ[i,s]), tariff-distorted imports expanding (CP 2015; spec §1.6)",
    sign: "positive = more trade in tariff-distorted markets",
    level: "country",
    aggregate: "weighted-mean",
    better: "higher",
  },
  {
    key: "tradeCostEffectPct",
    label: "Trade-cost (technical efficiency) effect",
    unit: "%",
    formula: "−100/I_r·Σ_s Σ_i T[i→r,s]·(1 + t)·(d̂ − 1) over finite d̂ (cp2015 package extension; embargoed flows excluded)",
    sign: "positive = cheaper trade",
    level: "country",
    aggregate: "weighted-mean",
    better: "higher",
  },
  {
    key: "realWageChangePct",
    label: "Real wage",
    unit: "%",
    formula: "100·(ŵ/P̂ − 1): the wage over the consumer price index (Liberation Day: P̂ of §3.3; Caliendo–Parro: P̂ = Π_s P̂_s^α_s)",
    sign: "positive = wages buy more",
    level: "country",
    aggregate: "weighted-mean",
    better: "higher",
  },
  {
    key: "welfareFirstOrderPct",
    label: "Welfare, first order (ToT + VoT + trade cost)",
    unit: "%",
    formula:
      "termsOfTradeEffectPct + volumeOfTradeEffectPct + tradeCostEffectPct: the cp2015 package's first-order welfare (CP 2015 eq. 16; spec §1.6), exact only for small shocks — large ones (embargoes) can give it the wrong sign; the headline welfareChangePct is exact",
    sign: "positive = the country gains, to first order",
    level: "country",
    aggregate: "weighted-mean",
    better: "higher",
  },
  {
    key: "grossOutputChangePct",
    label: "Gross output",
    unit: "%",
    formula: "100·(Y′/Y − 1), Y = Σ_j tariff-exclusive sales of the sector (0 where Y = 0)",
    sign: "positive = the sector's sales grow",
    level: "country-sector",
    aggregate: "weighted-mean",
    better: "neither",
  },
  {
    key: "sectorPriceChangePct",
    label: "Sector price index",
    unit: "%",
    formula: "100·(P̂_s − 1), CES price index of the sector's goods bought by the country",
    sign: "positive = dearer",
    level: "country-sector",
    aggregate: "weighted-mean",
    better: "neither",
  },
  {
    key: "inputCostChangePct",
    label: "Input-bundle cost",
    unit: "%",
    formula: "100·(ĉ_s − 1), ĉ = ŵ^β·Π_k P̂_k^γ (CP 2015)",
    sign: "positive = producing costs more",
    level: "country-sector",
    aggregate: "weighted-mean",
    better: "neither",
  },
  {
    key: "sectorExportsChangePct",
    label: "Sector exports",
    unit: "%",
    formula: "100·(Σ_{j≠n} T′[n→j,s] ⁄ Σ_{j≠n} T[n→j,s] − 1), tariff-exclusive (0 where the baseline is 0)",
    sign: "positive = exports grow",
    level: "country-sector",
    aggregate: "weighted-mean",
    better: "neither",
  },
  {
    key: "sectorImportsChangePct",
    label: "Sector imports",
    unit: "%",
    formula: "100·(Σ_{i≠n} T′[i→n,s] ⁄ Σ_{i≠n} T[i→n,s] − 1), tariff-exclusive (0 where the baseline is 0)",
    sign: "positive = imports grow",
    level: "country-sector",
    aggregate: "weighted-mean",
    better: "neither",
  },
  {
    key: "tariffRevenue",
    label: "Tariff revenue (counterfactual)",
    unit: "level",
    formula: "R′[n,s] = Σ_i t′[i→n,s]·T′[i→n,s], dataset units (cp-1993: USD, world value added fixed)",
    sign: "collected by the importer",
    level: "country-sector",
    aggregate: "sum",
    amountOf: "flows",
    better: "neither",
  },
  {
    key: "baselineTariffRevenue",
    label: "Tariff revenue (baseline)",
    unit: "level",
    formula: "R[n,s] = Σ_i t[i→n,s]·T[i→n,s], dataset units",
    sign: "collected by the importer",
    level: "country-sector",
    aggregate: "sum",
    amountOf: "flows",
    better: "neither",
  },
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
  // ---- bloc formation (spec scenarios-and-strategy.md §3; report/blocReport.ts) ------------------
  {
    key: "blocWelfareJoiningPct",
    label: "Welfare if it joins",
    unit: "%",
    formula: "100·(Ŵ_c(S ∪ {c}) − 1): candidate c's welfare change when it joins the bloc whose other members are S (a group: baseline-expenditure-weighted mean of its members)",
    sign: "positive = the candidate gains relative to the baseline",
    level: "bloc",
    aggregate: "weighted-mean",
    better: "higher",
  },
  {
    key: "blocWelfareOutsidePct",
    label: "Welfare if it stays out",
    unit: "%",
    formula: "100·(Ŵ_c(S) − 1): candidate c's welfare change when it stays out and the members are S",
    sign: "positive = the candidate gains relative to the baseline",
    level: "bloc",
    aggregate: "weighted-mean",
    better: "higher",
  },
  {
    key: "blocGainFromJoiningPp",
    label: "Gain from joining",
    unit: "pp",
    formula: "blocWelfareJoiningPct − blocWelfareOutsidePct, for the same members S among the others",
    sign: "positive = joining is better than staying out",
    level: "bloc",
    aggregate: "none",
    better: "higher",
  },
  // ---- tariff wars in Ossa's (2014) model (spec caliendo-parro-and-ossa.md §2.3–2.4; strategy/tariffWar.ts) --
  {
    key: "optimalTariffWelfarePct",
    label: "Own welfare at its optimal tariffs",
    unit: "%",
    formula: "100·(Ŵ_j − 1), Ŵ_j = Ê_j/P̂_j exact (Ossa's mycounterfactuals.m:20; Lashkaripour: Ŷ_j/P̂_j), with j at its optimal tariffs and every other country at factual tariffs, trade balanced (Ossa 2014 Table 3 col 3: all (N−1)·S tariffs chosen to maximise Ŵ_j, NX′ = 0, Avg = simple mean over countries; Lashkaripour 2021: one uniform tariff, eq. 14)",
    sign: "positive = the tariff setter gains",
    level: "country",
    aggregate: "none",
    better: "higher",
  },
  {
    key: "optimalTariffOthersWelfarePct",
    label: "Others' mean welfare",
    unit: "%",
    formula: "mean over k ≠ j of 100·(Ŵ_k − 1) when j sets its optimal tariffs (Ossa 2014 Table 3 col 4)",
    sign: "negative = the optimal tariff is a beggar-thy-neighbour policy",
    level: "country",
    aggregate: "none",
    better: "higher",
  },
  {
    key: "optimalTariffRate",
    label: "Optimal uniform tariff",
    unit: "rate",
    formula: "τ_j − 1 with τ_j = 1 + 1/max(A_j, 1) (Lashkaripour 2021 eq. 14) solved jointly with the equilibrium, j alone setting its tariff on every import (all sectors and partners) and everyone else at applied tariffs",
    sign: "a tariff level, not a change",
    level: "country",
    aggregate: "none",
    better: "neither",
  },
  {
    key: "medianOptimalTariff",
    label: "Median optimal tariff",
    unit: "rate",
    formula: "the median of j's (N−1)·S optimal ad valorem tariffs t′_ijs, i ≠ j, as a share (tables print it in %; Ossa 2014 Table 3 col 9)",
    sign: "a tariff level, not a change",
    level: "country",
    aggregate: "none",
    better: "neither",
  },
  {
    key: "nashWelfarePct",
    label: "Welfare in the tariff war (Nash)",
    unit: "%",
    formula: "100·(Ŵ_j − 1), Ŵ_j = Ê_j/P̂_j exact, with every country at the Nash tariffs found by simultaneous best responses (Ossa 2014 Table 4 col 2)",
    sign: "negative = the country loses from the trade war",
    level: "country",
    aggregate: "none",
    better: "higher",
  },
  {
    key: "medianNashTariff",
    label: "Median Nash tariff",
    unit: "rate",
    formula: "the median of the (N−1)·S Nash ad valorem tariffs j imposes, as a share (tables print it in %; Ossa 2014 Table 4 col 5)",
    sign: "a tariff level, not a change",
    level: "country",
    aggregate: "none",
    better: "neither",
  },
  // ---- Lashkaripour (2021) tariff war (`lashkaripour`; spec tariffwar.md §5–7) -------------------------
  {
    key: "importTariffRate",
    label: "Average import tariff",
    unit: "rate",
    formula: "Σ_{i≠j,s} t′_ijs·x′_ijs ⁄ Σ_{i≠j,s} x′_ijs, the import-weighted mean counterfactual tariff of importer j (tariff-exclusive flows x′); for a country setting its tariff in a tariff war (nash-tariffs) this is its uniform Nash/optimal rate τ_j − 1",
    sign: "a tariff level, not a change",
    level: "country",
    aggregate: "none",
    better: "neither",
  },
  {
    key: "nashTariffRate",
    label: "Nash tariff",
    unit: "rate",
    formula: "τ_j − 1, the uniform tariff j levies on every import (all sectors and partners, services included) in the Nash equilibrium, τ_j = 1 + 1/max(A_j, 1), A_j = Σ_s ε_s Σ_{k≠j} x′_jks(1 − λ′_jks) ⁄ Σ_{k≠j,s} x′_jks (Lashkaripour 2021 eq. 14; the floor caps the rate at 100%)",
    sign: "a tariff level, not a change",
    level: "country",
    aggregate: "none",
    better: "neither",
  },
  {
    key: "welfareChangeUsd",
    label: "Welfare change in dollars",
    unit: "level",
    formula: "Δ$_j = 0.01·welfareChangePct_j·GDP_j, GDP in the dataset's gdp units (tariffwar datasets: WDI NY.GDP.MKTP.KD, millions of constant 2015 USD); ROW's GDP = world (WLD) minus the matched countries, as the tariffwar package computes it (run.m:253-279)",
    sign: "positive = the country gains",
    level: "country",
    aggregate: "sum",
    amountOf: "gdp",
    better: "higher",
  },
  {
    key: "meanWelfareChangePct",
    label: "Unweighted mean welfare change",
    unit: "%",
    formula: "(1/N)·Σ_j welfareChangePct_j over every country of the dataset, ROW included (the tariffwar package's \"world average\")",
    sign: "negative = the average country loses",
    level: "scalar",
    aggregate: "none",
    better: "higher",
  },
  {
    key: "medianWelfareChangePct",
    label: "Median welfare change",
    unit: "%",
    formula: "median over every country of the dataset (ROW included) of welfareChangePct_j",
    sign: "negative = the median country loses",
    level: "scalar",
    aggregate: "none",
    better: "higher",
  },
  {
    key: "worldWelfareChangeUsd",
    label: "World welfare change in dollars",
    unit: "level",
    formula: "Σ_j welfareChangeUsd_j over every country, ROW included (the package's \"matched-GDP welfare change\"), gdp units",
    sign: "positive = the world gains",
    level: "scalar",
    aggregate: "none",
    amountOf: "gdp",
    better: "higher",
  },
  {
    key: "meanNashTariffRate",
    label: "Mean Nash tariff",
    unit: "rate",
    formula: "(1/N)·Σ_j (τ_j − 1), unweighted over every country (the package prints 100·mean τ, the gross factor)",
    sign: "a tariff level, not a change",
    level: "scalar",
    aggregate: "none",
    better: "neither",
  },
  // ---- Advanced Guide NAFTA table convention (model param conventions: [published-nafta]): the effect OF the
  // agreement, baseline vs the counterfactual without it, relative to the counterfactual (spec one-sector.md §1.6).
  {
    key: "naftaEffectRealGdpChangePct",
    label: "Real GDP, effect of the agreement (AG NAFTA table)",
    unit: "%",
    formula: "100·(rGDP_BLN − rGDP_FULL)/rGDP_FULL, rGDP = Y/IMR^(1/(1−σ)); BLN = with the agreement, FULL = the counterfactual without it (AG RTAsEffects.do:468–506 change_rGDP_FULL; spec one-sector.md §1.6)",
    sign: "positive = the country gains from the agreement",
    level: "country",
    aggregate: "weighted-mean",
    better: "higher",
  },
  {
    key: "naftaEffectPriceChangePct",
    label: "Factory-gate price, effect of the agreement (AG NAFTA table)",
    unit: "%",
    formula: "100·(1 − p̂), p̂ = p_CF/p_BLN (AG change_price_FULL: the denominator is BLN; not 100·(1/p̂ − 1))",
    sign: "positive = prices are higher with the agreement",
    level: "country",
    aggregate: "weighted-mean",
    better: "lower",
  },
  {
    key: "naftaEffectImrChangePct",
    label: "Inward multilateral resistance, effect of the agreement (AG NAFTA table)",
    unit: "%",
    formula: "100·(P_BLN − P_FULL)/P_FULL, P = IMR^(1/(1−σ)) (AG change_IMR_FULL)",
    sign: "negative = the agreement lowers consumer prices",
    level: "country",
    aggregate: "weighted-mean",
    better: "lower",
  },
  {
    key: "naftaEffectImrConditionalChangePct",
    label: "Inward multilateral resistance, conditional GE, effect of the agreement",
    unit: "%",
    formula: "100·(P_BLN − P_CDL)/P_CDL, P = IMR^(1/(1−σ)) (AG change_IMR_CDL)",
    sign: "negative = the agreement lowers consumer prices",
    level: "country",
    aggregate: "weighted-mean",
    better: "lower",
  },
  {
    key: "naftaEffectOmrChangePct",
    label: "Outward multilateral resistance, effect of the agreement (AG NAFTA table)",
    unit: "%",
    formula: "100·(Π_BLN − Π_FULL)/Π_FULL, Π = OMR^(1/(1−σ)) (AG change_OMR_FULL)",
    sign: "negative = the agreement eases the country's access to markets",
    level: "country",
    aggregate: "weighted-mean",
    better: "lower",
  },
  {
    key: "naftaEffectOmrConditionalChangePct",
    label: "Outward multilateral resistance, conditional GE, effect of the agreement",
    unit: "%",
    formula: "100·(Π_BLN − Π_CDL)/Π_CDL, Π = OMR^(1/(1−σ)) (AG change_OMR_CDL)",
    sign: "negative = the agreement eases the country's access to markets",
    level: "country",
    aggregate: "weighted-mean",
    better: "lower",
  },
  {
    key: "naftaEffectExportsChangePct",
    label: "Exports, effect of the agreement (AG NAFTA table)",
    unit: "%",
    formula: "100·(Xi_BLN − Xi_FULL)/Xi_FULL, Xi = Σ_{j≠i} X_ij, Xi_BLN from the baseline fitted flows (AG change_Xi_FULL)",
    sign: "positive = the agreement raises exports",
    level: "country",
    aggregate: "weighted-mean",
    better: "neither",
  },
  {
    key: "naftaEffectExportsConditionalChangePct",
    label: "Exports, conditional GE, effect of the agreement (AG NAFTA table)",
    unit: "%",
    formula: "100·(Xi_BLN − Xi_CDL)/Xi_CDL (AG change_Xi_CDL)",
    sign: "positive = the agreement raises exports",
    level: "country",
    aggregate: "weighted-mean",
    better: "neither",
  },
  // ---- supply-chain exposure: value-added accounting (spec scenarios-and-strategy.md §5; src/exposure/) ----
  // A = input requirements at producer prices, L = (I − A)⁻¹, v = β + tariff revenue on inputs per unit of
  // output, F = final demand at producer prices (src/exposure/accountingSystem.ts). Country-sector (i,k).
  {
    key: "vaOriginShare",
    label: "Value added by origin in final demand",
    unit: "share",
    formula: "Σ_k (diag(v)·L·F)[(i,k), n] ⁄ Σ F[·, n]: share of country n's final demand (producer prices) that is value added in origin country i; Σ_i = 1",
    sign: "larger = n's consumption rests more on i's factors",
    level: "country",
    aggregate: "none",
    better: "neither",
  },
  {
    key: "foreignVaInExports",
    label: "Foreign value added in exports (EXGR_FVA)",
    unit: "level",
    formula: "Σ_j Σ_{i≠c} (v_i·L)[(c,j)]·e[(c,j)], e = gross exports at producer prices implied by A·x + F (OECD TiVA EXGR_FVA), dataset units",
    sign: "larger = the country's exports carry more imported value added",
    level: "country",
    aggregate: "sum",
    amountOf: "flows",
    better: "neither",
  },
  {
    key: "foreignVaShareOfExports",
    label: "Foreign value-added share of exports",
    unit: "share",
    formula: "EXGR_FVA ⁄ EXGR, EXGR = Σ_j e[(c,j)] (OECD TiVA EXGR_FVASH ÷ 100)",
    sign: "larger = more backward participation in value chains",
    level: "country",
    aggregate: "weighted-mean",
    better: "neither",
  },
  {
    key: "domesticVaInForeignFinalDemand",
    label: "Domestic value added in foreign final demand (FFD_DVA)",
    unit: "level",
    formula: "Σ_{n≠c} Σ_k (diag(v)·L·F)[(c,k), n], dataset units (OECD TiVA FFD_DVA)",
    sign: "larger = more of the country's income is earned from foreign consumers",
    level: "country",
    aggregate: "sum",
    amountOf: "flows",
    better: "neither",
  },
  {
    key: "directExposure",
    label: "Direct exposure (first-round input share)",
    unit: "share",
    formula: "Σ_k A[(i,k),(n,j)]: inputs bought from supplier country i per unit of gross output of sector j in country n (supplier i = all foreign: Σ_{i≠n})",
    sign: "larger = the sector buys more of its inputs directly from i",
    level: "country-sector",
    aggregate: "none",
    better: "neither",
  },
  {
    key: "totalExposure",
    label: "Total exposure (direct + indirect inputs)",
    unit: "ratio",
    formula: "Σ_k (L − I)[(i,k),(n,j)] = Σ_k (A + A² + …)[(i,k),(n,j)]: output of i's sectors required, at every stage, per unit of output of (n,j); ≥ directExposure",
    sign: "larger = the sector depends more on i through the whole chain",
    level: "country-sector",
    aggregate: "none",
    better: "neither",
  },
  {
    key: "vaContentShare",
    label: "Value-added content from supplier",
    unit: "share",
    formula: "Σ_k v[(i,k)]·L[(i,k),(n,j)]: share of the value of (n,j)'s output that is value added in country i; Σ_i = 1 (each column of v·L sums to one)",
    sign: "larger = more of the sector's value is created in i",
    level: "country-sector",
    aggregate: "none",
    better: "neither",
  },
  {
    key: "chokepointOutputShare",
    label: "Chokepoint: output share hanging on the supplier",
    unit: "share",
    formula: "Σ_j (L − I)[(i,k),(n,j)]·x[(n,j)] ⁄ Σ_j x[(n,j)], x = L·F: share of country n's gross output lost, to first order in the supply-driven (Ghosh) model with fixed coefficients, if supplier country-sector (i,k) stopped supplying",
    sign: "larger = a worse chokepoint; no substitution, so an upper bound beside the GE result",
    level: "country",
    aggregate: "none",
    better: "lower",
  },
  {
    key: "importSourceShare",
    label: "Share of the country's spending on the sector bought from the supplier",
    unit: "share",
    formula: "π[n,i,k] = T[i→n,k]·(1 + t) ⁄ Σ_m T[m→n,k]·(1 + t), tariff-inclusive (domestic supply included)",
    sign: "larger = the supplier matters more in that market",
    level: "country-sector",
    aggregate: "none",
    better: "neither",
  },
] as const satisfies readonly QuantityDefinition[];

/** A key of the registry: every quantity a report can carry. */
export type QuantityKey = (typeof defs)[number]["key"] | (typeof moneyDefinitions)[number]["key"] | (typeof dealDefinitions)[number]["key"];

/** A report row's values by registry key. Only the keys the model reports are present (a report's tableKeys and definitions list them); a key the registry does not define is a type error. */
export type QuantityValues = Record<QuantityKey, number>;

/** Values by registry key: only the keys given are present (QuantityValues lists every key the registry defines). */
export function valuesOf(entries: Iterable<readonly [QuantityKey, number]>): QuantityValues {
  return Object.fromEntries(entries) as QuantityValues;
}

/** The values a row carries, with their keys typed (only present keys; see valuesOf). */
export function valueEntries(values: QuantityValues): [QuantityKey, number][] {
  return Object.entries(values) as [QuantityKey, number][];
}

export const registry: ReadonlyMap<string, QuantityDefinition> = new Map([...defs, ...moneyDefinitions, ...dealDefinitions].map((d: QuantityDefinition) => [d.key, { ...d, compare: d.compare ?? compareRuleOf(d.key) }]));

/**
 * A key's definition as a run of `modelType` reports it: the registry's, with the model's line of `models` as
 * `model` and the other models' lines left out.
 */
export function definitionFor(key: string, modelType: string): QuantityDefinition {
  const { models, ...def } = definitionOf(key);
  return models && Object.hasOwn(models, modelType) ? { ...def, model: models[modelType] } : def;
}

/** Whether `key` names a quantity of the registry (narrows a string to QuantityKey). */
export function isQuantityKey(key: string): key is QuantityKey {
  return registry.has(key);
}

/** The key as a QuantityKey; a key the registry does not define is an internal error (a model reporting an undefined quantity). */
export function quantityKey(key: string): QuantityKey {
  if (!isQuantityKey(key)) throw new Error(`internal: quantity ${JSON.stringify(key)} is not defined in report/registry.ts`);
  return key;
}

export function definitionOf(key: string): QuantityDefinition {
  const def = registry.get(key);
  if (!def) throw new Error(`internal: quantity ${JSON.stringify(key)} is not defined in report/registry.ts`);
  return def;
}

import { describe, expect, it } from "vitest";
import type { Dataset } from "../../src/data/dataset.js";
import { loadDataset } from "../../src/data/load.js";
import { formatReport } from "../../src/report/format.js";
import { ACCOUNT_QUANTITY_KEYS, withAccountQuantities } from "../../src/report/accountQuantities.js";
import { formatDollars, moneyUnitsOf } from "../../src/report/money.js";
import type { ModelOutcome } from "../../src/models/types.js";
import { definitionOf, registry, type QuantityKey } from "../../src/report/registry.js";
import type { ResultRow, RunReport } from "../../src/report/types.js";
import { runScenario } from "../../src/run.js";
import { expectClose } from "../support/expectClose.js";
import { handDataset } from "../support/handDataset.js";

// The money and tariff-level figures (report/accountQuantities.ts, report/definitions/money.ts) against hand
// computations on small datasets: closed forms of the one-sector Caliendo–Parro model (Armington with
// lump-sum tariff revenue), accounting on the data where the quantity is fixed-weight, and the ACR autarky form.

const THETA = 4;
/** CP stops at a residual norm of 1e-7 on O(1)-scaled equations: relative errors of levels ~1e-7. */
const TOL_RELATIVE = 1e-6;
/** Rates (shares) from flows solved to 1e-7. */
const TOL_RATE = 1e-7;
/** Percent changes from a solve to 1e-7 (as tests/caliendo-parro-one-sector.test.ts). */
const TOL_PCT = 1e-4;
/** A dollar amount that is 0 in exact arithmetic, against the countries' trade of ~1e8 USD solved to 1e-7. */
const TOL_ZERO_USD = 1e-6 * 1e8;

const value = (row: ResultRow, key: QuantityKey) => {
  expect(Object.hasOwn(row.values, key), `${row.code} reports ${key}`).toBe(true);
  return row.values[key];
};
const relative = (actual: number, expected: number, what: string) => expectClose(actual, expected, TOL_RELATIVE * Math.max(1, Math.abs(expected)), what);

function runCp(data: Dataset, shocks: string, extra = ""): RunReport {
  const text = `name: hand
dataset: ${data.meta.name}
model: { type: caliendo-parro, tradeElasticity: ${THETA}, deficits: held${extra} }
report: { countries: [${data.countries.map((c) => c.code).join(", ")}] }
phases:
  - name: shock
    shocks: [${shocks}]
`;
  const report = runScenario(text, { source: "hand", dataset: data });
  expect(report.phases[0].converged).toBe(true);
  return report;
}

describe("money units from a dataset's words (meta.units of every embedded dataset, as their build scripts state them)", () => {
  it.each([
    ["world-2023", 1e3, "current USD", "current USD"],
    ["cp-1993", 1, "current USD", "current USD"],
    ["ag-2006", 1e6, "current USD", "current USD"],
    ["gtap-2007", 1e6, "current USD", "current USD"],
    ["icio-2022", 1e6, "current USD", "constant 2015 USD"],
    ["wiod-2014-16", 1e6, "current USD", "constant 2015 USD"],
    ["wiod-2014", 1e6, "current USD", "current USD"],
  ])("%s: flows × %d = USD (%s), GDP in %s", (name, scale, flowPrices, gdpPrices) => {
    const data = loadDataset(name);
    const money = moneyUnitsOf(data.meta.units, data.meta.year)!;
    expect(money.flows).toEqual({ scale, prices: flowPrices });
    expect(money.gdp.prices).toBe(gdpPrices);
    expect(money.gdp.scale).toBe(name === "cp-1993" ? 1 : name === "world-2023" ? 1e3 : 1e6);
  });
  it("words without a dollar scale give none (the run then reports no dollar figures and says why)", () => {
    expect(moneyUnitsOf("units", 2000)).toBeUndefined();
    expect(moneyUnitsOf("tonnes", 2000)).toBeUndefined();
    const data = handDataset(["AAA", "BBB"], [80, 20, 20, 80], "index points");
    const report = runCp(data, "{ type: tariff, importer: AAA, exporter: BBB, set: 0.1 }");
    expect(report.dataset.money).toBeUndefined();
    expect(Object.keys(report.definitions)).not.toContain("equivalentVariationUsd");
    expect(Object.keys(report.definitions)).toContain("effectiveTariffRate");
  });
  it("formatDollars prints readable amounts", () => {
    expect(formatDollars(141_428_572_000)).toBe("$141.4 bn");
    expect(formatDollars(-3.25e12)).toBe("-$3.3 tn");
    expect(formatDollars(512_340_000, true)).toBe("+$512.3 m");
    expect(formatDollars(999_960_000)).toBe("$1.0 bn");
    expect(formatDollars(41_250)).toBe("$41,250");
    expect(formatDollars(0.45)).toBe("$0.45");
    expect(formatDollars(-1e-9)).toBe("$0");
  });
});

describe("a symmetric two-country tariff war in the one-sector Caliendo–Parro model (closed form)", () => {
  // Two identical countries, domestic sales a, exports b (millions of USD); both set tariff t on the other.
  // By symmetry ŵ = 1 and trade stays balanced; λ = a/(a+b); P̂ = (λ + (1−λ)(1+t)^(−θ))^(−1/θ);
  // π′_f = (1−λ)(1+t)^(−θ)/(λ + (1−λ)(1+t)^(−θ)) the tariff-inclusive import share; I′ = wL/(1 − t/(1+t)·π′_f),
  // wL = a + b; imports at factory-gate value X′ = π′_f·I′/(1+t); revenue R′ = t·X′; Ŵ = (I′/wL)/P̂.
  const a = 80;
  const b = 20;
  const t = 0.25;
  const lambda = a / (a + b);
  const sum = lambda + (1 - lambda) * Math.pow(1 + t, -THETA);
  const priceIndex = Math.pow(sum, -1 / THETA);
  const foreignShare = ((1 - lambda) * Math.pow(1 + t, -THETA)) / sum;
  const income = (a + b) / (1 - (t / (1 + t)) * foreignShare);
  const imports = (foreignShare * income) / (1 + t);
  const welfare = income / (a + b) / priceIndex;
  const MILLION = 1e6;
  const data = handDataset(["AAA", "BBB"], [a, b, b, a], "millions of current USD");
  const report = runCp(data, "{ type: tariff, importer: AAA, exporter: BBB, set: 0.25 }, { type: tariff, importer: BBB, exporter: AAA, set: 0.25 }");
  const phase = report.phases[0];

  it("equivalent variation = (Ŵ − 1)·I in dollars, I = wL + R + D = a + b; WORLD is the sum", () => {
    // Ŵ is a level solved to ~1e-7, so the error of (Ŵ − 1)·I scales with I, not with the (small) EV itself.
    const baselineIncome = (a + b) * MILLION;
    for (const row of phase.countries) expectClose(value(row, "equivalentVariationUsd"), (welfare - 1) * baselineIncome, TOL_RELATIVE * baselineIncome, `${row.code} EV`);
    const world = phase.summary.find((r) => r.code === "WORLD")!;
    expectClose(value(world, "equivalentVariationUsd"), 2 * (welfare - 1) * baselineIncome, TOL_RELATIVE * 2 * baselineIncome, "WORLD EV");
  });
  it("tariff revenue 0 before and t·X′ after; effective rate 0 before, t after at fixed weights and after substitution", () => {
    for (const row of phase.countries) {
      expect(value(row, "baselineTariffRevenueUsd")).toBe(0);
      relative(value(row, "tariffRevenueUsd"), t * imports * MILLION, `${row.code} revenue after`);
      expect(value(row, "baselineEffectiveTariffRate")).toBe(0);
      expectClose(value(row, "effectiveTariffRate"), t, TOL_RATE, `${row.code} effective rate`);
      expectClose(value(row, "effectiveTariffRateAfterSubstitution"), t, TOL_RATE, `${row.code} effective rate after substitution`);
    }
  });
  it("trade balanced before and after (symmetry); consumer prices equal to the world's (both P̂ the same)", () => {
    const scale = (a + b) * MILLION;
    for (const row of phase.countries) {
      for (const key of ["baselineTradeBalanceUsd", "tradeBalanceUsd", "tradeBalanceChangeUsd"] as const) expectClose(value(row, key), 0, TOL_RELATIVE * scale, `${row.code} ${key}`);
      expectClose(value(row, "priceIndexWorldRelativeChangePct"), 0, TOL_PCT, `${row.code} prices relative to the world`);
    }
  });
  it("the table prints the dollars readably, shares as percent, and the definitions of each money column", () => {
    const text = formatReport(report, "table");
    expect(text).toContain(formatDollars((welfare - 1) * (a + b) * MILLION, true));
    expect(text).toContain(`0.0% → ${(100 * t).toFixed(1)}%`);
    expect(text).toContain(definitionOf("effectiveTariffRate").formula);
    expect(text).toContain("US dollars of 2000");
  });
});

describe("fixed-weight effective tariff rates and trade balances by hand on a three-country dataset (CP, deficits held: the baseline is the data)", () => {
  // Exporter rows, importer columns (millions of USD): AAA buys 30 from BBB and 10 from CCC.
  const flows = [100, 25, 5, 30, 200, 15, 10, 20, 150];
  const data = handDataset(["AAA", "BBB", "CCC"], flows, "millions of current USD");
  // Baseline tariffs: AAA 5% on BBB, 2% on CCC; BBB 3% on AAA; the data are at these tariffs.
  const base = new Float64Array(9);
  base[1 * 3 + 0] = 0.05;
  base[2 * 3 + 0] = 0.02;
  base[0 * 3 + 1] = 0.03;
  data.tariffs = Object.assign(Object.create(null), { applied: base });
  data.baselineTariffs = "applied";
  const report = runCp(data, "{ type: tariff, importer: AAA, exporter: BBB, set: 0.3 }, { type: tariff, importer: AAA, exporter: CCC, set: 0.1 }");
  const row = (code: string) => report.phases[0].countries.find((r) => r.code === code)!;

  it("AAA before: (0.05·30 + 0.02·10)/(30 + 10); after at baseline weights: (0.3·30 + 0.1·10)/40; revenue before 0.05·30 + 0.02·10", () => {
    expectClose(value(row("AAA"), "baselineEffectiveTariffRate"), (0.05 * 30 + 0.02 * 10) / 40, TOL_RATE, "AAA before");
    expectClose(value(row("AAA"), "effectiveTariffRate"), (0.3 * 30 + 0.1 * 10) / 40, TOL_RATE, "AAA after, fixed weights");
    relative(value(row("AAA"), "baselineTariffRevenueUsd"), (0.05 * 30 + 0.02 * 10) * 1e6, "AAA revenue before");
    // BBB: 3% on AAA's 25 of its 25 + 20 imports; unchanged by the shock
    expectClose(value(row("BBB"), "baselineEffectiveTariffRate"), (0.03 * 25) / 45, TOL_RATE, "BBB before");
    expectClose(value(row("BBB"), "effectiveTariffRate"), (0.03 * 25) / 45, TOL_RATE, "BBB after");
  });
  it("after substitution the rate is revenue over counterfactual imports, below the fixed-weight rate (buyers leave the dearer source)", () => {
    const aaa = row("AAA");
    const after = value(aaa, "effectiveTariffRateAfterSubstitution");
    expect(after).toBeLessThan(value(aaa, "effectiveTariffRate"));
    expect(after).toBeGreaterThan(0.1);
  });
  it("trade balances before are the data's exports − imports: AAA (25 + 5) − (30 + 10), BBB 45 − 45, CCC 30 − 20", () => {
    relative(value(row("AAA"), "baselineTradeBalanceUsd"), (25 + 5 - 30 - 10) * 1e6, "AAA");
    expectClose(value(row("BBB"), "baselineTradeBalanceUsd"), 0, TOL_ZERO_USD, "BBB");
    relative(value(row("CCC"), "baselineTradeBalanceUsd"), (10 + 20 - 5 - 15) * 1e6, "CCC");
  });
  it("held deficits: every balance after equals the balance before (D fixed in levels), and the change is zero", () => {
    for (const code of ["AAA", "BBB", "CCC"]) {
      expectClose(value(row(code), "tradeBalanceUsd"), value(row(code), "baselineTradeBalanceUsd"), TOL_ZERO_USD, `${code} balance after`);
      expectClose(value(row(code), "tradeBalanceChangeUsd"), 0, TOL_ZERO_USD, `${code} change`);
    }
  });
  it("a group's effective rate is the members' imports-weighted ratio: {AAA, BBB} before = (0.05·30 + 0.02·10 + 0.03·25)/(40 + 45)", () => {
    const grouped = runScenario(
      `name: hand
dataset: hand
model: { type: caliendo-parro, tradeElasticity: ${THETA}, deficits: held }
groups: { AB: [AAA, BBB] }
report: { countries: [AB] }
phases:
  - name: none
    shocks: []
`,
      { source: "hand", dataset: data },
    );
    const ab = grouped.phases[0].summary.find((r) => r.code === "AB")!;
    expectClose(value(ab, "baselineEffectiveTariffRate"), (0.05 * 30 + 0.02 * 10 + 0.03 * 25) / 85, TOL_RATE, "AB before");
    relative(value(ab, "baselineTradeBalanceUsd"), (25 + 5 - 30 - 10 + 0) * 1e6, "AB balance = AAA + BBB");
  });
});

describe("autarky in dollars (ACR 2012: Ŵ = λ_jj^(1/θ), CP one sector, trade balanced)", () => {
  // Balanced flows: row sums = column sums (15, 17, 13).
  const data = handDataset(["AAA", "BBB", "CCC"], [10, 2, 3, 4, 12, 1, 1, 3, 9], "thousands of current USD");
  data.population = Float64Array.from([2e6, 3e6, 1e6]);
  const report = runCp(data, "{ type: embargo, importer: AAA, exporter: all }, { type: embargo, importer: all, exporter: AAA }", "");
  const aaa = report.phases[0].countries.find((r) => r.code === "AAA")!;
  const lambda = 10 / 15;
  const ev = (Math.pow(lambda, 1 / THETA) - 1) * 15 * 1e3;

  it("AAA's EV = (λ^(1/θ) − 1)·I·1000 with I = 15 (thousands); per person EV / 2 million; its trade balance and revenue after are 0", () => {
    relative(value(aaa, "equivalentVariationUsd"), ev, "AAA EV");
    relative(value(aaa, "equivalentVariationPerPersonUsd"), ev / 2e6, "AAA EV per person");
    expectClose(value(aaa, "tradeBalanceUsd"), 0, 1e-9, "AAA balance after (no trade)");
    expect(value(aaa, "tariffRevenueUsd")).toBe(0);
    expectClose(value(aaa, "effectiveTariffRateAfterSubstitution"), 0, 0, "no imports: rate 0");
  });
  it("every money key the run reports is defined in the registry with label, unit, formula and sign", () => {
    for (const key of Object.keys(aaa.values)) {
      const def = registry.get(key)!;
      expect(def, key).toBeDefined();
      for (const field of ["label", "unit", "formula", "sign"] as const) expect(def[field].length, `${key}.${field}`).toBeGreaterThan(0);
    }
    expect(report.definitions.equivalentVariationUsd.model).toContain("I = I_n = w_nL_n + R_n + D_n");
    expect(report.definitions.priceIndexChangePct.model).toContain("numeraire");
  });
});

describe("consumer prices relative to world prices (priceIndexWorldRelativeChangePct)", () => {
  it("Liberation Day's numeraire is the world expenditure-weighted price index (Σ E_j(P̂_j − 1) = 0), so the relative change equals the CPI column", () => {
    const text = `name: ld
dataset: world-2023
model: { type: liberation-day }
report: { countries: [USA, CHN] }
phases: [{ name: april-2, shocks: [{ type: tariff-schedule, schedule: us-reciprocal-2025-04-02, importer: USA }] }]
`;
    const [phase] = runScenario(text, { source: "ld" }).phases;
    // The normalisation holds to the solver's 1e-12 (relative to world expenditure).
    for (const row of phase.countries) expectClose(value(row, "priceIndexWorldRelativeChangePct"), value(row, "priceIndexChangePct"), 1e-8, `${row.code}`);
  });
  it("by hand on the three-country CP case: P̂_W = Σ E_j P̂_j / Σ E_j with E the baseline income, and each relative change 100·(P̂_j/P̂_W − 1)", () => {
    const data = handDataset(["AAA", "BBB", "CCC"], [100, 25, 5, 30, 200, 15, 10, 20, 150], "millions of current USD");
    const report = runCp(data, "{ type: tariff, importer: AAA, exporter: BBB, set: 0.3 }");
    const rows = report.phases[0].countries;
    // Baseline income I = expenditure (no tariffs before, deficits held): the column sums of the flows.
    const income = [100 + 30 + 10, 25 + 200 + 20, 5 + 15 + 150];
    const hat = rows.map((r) => 1 + value(r, "priceIndexChangePct") / 100);
    const world = (income[0] * hat[0] + income[1] * hat[1] + income[2] * hat[2]) / (income[0] + income[1] + income[2]);
    rows.forEach((r, k) => expectClose(value(r, "priceIndexWorldRelativeChangePct"), 100 * (hat[k] / world - 1), 1e-9, r.code));
  });
});

describe("the keys the money figures add", () => {
  it("are exactly ACCOUNT_QUANTITY_KEYS (a sweep's lean report computes them only when it asks for one of that list)", () => {
    const data = { ...handDataset(["AAA", "BBB"], [80, 20, 10, 90]), population: Float64Array.of(5e6, 7e6) };
    const flows = Float64Array.from(data.flows);
    const outcome: ModelOutcome = {
      solver: { converged: true, iterations: 1, residual: 0, residualNorm: "max-abs", tolerance: 1e-12, method: "hand", warnings: [] },
      countries: { welfareChangePct: Float64Array.of(-0.1, 0.2), priceIndexChangePct: Float64Array.of(1, 2) },
      weights: Float64Array.of(100, 100),
      flows: { baseline: flows, counterfactual: flows },
      accounts: { income: Float64Array.of(100, 100), tariffs: { baseline: new Float64Array(4), counterfactual: Float64Array.of(0, 0.1, 0.1, 0) }, tariffRevenue: { baseline: new Float64Array(2), counterfactual: Float64Array.of(1, 2) } },
    };
    const added = Object.keys(withAccountQuantities(outcome, data, moneyUnitsOf(data.meta.units, data.meta.year)).countries).filter((key) => !(key in outcome.countries));
    expect(added.sort()).toEqual([...ACCOUNT_QUANTITY_KEYS].sort());
  });
});

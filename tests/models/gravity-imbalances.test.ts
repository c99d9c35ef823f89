import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/run.js";
import type { RunReport } from "../../src/report/types.js";
import { expectClose } from "../support/expectClose.js";
import { handDataset } from "../support/handDataset.js";

// The Advanced Guide model's full-GE imbalance rule (params.imbalances): 'multiplicative' (the book's E′ = φ·Y′)
// and 'balanced' (E′ = Y′). Identities: under 'balanced' every country's modeled exports equal its imports in
// the counterfactual; under 'multiplicative' a zero shock returns the baseline.

/** The exact fixed point stops at max |Δp̂| ≤ 1e-12 and IPF at 1e-12: balances are 0 to ~1e-9 of trade. */
const TOL_BALANCE_RELATIVE = 1e-8;

// Exporter rows, importer columns (millions of USD): output 17, 15, 13; expenditure 13, 19, 13 (AAA a surplus of 4, BBB a deficit of 4).
const data = handDataset(["AAA", "BBB", "CCC"], [10, 4, 3, 2, 12, 1, 1, 3, 9], "millions of current USD");
data.covariates = Object.assign(Object.create(null), { ln_DIST: Float64Array.from([1, 2, 3, 2, 1, 1.5, 3, 1.5, 1], Math.log) });

function run(imbalances: string, fullGe: string): RunReport {
  return runScenario(
    `name: imbalances
dataset: hand
model: { type: advanced-guide, reference: CCC, coefficients: { ln_DIST: -1.2 }, fullGe: ${fullGe}, imbalances: ${imbalances} }
report: { countries: [AAA, BBB, CCC] }
phases: [{ name: none, shocks: [] }]
`,
    { source: "imbalances", dataset: data },
  );
}

describe("advanced-guide imbalances", () => {
  it.each(["exact"])("balanced (%s full GE): with no shock the imbalances close — every trade balance after is 0, before ±4 m", (fullGe) => {
    const report = run("balanced", fullGe);
    const [phase] = report.phases;
    expect(phase.converged).toBe(true);
    const trade = 45e6; // world output, USD
    for (const row of phase.countries) expectClose(row.values.tradeBalanceUsd, 0, TOL_BALANCE_RELATIVE * trade, `${row.code} balance after`);
    expectClose(phase.countries[0].values.baselineTradeBalanceUsd, 4e6, TOL_BALANCE_RELATIVE * trade, "AAA balance before (17 − 13)");
    // Closing AAA's surplus needs its goods dearer relative to BBB's.
    expect(phase.countries[0].values.factoryPriceChangePct).toBeGreaterThan(phase.countries[1].values.factoryPriceChangePct);
  });
  it("balanced with the book's Stata loop is refused at validation (its stopping rule does not reach the balanced equilibrium)", () => {
    expect(() => run("balanced", "stata")).toThrow(/imbalances: balanced needs fullGe: exact/);
  });
  it("multiplicative (the default): a zero shock returns the baseline, imbalances kept", () => {
    const [phase] = run("multiplicative", "exact").phases;
    for (const row of phase.countries) {
      expectClose(row.values.welfareChangePct, 0, 1e-9, `${row.code} welfare`);
      expectClose(row.values.tradeBalanceChangeUsd, 0, 1e-9 * 45e6, `${row.code} balance change`);
    }
  });
});

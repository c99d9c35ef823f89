import { beforeAll, describe, expect, it } from "vitest";
import { parseEstimationSpec, type DerivedColumn, type EstimationSpecInput } from "../src/estimation/estimationSpec.js";
import { fitPpml } from "../src/estimation/fitPpml.js";
import { readFrame, type DataFrame } from "../src/estimation/frame.js";
import { expectClose, expectRelativeClose, PANEL_YEARS, sharedDataFile, slope } from "./ppml-helpers.js";

/**
 * Advanced Guide (Yotov, Piermartini, Monteiro & Larch 2016), Chapter 1, Applications 1 and 3, on
 * `advanced-guide/Chapter1Application3_with_rta_lags.csv`. Expected values: spec ppml.md §4 summary
 * table (rows AG1-PPML, AG3-PPML, AG3-INTRA, AG3-ENDG/LEAD/PHSNG), i.e. the frozen capybara output of
 * pachadotdev/tradepolicy `_freeze/01-traditional-gravity` (4 decimals) and the verified MLE values
 * (6 decimals) of §3.2 and §3.4. Tolerances: spec §3.7.
 */

/** 6-decimal values: half a unit in the 6th decimal plus the estimator's own accuracy (~1e‑7). */
const TOL_COEF_6DP = 1e-6;
/** 4-decimal capybara values: half a unit in the 4th decimal (spec §3.7: |Δ| ≤ 5e‑5). */
const TOL_COEF_4DP = 5e-5;
/** s.e. given to 6 decimals (≈ 5 significant digits): relative 1e‑4 (spec §3.7). */
const TOL_SE_RELATIVE = 1e-4;

const DATA = "advanced-guide/Chapter1Application3_with_rta_lags.csv";
const PANEL = { column: "year", in: PANEL_YEARS };
const LOG_DIST = { name: "log_dist", log: "dist" };
/** R's pair_id_2: pair_id for international rows, one pooled level (0) for all domestic rows (spec §3.1). */
const PAIR_ID_2: DerivedColumn = { name: "pair_id_2", pool: { column: "pair_id", when: "same", columns: ["exporter", "importer"], level: 0 } };
/** R's intl_brdr: pair_id for domestic rows, one level "inter" (0) for all international rows (spec §3.1). */
const INTL_BRDR: DerivedColumn = { name: "intl_brdr", pool: { column: "pair_id", when: "differ", columns: ["exporter", "importer"], level: 0 } };
const TIME_FE = [["exporter", "year"], ["importer", "year"]];
const CLUSTER_PAIR = { type: "cluster", cluster: "pair_id", smallSample: "stata" } as const;

/** A full-panel fit takes 1–3 s alone; the 2 shared cores may be busy with other engineers' runs. */
const SLOW_FIT_TIMEOUT_MS = 60_000;

let frame: DataFrame;
beforeAll(() => {
  frame = readFrame(sharedDataFile(DATA));
}, SLOW_FIT_TIMEOUT_MS);

function fit(input: EstimationSpecInput) {
  return fitPpml(frame, parseEstimationSpec(input, "AG Ch.1 test"));
}

function expectSlopes(result: ReturnType<typeof fit>, expected: Record<string, [number, number]>, coefficientTolerance: number): void {
  for (const [name, [estimate, stdError]] of Object.entries(expected)) {
    expectClose(slope(result, name).estimate, estimate, coefficientTolerance, `${name} estimate`);
    if (coefficientTolerance === TOL_COEF_4DP) expectClose(slope(result, name).stdError, stdError, TOL_COEF_4DP, `${name} s.e.`);
    else expectRelativeClose(slope(result, name).stdError, stdError, TOL_SE_RELATIVE, `${name} s.e.`);
  }
}

describe("fitPpml reproduces the Advanced Guide Chapter 1 PPML estimates (spec ppml.md §4)", { timeout: SLOW_FIT_TIMEOUT_MS }, () => {
  it("AG1-PPML (Ch.1 App.1 traditional gravity, Table 1 PPML column): N 28,152, 2,346 clusters, slopes and corr² 0.9461", () => {
    const result = fit({
      sample: [PANEL, { differ: ["exporter", "importer"] }],
      derive: [LOG_DIST],
      outcome: "trade",
      regressors: ["log_dist", "cntg", "lang", "clny"],
      fixedEffects: TIME_FE,
      vcov: CLUSTER_PAIR,
    });
    expect(result.value.observations.used).toBe(28152);
    expect(result.value.clusters?.count).toBe(2346);
    expectSlopes(result, { log_dist: [-0.840927, 0.031658], cntg: [0.437443, 0.08316], lang: [0.247477, 0.076539], clny: [-0.22249, 0.116244] }, TOL_COEF_6DP);
    expectClose(result.value.pseudoRSquared, 0.9461, 5e-5, "corr²(y, μ̂) (capybara pseudo R², 4 decimals)");
  });

  it("AG3-PPML (Ch.1 App.3 column 2): rta 0.1907 (0.0658), log_dist −0.8216 (0.0310) on N 28,152", () => {
    const result = fit({
      sample: [PANEL, { differ: ["exporter", "importer"] }],
      derive: [LOG_DIST],
      outcome: "trade",
      regressors: ["log_dist", "cntg", "lang", "clny", "rta"],
      fixedEffects: TIME_FE,
      vcov: CLUSTER_PAIR,
    });
    expect(result.value.observations.used).toBe(28152);
    expectSlopes(result, { log_dist: [-0.8216, 0.031], cntg: [0.4155, 0.0828], lang: [0.2499, 0.0767], clny: [-0.2054, 0.1143], rta: [0.1907, 0.0658] }, TOL_COEF_4DP);
  });

  it("AG3-INTRA (Ch.1 App.3 column 3, the verified MLE of spec §3.4, not the frozen capybara column): N 28,566, deviance 5,544,181.06", () => {
    const result = fit({
      sample: [PANEL],
      derive: [LOG_DIST, INTL_BRDR],
      outcome: "trade",
      regressors: ["log_dist", "cntg", "lang", "clny", "rta"],
      fixedEffects: [...TIME_FE, "intl_brdr"],
      vcov: CLUSTER_PAIR,
    });
    expect(result.value.observations.used).toBe(28566);
    expectSlopes(
      result,
      { log_dist: [-0.800304, 0.030263], cntg: [0.39316, 0.078864], lang: [0.243694, 0.077081], clny: [-0.182158, 0.113419], rta: [0.408522, 0.068827] },
      TOL_COEF_6DP,
    );
    expectRelativeClose(result.value.deviance, 5544181.06, 1e-6, "deviance (spec §3.7: relative 1e‑6)");
  });

  describe("pair-FE panel, sum_trade > 0 left to the FE separation check (84 rows of 7 never-trading pairs)", () => {
    const pairPanel = (regressors: string[], combinations: EstimationSpecInput["combinations"] = []): EstimationSpecInput => ({
      sample: [PANEL],
      derive: [PAIR_ID_2],
      outcome: "trade",
      regressors,
      fixedEffects: [...TIME_FE, "pair_id_2"],
      vcov: CLUSTER_PAIR,
      combinations,
    });

    it("AG3-ENDG (column 4): rta 0.5571853 (0.102235), N 28,482, 84 separated, G 2,408", () => {
      const result = fit(pairPanel(["rta"]));
      expect(result.value.observations.used).toBe(28482);
      expect(result.value.observations.dropped.separatedByFixedEffect).toBe(84);
      expect(result.value.clusters?.count).toBe(2408);
      expectClose(slope(result, "rta").estimate, 0.5571853, 5e-7, "rta estimate (Stata 7 digits, spec §3.7)");
      expectRelativeClose(slope(result, "rta").stdError, 0.102235, TOL_SE_RELATIVE, "rta clustered s.e.");
    });

    it("AG3-LEAD (column 5): rta 0.520048 (0.085883), rta_lead4 0.077442 (0.092135), sum 0.597491 (0.138027)", () => {
      const result = fit(pairPanel(["rta", "rta_lead4"], [{ name: "total", weights: { rta: 1, rta_lead4: 1 } }]));
      expectSlopes(result, { rta: [0.520048, 0.085883], rta_lead4: [0.077442, 0.092135] }, TOL_COEF_6DP);
      expectClose(result.value.combinations[0].estimate, 0.597491, TOL_COEF_6DP, "rta + rta_lead4");
      expectRelativeClose(result.value.combinations[0].stdError, 0.138027, TOL_SE_RELATIVE, "s.e. of rta + rta_lead4");
    });

    it("AG3-PHSNG (column 6): rta and lags 4/8/12, summed lag effect 0.992619 (0.094253)", () => {
      const lags = ["rta", "rta_lag4", "rta_lag8", "rta_lag12"];
      const result = fit(pairPanel(lags, [{ name: "total", weights: { rta: 1, rta_lag4: 1, rta_lag8: 1, rta_lag12: 1 } }]));
      expectSlopes(
        result,
        { rta: [0.291445, 0.089181], rta_lag4: [0.413549, 0.067246], rta_lag8: [0.168731, 0.043135], rta_lag12: [0.118894, 0.03006] },
        TOL_COEF_6DP,
      );
      expectClose(result.value.combinations[0].estimate, 0.992619, TOL_COEF_6DP, "total RTA effect (lincom)");
      expectRelativeClose(result.value.combinations[0].stdError, 0.094253, TOL_SE_RELATIVE, "s.e. of the total RTA effect");
    });
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import type { Dataset } from "../src/data/dataset.js";
import { loadDataset } from "../src/data/load.js";
import { calibrateLiberationDay, type LiberationDayBaseline } from "../src/models/liberationDay/baseline.js";
import { liberationDayModel } from "../src/models/liberationDay/model.js";
import { scaleElasticityOf, liberationDayParamsSchema } from "../src/models/liberationDay/params.js";
import { solveLiberationDay } from "../src/models/liberationDay/solve.js";
import { newRunContext, zeroPolicy } from "../src/models/types.js";
import { expectClose } from "./support/expectClose.js";
import { handDataset } from "./support/handDataset.js";

// Analytic identities of the Liberation Day model (Ignatenko, Macedoni, Lashkaripour & Simonovska
// 2025; spec ../shared/spec/one-sector.md §3.3, §3.6).

/** Zero tariffs: x = 1 solves the system exactly; only rounding of O(1) quantities remains. */
const TOL_ZERO_SHOCK = 1e-12;
/** The solver stops at max|scaled residual| ≤ 1e-12; results agree to well below this. */
const TOL_SOLVED = 1e-8;
/** The paper drops the last country's wage equation (ZWE, Y ≈ 1e−3 of the largest); Walras' law then
 * satisfies it only to ≈ 1e−12·max Y / Y_ZWE ≈ 1e−9 relative, amplified in small deficits: compare to 1e−6 pp. */
const TOL_NORMALISATION_PP = 1e-6;


/** §3.6: ν = 0, φ = 1 (Eaton–Kortum variant), κ = 0, ψ = 0, lump sum — the model collapses to Eaton–Kortum. */
const eatonKortum = liberationDayParamsSchema.parse({ variant: "eaton-kortum", laborSupplyElasticity: 0, scaleElasticityNumerator: 0, revenue: "lump-sum" });

describe("liberationDayParamsSchema", () => {
  it("fills the paper's defaults and rejects unknown keys", () => {
    expect(liberationDayParamsSchema.parse({})).toEqual({
      tradeElasticity: 4, laborSupplyElasticity: 0.5, passThroughShift: 1, revenue: "income-tax-relief", variant: "baseline", deficits: "world-income-share",
    });
    // ψ = 0.67/ε when neither scaleElasticity nor the numerator is given (main_baseline.m line 58)
    expect(scaleElasticityOf(liberationDayParamsSchema.parse({}))).toBe(0.67 / 4);
    expect(liberationDayParamsSchema.safeParse({ tradeElasticty: 4 }).success).toBe(false);
  });
});

describe("solveLiberationDay on world-2023: zero tariffs return the baseline", () => {
  let data: Dataset;
  let baseline: LiberationDayBaseline;
  beforeAll(() => {
    data = loadDataset("world-2023");
    baseline = liberationDayModel.calibrate(data, liberationDayParamsSchema.parse({}), newRunContext());
  });

  it("x = 1 and every reported column is 0 (ERR1 = 0 by construction of Y, ERR2 since R = 0 and Y + T = E)", () => {
    const outcome = liberationDayModel.solve(baseline, zeroPolicy(data), newRunContext());
    expect(outcome.solver.converged).toBe(true);
    outcome.solution.forEach((v, k) => expectClose(v, 1, TOL_ZERO_SHOCK, `x[${k}]`));
    for (const [key, column] of Object.entries(outcome.countries)) column.forEach((v, i) => expectClose(v, 0, TOL_ZERO_SHOCK, `${key} of ${data.countries[i].code}`));
    outcome.flows.counterfactual.forEach((v, k) => expectClose(v, baseline.flows[k], TOL_ZERO_SHOCK * Math.max(1, baseline.flows[k]), `flow ${k}`));
  });

  it("the April-2 result is the same whether the normalisation replaces ZWE's (paper) or CHN's wage equation (Walras' law: ΣT = 0)", () => {
    const policy = zeroPolicy(data);
    policy.tariffs = Float64Array.from(data.tariffs["us-reciprocal-2025-04-02"]);
    const last = solveLiberationDay(baseline, policy, newRunContext());
    const china = data.countries.findIndex((c) => c.code === "CHN");
    const first = solveLiberationDay(baseline, policy, newRunContext(), { replacedWageEquation: china });
    expect(first.solver.converged && last.solver.converged).toBe(true);
    for (const key of Object.keys(last.countries)) {
      last.countries[key].forEach((v, i) => expectClose(first.countries[key][i], v, TOL_NORMALISATION_PP, `${key} of ${data.countries[i].code}`));
    }
  });
});

describe("solveLiberationDay collapses to Eaton–Kortum (spec §3.6)", () => {
  it("symmetric 2-country case, both international costs up by d̂ = 2^(1/4): Ŵ = 0.9^(1/4) by hand", () => {
    // X = [[80, 20], [20, 80]], E = Y = 100, λ_ii = 0.8. d̂^(−ε) = 1/2 on both foreign pairs.
    // By symmetry ŵ_A = ŵ_B = ŵ; Σ_k a_kj = (0.8 + 0.2·½)·ŵ^(−4) = 0.9·ŵ^(−4), P̂ = ŵ·0.9^(−1/4).
    // Normalisation Σ E (P̂ − 1) = 0 ⇒ P̂ = 1 ⇒ ŵ = 0.9^(1/4); budget Ê = ŵ (R = T = 0); κ = 0 ⇒ L̂ = 1, δ = 1.
    // Ŵ = Ê/P̂ = 0.9^(1/4) = exp(¼·ln 0.9) = exp(−0.0263401289) = 0.9740037464 ⇒ −2.59962536 %.
    // λ′_ii = 0.8/0.9 = 8/9, λ̂_ii = 10/9, λ̂_ii^(−1/4) = 0.9^(1/4) (ACR).
    // Exports: X′_AB = λ′_AB·E′_B = (0.1/0.9)·100·0.9740037464 = 10.82226385 ⇒ 100·(10.82226385/20 − 1) = −45.8886808 %.
    const data = handDataset(["AAA", "BBB"], [80, 20, 20, 80]);
    const baseline = calibrateLiberationDay(data, eatonKortum);
    const policy = zeroPolicy(data);
    policy.tradeCostFactors[0 * 2 + 1] = 2 ** 0.25;
    policy.tradeCostFactors[1 * 2 + 0] = 2 ** 0.25;
    const outcome = solveLiberationDay(baseline, policy, newRunContext());
    expect(outcome.solver.converged).toBe(true);
    for (let i = 0; i < 2; i++) {
      expectClose(outcome.countries.welfareChangePct[i], -2.59962536, 1e-7, `welfare ${i}`);
      expectClose(outcome.countries.factoryPriceChangePct[i], -2.59962536, 1e-7, `wage ${i}`);
      expectClose(outcome.countries.priceIndexChangePct[i], 0, TOL_SOLVED, `price index ${i}`);
      expectClose(outcome.countries.exportsChangePct[i], -45.8886808, 1e-6, `exports ${i}`);
      expectClose(outcome.countries.employmentChangePct[i], 0, TOL_SOLVED, `employment ${i}`);
    }
  });

  it("asymmetric 2-country case, A→B cost up 30%: Ŵ_i = λ̂_ii^(−1/ε) for both, whichever equation is replaced", () => {
    // Balanced: X = [[60, 20], [20, 100]] ⇒ E = Y = (80, 120), T = 0. ACR (Arkolakis, Costinot &
    // Rodríguez-Clare 2012): with T = 0, R = 0, ν = 0, φ = 1, κ = ψ = 0, real income Ŵ_i = λ̂_ii^(−1/ε).
    const data = handDataset(["AAA", "BBB"], [60, 20, 20, 100]);
    const baseline = calibrateLiberationDay(data, eatonKortum);
    const policy = zeroPolicy(data);
    policy.tradeCostFactors[0 * 2 + 1] = 1.3;
    for (const replaced of [0, 1]) {
      const outcome = solveLiberationDay(baseline, policy, newRunContext(), { replacedWageEquation: replaced });
      expect(outcome.solver.converged).toBe(true);
      const X = outcome.flows.counterfactual;
      const shareHat = [X[0] / (X[0] + X[2]) / (60 / 80), X[3] / (X[1] + X[3]) / (100 / 120)];
      for (let i = 0; i < 2; i++) {
        const acr = 100 * (shareHat[i] ** (-1 / 4) - 1);
        expectClose(outcome.countries.welfareChangePct[i], acr, TOL_SOLVED, `welfare ${i} vs ACR (normalisation replaces equation ${replaced})`);
      }
      expect(outcome.countries.welfareChangePct[0]).toBeLessThan(0);
    }
  });

  it("an embargo (d̂ = Infinity) makes the flow exactly zero and everything finite", () => {
    const data = handDataset(["AAA", "BBB", "CCC"], [50, 10, 5, 10, 80, 10, 5, 10, 60]);
    const baseline = calibrateLiberationDay(data, liberationDayParamsSchema.parse({ variant: "eaton-kortum" }));
    const policy = zeroPolicy(data);
    policy.tradeCostFactors[0 * 3 + 1] = Infinity;
    const outcome = solveLiberationDay(baseline, policy, newRunContext());
    expect(outcome.solver.converged).toBe(true);
    expect(outcome.flows.counterfactual[0 * 3 + 1]).toBe(0);
    for (const column of Object.values(outcome.countries)) column.forEach((v) => expect(Number.isFinite(v)).toBe(true));
  });
});

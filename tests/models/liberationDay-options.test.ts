import { describe, expect, it } from "vitest";
import { loadDataset } from "../../src/data/load.js";
import { TradewindsInputError, message } from "../../src/messages.js";
import { calibrateLiberationDay } from "../../src/models/liberationDay/baseline.js";
import { liberationDayModel } from "../../src/models/liberationDay/model.js";
import { prepareEquilibrium } from "../../src/models/liberationDay/solve.js";
import { liberationDayParamsSchema, scaleElasticityOf } from "../../src/models/liberationDay/params.js";
import { newRunContext, zeroPolicy } from "../../src/models/types.js";
import type { RunReport } from "../../src/report/types.js";
import { runScenario } from "../../src/run.js";
import { expectClose } from "../support/expectClose.js";
import { handDataset } from "../support/handDataset.js";

// Liberation Day's model options (issue 12): the deficit rule (the paper's share of world income, balanced
// trade, multiplicative E = ρY) and the rule for what moves with an overridden trade elasticity.

/** The Newton–Krylov solve stops at max|scaled residual| 1e-12: levels relative to E are right to ~1e-11. */
const TOL_RELATIVE = 1e-9;
/** Bisection of the hand cases to 1e-15 and the model's 1e-12 residuals: welfare in % agrees to well below this. */
const TOL_PCT = 1e-8;

const EPSILON = 4;
/** The Eaton–Kortum special case (spec one-sector.md §3.6): ν = 0, φ = 1, fixed labour, no scale effects, lump-sum revenue. */
const eatonKortum = { variant: "eaton-kortum", laborSupplyElasticity: 0, scaleElasticityNumerator: 0, revenue: "lump-sum" } as const;

/** Root of a continuous f with a sign change on [lo, hi], by bisection (independent of the model's solvers). */
function bisect(f: (x: number) => number, lo: number, hi: number): number {
  let flo = f(lo);
  for (let k = 0; k < 200 && hi - lo > 1e-15; k++) {
    const mid = (lo + hi) / 2;
    const fm = f(mid);
    if (Math.sign(fm) === Math.sign(flo)) {
      lo = mid;
      flo = fm;
    } else hi = mid;
  }
  return (lo + hi) / 2;
}

describe("deficits: balanced and multiplicative on world-2023 with the April-2 tariffs (identities)", () => {
  const data = loadDataset("world-2023");
  const policy = zeroPolicy(data);
  policy.tariffs = Float64Array.from(data.tariffs["us-reciprocal-2025-04-02"]);
  const N = data.countries.length;
  const solve = (params: object) => {
    const ctx = newRunContext();
    const baseline = liberationDayModel.calibrate(data, liberationDayParamsSchema.parse(params), ctx);
    const outcome = liberationDayModel.solve(baseline, policy, ctx);
    expect(outcome.solver.converged).toBe(true);
    const { expenditure, output } = baseline;
    const x = outcome.solution;
    const revenue = outcome.accounts!.tariffRevenue!.counterfactual;
    // T′_i = E′_i − R_i − Y′_i with E′ = Ê·E, Y′ = ŵ·L̂·Y
    const deficit = Float64Array.from({ length: N }, (_, i) => x[N + i] * expenditure[i] - revenue[i] - x[i] * x[2 * N + i] * output[i]);
    return { baseline, outcome, deficit };
  };

  it("balanced: every country's deficit T′ = E′ − R − Y′ is zero in the counterfactual", () => {
    const { baseline, deficit } = solve({ deficits: "balanced" });
    deficit.forEach((d, i) => expectClose(d / baseline.expenditure[i], 0, TOL_RELATIVE, `T′/E of ${data.countries[i].code}`));
  });
  it("multiplicative: (E′ − R)/Y′ = ρ·κ′ with ρ = E/Y of the data and one κ′ for all, Σ T′ = 0, κ′ reported", () => {
    const { baseline, outcome, deficit } = solve({ deficits: "multiplicative" });
    const x = outcome.solution;
    const kappa = outcome.scalars!.imbalanceScale;
    expect(Number.isFinite(kappa)).toBe(true);
    for (let i = 0; i < N; i++) {
      const ratio = (x[N + i] * baseline.expenditure[i] - outcome.accounts!.tariffRevenue!.counterfactual[i]) / (x[i] * x[2 * N + i] * baseline.output[i]);
      expectClose(ratio / (baseline.expenditure[i] / baseline.output[i]), kappa, TOL_RELATIVE, `(E′−R)/Y′ ÷ ρ of ${data.countries[i].code}`);
    }
    const world = deficit.reduce((a, b) => a + b, 0);
    expectClose(world / baseline.expenditure.reduce((a, b) => a + b, 0), 0, TOL_RELATIVE, "Σ T′ / Σ E");
  });
  it("the paper's rule is the default and keeps T′ = T·ΣY′/ΣY (the Table 1 setting)", () => {
    const { baseline, outcome, deficit } = solve({});
    const x = outcome.solution;
    let worldOutput = 0;
    let newWorldOutput = 0;
    for (let i = 0; i < N; i++) {
      worldOutput += baseline.output[i];
      newWorldOutput += x[i] * x[2 * N + i] * baseline.output[i];
    }
    for (let i = 0; i < N; i++) expectClose(deficit[i] / baseline.expenditure[i], (baseline.deficit[i] * newWorldOutput) / worldOutput / baseline.expenditure[i], TOL_RELATIVE, `T′ of ${data.countries[i].code}`);
  });
});

describe("deficits options on a two-country Eaton–Kortum case (hand-computed by bisection)", () => {
  // Exporter rows, importer columns, millions of USD: Y_A = 90, E_A = 70 (A runs a surplus of 20), Y_B = 60, E_B = 80.
  const flows = [60, 30, 10, 50];
  const [Y_A, Y_B, E_A, E_B] = [90, 60, 70, 80];
  const lambda = { AA: 60 / 70, BA: 10 / 70, AB: 30 / 80, BB: 50 / 80 };
  const data = handDataset(["AAA", "BBB"], flows, "millions of current USD");

  it("balanced, no shock: A's surplus closes — its relative wage solves X′_AB = X′_BA; Ŵ_A = Ê_A/P̂_A; trade balance 20 m → 0", () => {
    // ŵ_B = 1, ŵ_A = ω; λ′_kj ∝ λ_kj ŵ_k^(−ε); E′_j = Y′_j = ŵ_j Y_j (no revenue, T′ = 0).
    const shares = (w: number) => {
      const toA = lambda.AA * w ** -EPSILON + lambda.BA;
      const toB = lambda.AB * w ** -EPSILON + lambda.BB;
      return { AB: (lambda.AB * w ** -EPSILON) / toB, BA: lambda.BA / toA, toA };
    };
    const omega = bisect((w) => shares(w).AB * Y_B - shares(w).BA * w * Y_A, 0.5, 2);
    const welfareA = ((omega * Y_A) / E_A) / Math.pow(shares(omega).toA, -1 / EPSILON);
    const report = runScenario(
      `name: hand
dataset: hand
model: { type: liberation-day, variant: eaton-kortum, laborSupplyElasticity: 0, scaleElasticityNumerator: 0, revenue: lump-sum, deficits: balanced }
report: { countries: [AAA, BBB] }
phases: [{ name: balanced, shocks: [] }]
`,
      { source: "hand", dataset: data },
    );
    const a = report.phases[0].countries[0].values;
    expectClose(a.welfareChangePct, 100 * (welfareA - 1), TOL_PCT, "Ŵ_A");
    expectClose(a.baselineTradeBalanceUsd, 20e6, 1e-6, "A's balance before (30 − 10)");
    expectClose(a.tradeBalanceUsd, 0, 1e-3, "A's balance after");
    expectClose(a.tradeBalanceChangeUsd, -20e6, 1e-3, "A's balance change");
    expectClose(a.equivalentVariationUsd, (welfareA - 1) * E_A * 1e6, 1e-2, "A's EV = (Ŵ − 1)·E");
  });
  it("multiplicative, A's exports to B 20% dearer: ω solves A's market clearing with E′_j = ρ_j κ′ ŵ_j Y_j; the E/Y ratio of A to B is held", () => {
    const rho = { A: E_A / Y_A, B: E_B / Y_B };
    const d = 1.2;
    const state = (w: number) => {
      const kappa = (w * Y_A + Y_B) / (rho.A * w * Y_A + rho.B * Y_B);
      const spendA = rho.A * kappa * w * Y_A;
      const spendB = rho.B * kappa * Y_B;
      const toA = lambda.AA * w ** -EPSILON + lambda.BA;
      const toB = lambda.AB * (w * d) ** -EPSILON + lambda.BB;
      const salesA = ((lambda.AA * w ** -EPSILON) / toA) * spendA + ((lambda.AB * (w * d) ** -EPSILON) / toB) * spendB;
      return { kappa, spendA, toA, excess: salesA - w * Y_A };
    };
    const omega = bisect((w) => state(w).excess, 0.5, 2);
    const s = state(omega);
    const welfareA = s.spendA / E_A / Math.pow(s.toA, -1 / EPSILON);
    const ctx = newRunContext();
    const baseline = liberationDayModel.calibrate(data, liberationDayParamsSchema.parse({ ...eatonKortum, deficits: "multiplicative" }), ctx);
    const policy = zeroPolicy(data);
    policy.tradeCostFactors[0 * 2 + 1] = d;
    const outcome = liberationDayModel.solve(baseline, policy, ctx);
    expect(outcome.solver.converged).toBe(true);
    expectClose(outcome.countries.welfareChangePct[0], 100 * (welfareA - 1), TOL_PCT, "Ŵ_A");
    expectClose(outcome.scalars!.imbalanceScale, s.kappa, 1e-10, "κ′");
    const x = outcome.solution;
    const ratioA = (x[2] * E_A) / (x[0] * Y_A);
    const ratioB = (x[3] * E_B) / (x[1] * Y_B);
    expectClose(ratioA / ratioB, rho.A / rho.B, 1e-10, "(E′/Y′)_A ÷ (E′/Y′)_B = ρ_A/ρ_B");
  });
  it("without a shock, multiplicative and the paper's rule both return the baseline (κ′ = 1)", () => {
    for (const deficits of ["multiplicative", "world-income-share"] as const) {
      const ctx = newRunContext();
      const outcome = liberationDayModel.solve(liberationDayModel.calibrate(data, liberationDayParamsSchema.parse({ ...eatonKortum, deficits }), ctx), zeroPolicy(data), ctx);
      outcome.countries.welfareChangePct.forEach((w, i) => expectClose(w, 0, 1e-10, `${deficits}: Ŵ_${i}`));
    }
  });
});

describe("what moves with an overridden trade elasticity (params.scaleElasticity)", () => {
  const data = loadDataset("world-2023");
  const scenario = (model: string) => `name: eps
dataset: world-2023
model: { type: liberation-day${model} }
report: { countries: [USA, CHN] }
phases: [{ name: april-2, shocks: [{ type: tariff-schedule, schedule: us-reciprocal-2025-04-02, importer: USA }] }]
`;
  const run = (model: string): RunReport => runScenario(scenario(model), { source: "eps" });
  const welfare = (r: RunReport) => r.phases[0].countries.map((c) => c.values.welfareChangePct);

  it("ε = 8 alone follows the paper (ψ = 0.67/ε) and says so in the output; the same as giving the numerator 0.67 or ψ = 0.67/8", () => {
    const implicit = run(", tradeElasticity: 8");
    expect(implicit.warnings).toContain(message.scaleMovesWithElasticity(8, 0.67, 0.67 / 8, 0.67 / 4));
    const heldAtEighth = run(`, tradeElasticity: 8, scaleElasticity: ${0.67 / 8}`);
    expect(heldAtEighth.warnings.some((w) => w.includes("also moves the scale elasticity"))).toBe(false);
    welfare(heldAtEighth).forEach((w, k) => expectClose(w, welfare(implicit)[k], 1e-9, `country ${k}`));
  });
  it("ψ held at the paper's 0.1675 with ε = 8: the system's ψ is 0.1675 (not 0.67/8), no note, and the answer differs from the paper's rule", () => {
    const params = liberationDayParamsSchema.parse({ tradeElasticity: 8, scaleElasticity: 0.1675 });
    const system = prepareEquilibrium(calibrateLiberationDay(data, params), zeroPolicy(data), data.countries.length - 1);
    expect(system.scaleElasticity).toBe(0.1675);
    const held = run(", tradeElasticity: 8, scaleElasticity: 0.1675");
    expect(held.warnings.some((w) => w.includes("also moves the scale elasticity"))).toBe(false);
    expect(Math.abs(welfare(held)[0] - welfare(run(", tradeElasticity: 8"))[0])).toBeGreaterThan(1e-3);
  });
  it("the pass-through φ uses θ = 1/ψ: φ = a + (1+θ)/((1−ν)θ) − 1/θ − 1 by hand for ψ held at 0.1675 and ε = 8", () => {
    const params = liberationDayParamsSchema.parse({ tradeElasticity: 8, scaleElasticity: 0.1675 });
    expect(scaleElasticityOf(params)).toBe(0.1675);
    const baseline = calibrateLiberationDay(data, params);
    const theta = 1 / 0.1675;
    baseline.nu.forEach((nu, i) => expectClose(baseline.phi[i], 1 + (1 + theta) / ((1 - nu) * theta) - 1 / theta - 1, 1e-12, `φ of ${data.countries[i].code}`));
  });
  it("giving both ψ and its numerator is refused as bad input naming the field", () => {
    try {
      runScenario(scenario(", scaleElasticity: 0.1, scaleElasticityNumerator: 0.5"), { source: "eps" });
      expect.unreachable("both given must be refused");
    } catch (error) {
      expect(error).toBeInstanceOf(TradewindsInputError);
      expect((error as TradewindsInputError).issues.map((i) => i.path)).toEqual(["model.scaleElasticity"]);
    }
  });
});

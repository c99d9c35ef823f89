import { describe, expect, it } from "vitest";
import { loadDataset } from "../src/data/load.js";
import { calibrateLiberationDay } from "../src/models/liberationDay/baseline.js";
import type { Dataset } from "../src/data/dataset.js";
import { equilibriumResidual, newEquilibriumState, type EquilibriumSystem } from "../src/models/liberationDay/equilibrium.js";
import { equilibriumJacobian, newJacobianWorkspace } from "../src/models/liberationDay/jacobian.js";
import { liberationDayParamsSchema } from "../src/models/liberationDay/params.js";
import { prepareEquilibrium } from "../src/models/liberationDay/solve.js";
import { zeroPolicy } from "../src/models/types.js";
import { worstJacobianGap } from "./support/jacobianCheck.js";

// The analytic Jacobian of the Liberation Day system (spec one-sector.md §3.3) equals its derivative:
// central differences of the residual at a point away from the solution, on world-2023 with the
// April-2 tariffs, for both revenue treatments, the Eaton–Kortum variant and the three deficit rules.

/** Central differences with a relative step of 1e-5 are accurate to ~1e-9 of the largest entry. */
const STEP = 1e-5;
const TOL_RELATIVE_TO_MAX = 1e-6;

describe("equilibriumJacobian(system, x) is the derivative of equilibriumResidual (central differences)", () => {
  const data = loadDataset("world-2023");
  const policy = zeroPolicy(data);
  policy.tariffs = Float64Array.from(data.tariffs["us-reciprocal-2025-04-02"]);
  for (const params of [{}, { revenue: "lump-sum" }, { variant: "eaton-kortum" }, { deficits: "balanced" }, { deficits: "multiplicative" }] as const) {
    it(`at a perturbed point, ${JSON.stringify(params)}`, () => {
      const baseline = calibrateLiberationDay(data, liberationDayParamsSchema.parse(params));
      const N = baseline.N;
      const system = prepareEquilibrium(baseline, policy, N - 1);
      const { worst, largest, where } = worstGap(system, N);
      expect(worst / largest, where).toBeLessThan(TOL_RELATIVE_TO_MAX);
    });
  }
});

describe("equilibriumJacobian with two trading components (a country in autarky has its own price normalisation)", () => {
  it("matches central differences on a balanced three-country economy with AAA cut off", () => {
    const data = {
      ...zeroPolicyDataset(),
      parameters: { "liberationDay.nu": [0.1, 0.1, 0.1] },
    };
    const policy = zeroPolicy(data);
    for (const k of [1, 2, 3, 6]) policy.tradeCostFactors[k] = Infinity; // AAA ↔ BBB, CCC
    const baseline = calibrateLiberationDay(data, liberationDayParamsSchema.parse({}));
    const system = prepareEquilibrium(baseline, policy, 2);
    // Components in dataset order: {AAA} normalises on its own row 0; {BBB, CCC} keeps the replaced equation 2.
    expect(Array.from(system.normalisedRow)).toEqual([0, 2]);
    const { worst, largest, where } = worstGap(system, 3);
    expect(worst / largest, where).toBeLessThan(TOL_RELATIVE_TO_MAX);
  });
});

function zeroPolicyDataset(): Dataset {
  return {
    meta: { name: "balanced-3", title: "balanced three-country economy", year: 2000, units: "units", source: "hand-made", licence: "", attribution: "", derivation: [], notes: [] },
    countries: ["AAA", "BBB", "CCC"].map((code) => ({ code, name: code })),
    sectors: [{ code: "ALL", name: "All goods", tradable: true }],
    flows: Float64Array.from([10, 2, 3, 4, 12, 1, 1, 3, 9]),
    tariffs: {},
    covariates: {},
    groups: {},
    parameters: {},
  };
}

/** Largest gap between the analytic Jacobian and central differences, at a deterministic point away from x = 1. */
function worstGap(system: EquilibriumSystem, N: number): { worst: number; largest: number; where: string } {
  const n = 3 * N;
  const state = newEquilibriumState(N);
  // A deterministic point near but away from x = 1 (the kernel reads |x|; one entry negative checks the sign rule).
  const x = Float64Array.from({ length: n }, (_, k) => 1 + 0.05 * Math.sin(1.7 * k + 0.3));
  x[5] = -x[5];
  const analytic = new Float64Array(n * n);
  equilibriumJacobian(system, x, state, newJacobianWorkspace(N), analytic);
  return worstJacobianGap(x, analytic, (at, out) => equilibriumResidual(system, at, state, out), STEP);
}

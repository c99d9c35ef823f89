import { describe, expect, it } from "vitest";
import { loadDataset } from "../src/data/load.js";
import { calibrateLiberationDay } from "../src/models/liberationDay/baseline.js";
import { newEquilibriumState } from "../src/models/liberationDay/equilibrium.js";
import { equilibriumJacobian, newJacobianWorkspace } from "../src/models/liberationDay/jacobian.js";
import { lineariseEquilibrium, multiplyEquilibriumJacobian, newEquilibriumLinearisation, preconditionEquilibrium } from "../src/models/liberationDay/jacobianVector.js";
import { liberationDayParamsSchema } from "../src/models/liberationDay/params.js";
import { prepareEquilibrium } from "../src/models/liberationDay/solve.js";
import { zeroPolicy } from "../src/models/types.js";

// The matrix-free product J(x)·v and the block-diagonal preconditioner of the Liberation Day system
// (spec one-sector.md §3.3) against the dense analytic Jacobian (jacobian.ts, itself checked against
// central differences in liberationDay-jacobian.test.ts): the same derivatives summed in a different
// order, so they agree to rounding. World-2023 with the April-2 tariffs, both revenue treatments and the
// Eaton–Kortum variant and the deficit rules, at a point away from the solution with one negative entry (the sign rule).

/** Both sides sum N ≈ 200 terms of mixed sign in different orders: a few hundred ulps of the largest entry. */
const TOL_PRODUCT_RELATIVE_TO_MAX = 1e-12;
/** A block entry is one formula evaluated in both codes, up to the order of a few operations. */
const TOL_BLOCK_RELATIVE = 1e-12;
/** M⁻¹·(M·u) = u for a 3×3 inverse by cofactors of a well-conditioned block. */
const TOL_INVERSE = 1e-10;

describe("multiplyEquilibriumJacobian(v) equals the dense Jacobian times v", () => {
  const data = loadDataset("world-2023");
  const policy = zeroPolicy(data);
  policy.tariffs = Float64Array.from(data.tariffs["us-reciprocal-2025-04-02"]);
  for (const params of [{}, { revenue: "lump-sum" }, { variant: "eaton-kortum" }, { deficits: "balanced" }, { deficits: "multiplicative" }] as const) {
    it(`at a perturbed point, ${JSON.stringify(params)}`, () => {
      const baseline = calibrateLiberationDay(data, liberationDayParamsSchema.parse(params));
      const N = baseline.N;
      const n = 3 * N;
      const system = prepareEquilibrium(baseline, policy, N - 1);
      const state = newEquilibriumState(N);
      const x = Float64Array.from({ length: n }, (_, k) => 1 + 0.05 * Math.sin(1.7 * k + 0.3));
      x[5] = -x[5];
      x[2 * N + 7] = -x[2 * N + 7];
      const dense = new Float64Array(n * n);
      equilibriumJacobian(system, x, state, newJacobianWorkspace(N), dense);
      const lin = newEquilibriumLinearisation(N);
      lineariseEquilibrium(system, x, state, lin);

      for (const [label, v] of [
        ["smooth v", Float64Array.from({ length: n }, (_, k) => Math.cos(0.37 * k))],
        ["a unit vector on a wage", Float64Array.from({ length: n }, (_, k) => (k === 11 ? 1 : 0))],
        ["a unit vector on the replaced wage", Float64Array.from({ length: n }, (_, k) => (k === N - 1 ? 1 : 0))],
      ] as const) {
        const product = new Float64Array(n);
        multiplyEquilibriumJacobian(system, state, lin, v, product);
        const expected = new Float64Array(n);
        for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) expected[i] += dense[k * n + i] * v[k];
        let largest = 0;
        let worst = 0;
        let where = "";
        for (let i = 0; i < n; i++) {
          largest = Math.max(largest, Math.abs(expected[i]));
          const gap = Math.abs(product[i] - expected[i]);
          if (gap > worst) {
            worst = gap;
            where = `${label}, row ${i}: matrix-free ${product[i]}, dense ${expected[i]}`;
          }
        }
        expect(worst / largest, where).toBeLessThan(TOL_PRODUCT_RELATIVE_TO_MAX);
      }

      for (let i = 0; i < N; i++) {
        const rows = [i, N + i, 2 * N + i];
        for (let row = 0; row < 3; row++)
          for (let column = 0; column < 3; column++) {
            const expected = dense[rows[column] * n + rows[row]];
            const actual = lin.blocks[9 * i + 3 * row + column];
            expect(Math.abs(actual - expected), `block ${i} (${row}, ${column}): ${actual} vs dense ${expected}`).toBeLessThanOrEqual(TOL_BLOCK_RELATIVE * Math.max(1, Math.abs(expected)));
          }
      }

      // The preconditioner inverts the blocks: M⁻¹·(M·u) = u.
      const u = Float64Array.from({ length: n }, (_, k) => Math.sin(0.9 * k) + 2);
      const mu = new Float64Array(n);
      for (let i = 0; i < N; i++) {
        const rows = [i, N + i, 2 * N + i];
        for (let row = 0; row < 3; row++) for (let column = 0; column < 3; column++) mu[rows[row]] += lin.blocks[9 * i + 3 * row + column] * u[rows[column]];
      }
      const back = new Float64Array(n);
      preconditionEquilibrium(lin, mu, back);
      for (let k = 0; k < n; k++) expect(Math.abs(back[k] - u[k]), `M⁻¹Mu at ${k}`).toBeLessThan(TOL_INVERSE);
    });
  }
});

describe("multiplyEquilibriumJacobian with two trading components (a balanced country cut off: one normalisation row each)", () => {
  it("equals the dense Jacobian (checked by central differences in liberationDay-jacobian.test.ts) times v, blocks included", () => {
    const data = {
      meta: { name: "balanced-3", title: "balanced three-country economy", year: 2000, units: "units", source: "hand-made", licence: "", attribution: "", derivation: [], notes: [] },
      countries: ["AAA", "BBB", "CCC"].map((code) => ({ code, name: code })),
      sectors: [{ code: "ALL", name: "All goods", tradable: true }],
      flows: Float64Array.from([10, 2, 3, 4, 12, 1, 1, 3, 9]),
      tariffs: {},
      covariates: {},
      groups: {},
      parameters: { "liberationDay.nu": [0.1, 0.1, 0.1] },
    };
    const policy = zeroPolicy(data);
    for (const k of [1, 2, 3, 6]) policy.tradeCostFactors[k] = Infinity; // AAA ↔ BBB, CCC
    const baseline = calibrateLiberationDay(data, liberationDayParamsSchema.parse({}));
    const N = 3;
    const n = 3 * N;
    const system = prepareEquilibrium(baseline, policy, N - 1);
    expect(system.normalisedRow.length).toBe(2);
    const state = newEquilibriumState(N);
    const x = Float64Array.from({ length: n }, (_, k) => 1 + 0.05 * Math.sin(1.7 * k + 0.3));
    const dense = new Float64Array(n * n);
    equilibriumJacobian(system, x, state, newJacobianWorkspace(N), dense);
    const lin = newEquilibriumLinearisation(N);
    lineariseEquilibrium(system, x, state, lin);
    for (let unit = 0; unit < n; unit++) {
      const v = Float64Array.from({ length: n }, (_, k) => (k === unit ? 1 : 0));
      const product = new Float64Array(n);
      multiplyEquilibriumJacobian(system, state, lin, v, product);
      for (let i = 0; i < n; i++) expect(Math.abs(product[i] - dense[unit * n + i]), `∂F_${i}/∂x_${unit}`).toBeLessThanOrEqual(TOL_PRODUCT_RELATIVE_TO_MAX * Math.max(1, Math.abs(dense[unit * n + i])));
    }
    for (let i = 0; i < N; i++) {
      const rows = [i, N + i, 2 * N + i];
      for (let row = 0; row < 3; row++)
        for (let column = 0; column < 3; column++) {
          const expected = dense[rows[column] * n + rows[row]];
          expect(Math.abs(lin.blocks[9 * i + 3 * row + column] - expected), `block ${i} (${row}, ${column})`).toBeLessThanOrEqual(TOL_BLOCK_RELATIVE * Math.max(1, Math.abs(expected)));
        }
    }
  });
});

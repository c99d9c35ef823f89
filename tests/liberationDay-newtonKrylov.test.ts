import { describe, expect, it } from "vitest";
import { countryIndex } from "../src/data/dataset.js";
import { loadDataset } from "../src/data/load.js";
import { calibrateLiberationDay } from "../src/models/liberationDay/baseline.js";
import { optimalTariff } from "../src/models/liberationDay/optimalTariff.js";
import { liberationDayParamsSchema } from "../src/models/liberationDay/params.js";
import { solveLiberationDay } from "../src/models/liberationDay/solve.js";
import { newRunContext, zeroPolicy, type CompiledPolicy } from "../src/models/types.js";

// The default Newton–Krylov solve (GMRES on the matrix-free Jacobian) reaches the same equilibrium as
// the dense Levenberg–Marquardt solve it replaced, on the published cases of Ignatenko et al. (2025)
// Table 1 (world-2023): both stop at max|scaled residual| ≤ 1e-12, so their roots agree to the
// conditioning of the system times that.

/** Both solvers stop at 1e-12; ŵ, Ê, L̂ are O(1) and the system is well conditioned at the root. */
const TOL_SOLUTION = 1e-10;

describe("solveLiberationDay: Newton–Krylov and dense Levenberg–Marquardt reach the same equilibrium", () => {
  const data = loadDataset("world-2023");
  const us = countryIndex(data).get("USA")!;
  const N = data.countries.length;
  const reciprocal = (): CompiledPolicy => ({ ...zeroPolicy(data), tariffs: Float64Array.from(data.tariffs["us-reciprocal-2025-04-02"]) });
  const cases = [
    ["Case 1 (April-2 tariffs, income-tax relief)", {}, reciprocal],
    ["Case 2 (April-2 tariffs, lump-sum rebate)", { revenue: "lump-sum" }, reciprocal],
    ["Eaton–Kortum variant (run 3)", { variant: "eaton-kortum" }, reciprocal],
    [
      "Case 3 (uniform t* on US imports)",
      {},
      () => {
        const policy = zeroPolicy(data);
        const rate = optimalTariff(calibrateLiberationDay(data, liberationDayParamsSchema.parse({})), us, "expenditure");
        for (let i = 0; i < N; i++) if (i !== us) policy.tariffs[i * N + us] = rate;
        return policy;
      },
    ],
  ] as const;
  for (const [label, params, policyOf] of cases) {
    it(label, () => {
      const baseline = calibrateLiberationDay(data, liberationDayParamsSchema.parse(params));
      const policy = policyOf();
      const krylov = solveLiberationDay(baseline, policy, newRunContext());
      const dense = solveLiberationDay(baseline, policy, newRunContext(), { method: "levenberg-marquardt" });
      expect(krylov.solver.method).toBe("newton-krylov");
      expect(dense.solver.method).toBe("levenberg-marquardt");
      expect(krylov.solver.converged && dense.solver.converged).toBe(true);
      let worst = 0;
      for (let k = 0; k < 3 * N; k++) worst = Math.max(worst, Math.abs(krylov.solution[k] - dense.solution[k]));
      expect(worst, "max |x_NK − x_LM|").toBeLessThanOrEqual(TOL_SOLUTION);
    });
  }

  it("falls back to Levenberg–Marquardt when Newton–Krylov stops short (a 1-step budget), says so, and lands on the same root", () => {
    const baseline = calibrateLiberationDay(data, liberationDayParamsSchema.parse({}));
    const ctx = newRunContext();
    const fallback = solveLiberationDay(baseline, reciprocal(), ctx, { krylov: { maxIterations: 1 } });
    const dense = solveLiberationDay(baseline, reciprocal(), newRunContext(), { method: "levenberg-marquardt" });
    expect(fallback.solver.converged).toBe(true);
    expect(fallback.solver.method).toBe("levenberg-marquardt (after newton-krylov did not converge)");
    expect(fallback.solver.warnings.some((w) => w.startsWith("newton-krylov: "))).toBe(true);
    expect(ctx.warnings).toEqual([]);
    for (let k = 0; k < 3 * N; k++) expect(Math.abs(fallback.solution[k] - dense.solution[k])).toBeLessThanOrEqual(TOL_SOLUTION);
  });
});

import { describe, expect, it } from "vitest";
import { solveFixedEffectsIpf } from "../src/models/structuralGravity/fixedEffectsIpf.js";

/**
 * The fixed-effects fit (IPF) on targets no fit can meet stops at once instead of sweeping to its iteration
 * budget (a fuzz case spent 478 s in 2,000 such fits): a country that trades only with itself (τ to others 0)
 * whose row target differs from its column target has no solution — X_AA must equal both.
 */
describe("solveFixedEffectsIpf on infeasible targets", () => {
  it("a block of one country selling 16 and buying 15 from itself: not converged, within a few sweeps", () => {
    const N = 2;
    const tradeCosts = Float64Array.from([1, 0, 0, 1]); // no trade between the two
    const fit = solveFixedEffectsIpf({ N, tradeCosts, rowTargets: Float64Array.from([16, 10]), columnTargets: Float64Array.from([15, 11]), reference: 1 });
    expect(fit.converged).toBe(false);
    expect(fit.iterations).toBeLessThan(10);
  });

  it("the same block with equal targets is fitted exactly: X_AA = 16 (the check above is about feasibility, not the layout)", () => {
    const N = 2;
    const tradeCosts = Float64Array.from([1, 0, 0, 1]);
    const fit = solveFixedEffectsIpf({ N, tradeCosts, rowTargets: Float64Array.from([16, 10]), columnTargets: Float64Array.from([16, 10]), reference: 1 });
    expect(fit.converged).toBe(true);
    expect(fit.value.exporter[0] * fit.value.importer[0]).toBeCloseTo(16, 12);
  });
});

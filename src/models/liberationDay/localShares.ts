import { solveNonlinear } from "../../solver/levenbergMarquardt.js";
import type { SolverResult } from "../../solver/result.js";
import { aggregateToTwoRegions } from "./twoRegionAggregate.js";

/** The targets hard-coded in `main_baseline.m` `solveNu` (spec one-sector.md §3.1 Step 1). */
export const LOCAL_SHARE_TARGETS = { others: 0.12, leader: 0.26 } as const;

export interface LocalShares {
  /** ν of every non-leader country (one calibrated value). */
  others: number;
  /** ν of the leader. */
  leader: number;
  /** True for a value clipped at 0 (negative solution), in the order others, leader. */
  clipped: [boolean, boolean];
  solver: Omit<SolverResult<unknown>, "value">;
}

/**
 * Liberation Day (Ignatenko, Macedoni, Lashkaripour & Simonovska 2025), `main_baseline.m` `solveNu`
 * (lines 371–405; spec one-sector.md §3.1 Step 1): the local (distribution) shares ν of the two
 * regions "others" (1) and "leader" (2), from the foreign flows and GDP aggregated to two regions:
 *
 *   E_k  = Y_k + (1−ν_k)·( Σ_m X_mk − Σ_m (1−ν_m) X_km )
 *   r_11 = (E_1 − X_21)/(E_1 − X_21 + X_12),     r_22 = (E_2 − X_12)/(E_2 − X_12 + X_21)
 *   (1−r_11)·ν_2 + r_11·ν_1 = 0.12,              r_22·ν_2 + (1−r_22)·ν_1 = 0.26
 *
 * Solved by Levenberg–Marquardt from (0.1, 0.24); negative values are then set to 0.
 * `foreignFlows` [i*N + j] (exporter i, importer j) must have a zero diagonal; `gdp` length N, same units.
 */
export function calibrateLocalShares(foreignFlows: Float64Array, gdp: Float64Array, N: number, leader: number): LocalShares {
  const { flows: X, totals: Y } = aggregateToTwoRegions(foreignFlows, gdp, N, leader);
  const expenditure = new Float64Array(2);
  const residual = (nu: Float64Array, out: Float64Array): void => {
    for (let k = 0; k < 2; k++) {
      const imports = X[0 * 2 + k] + X[1 * 2 + k];
      const exports = (1 - nu[0]) * X[k * 2 + 0] + (1 - nu[1]) * X[k * 2 + 1];
      expenditure[k] = Y[k] + (1 - nu[k]) * (imports - exports);
    }
    const r11 = (expenditure[0] - X[1 * 2 + 0]) / (expenditure[0] - X[1 * 2 + 0] + X[0 * 2 + 1]);
    const r22 = (expenditure[1] - X[0 * 2 + 1]) / (expenditure[1] - X[0 * 2 + 1] + X[1 * 2 + 0]);
    out[0] = (1 - r11) * nu[1] + r11 * nu[0] - LOCAL_SHARE_TARGETS.others;
    out[1] = r22 * nu[1] + (1 - r22) * nu[0] - LOCAL_SHARE_TARGETS.leader;
  };
  const { value, ...solver } = solveNonlinear(residual, Float64Array.of(0.1, 0.24), { tolerance: 1e-14 });
  return {
    others: Math.max(0, value[0]),
    leader: Math.max(0, value[1]),
    clipped: [value[0] < 0, value[1] < 0],
    solver,
  };
}

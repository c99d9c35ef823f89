import { solveNonlinear } from "../../solver/levenbergMarquardt.js";
import type { SolverResult } from "../../solver/result.js";
import { newOssaDerivativeWorkspace, ossaJacobian } from "./derivatives.js";
import type { OssaEconomy } from "./economy.js";
import { evaluateOssa, ossaResidual, setOssaPolicy, type OssaWorkspace } from "./equilibrium.js";
import { mapToFloat64 } from "../../util/typedArrays.js";

/** The tolerance of an equilibrium solve: max relative residual. */
export const OSSA_EQUILIBRIUM_TOLERANCE = 1e-12;

/**
 * Solves the §2.2 system for new tariffs t′ and net exports NX′ by Levenberg–Marquardt from `start`
 * (default ones, as Ossa's fsolve). The workspace holds the evaluated solution afterwards.
 */
export function solveOssa(economy: OssaEconomy, newTariffs: Float64Array, newNetExports: Float64Array, work: OssaWorkspace, start?: Float64Array): SolverResult<Float64Array> {
  const { N } = economy;
  setOssaPolicy(economy, newTariffs, work);
  const scratch = newOssaDerivativeWorkspace(N, economy.S);
  const result = solveNonlinear((x, out) => ossaResidual(economy, newTariffs, newNetExports, x, work, out), start ? Float64Array.from(start) : new Float64Array(2 * N).fill(1), {
    tolerance: OSSA_EQUILIBRIUM_TOLERANCE,
    // The analytic Jacobian (derivatives.ts): two O(S·N³) products instead of 2N residual evaluations.
    jacobian: (x, out) => ossaJacobian(economy, newTariffs, x, work, scratch, out),
    initialDamping: 1e-9,
    reuseJacobian: true,
  });
  const value = mapToFloat64(result.value, Math.abs);
  evaluateOssa(economy, newTariffs, value, work);
  return { ...result, value };
}


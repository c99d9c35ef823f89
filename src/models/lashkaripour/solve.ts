import { solveNonlinear } from "../../solver/levenbergMarquardt.js";
import type { SolverResult } from "../../solver/result.js";
import { systemResidual, type LashkaripourState, type LashkaripourSystem } from "./equilibrium.js";
import { newJacobianWorkspace, systemJacobian } from "./jacobian.js";
import { mapToFloat64 } from "../../util/typedArrays.js";

export interface SystemSolveOptions {
  /** max |scaled residual| that counts as solved (ERR1/R, ERR2/Y, ERR3). Default 1e-12. */
  tolerance?: number;
  /** "analytic" (default, jacobian.ts) or "finite-difference" (2N + P residual evaluations per Jacobian; a check and a bench baseline). */
  jacobian?: "analytic" | "finite-difference";
  /** Start from this x (a nearby solution, length 2N + P) instead of ŵ = Ŷ = 1. */
  start?: Float64Array;
}

/** Default tolerance: 1e-12 of each country's wage income / expenditure, far inside the package's 1e-6 (USD million). */
export const SYSTEM_TOLERANCE = 1e-12;

/**
 * The package's initial guess of the Nash system, T0 = [0.9·1; 1.1·1; 1.25·1] (nash_equilibrium.m:25-27,
 * defaults.m:19-21). The first attempt starts from ŵ = Ŷ = 1, τ = 1.25 (the solution of a system without
 * setters and unchanged tariffs); T0 is the second attempt when the first does not converge.
 */
const PACKAGE_START = { wage: 0.9, income: 1.1, tariff: 1.25 } as const;

/**
 * Solves the 2N + P system by Levenberg–Marquardt (solver/levenbergMarquardt.ts) with the analytic
 * Jacobian. Like the package (nash_equilibrium.m:24-90) it tries a second start when the first does
 * not converge and keeps the better result (converged first, then smaller residual); the record says
 * which start won. Returns |x| (the kernel's reading of x) with `state` evaluated there.
 */
export function solveSystem(system: LashkaripourSystem, state: LashkaripourState, options: SystemSolveOptions = {}): SolverResult<Float64Array> {
  const { N, S } = system.economy;
  const P = system.setters.length;
  const n = 2 * N + P;
  const work = newJacobianWorkspace(N, P);
  // Export taxes add revenue terms the analytic Jacobian leaves out: finite differences then.
  const finiteDifference = options.jacobian === "finite-difference" || system.exportTaxes !== undefined;
  const attempt = (wage: number, income: number, tariff: number, from?: Float64Array) => {
    const start = new Float64Array(n);
    start.fill(wage, 0, N).fill(income, N, 2 * N).fill(tariff, 2 * N);
    if (from && from.length === n) start.set(from);
    return solveNonlinear((x, out) => systemResidual(system, x, state, out), start, {
      tolerance: options.tolerance ?? SYSTEM_TOLERANCE,
      jacobian: finiteDifference ? undefined : (x, out) => systemJacobian(system, x, state, work, out),
      initialDamping: 1e-6,
      reuseJacobian: true,
      maxIterations: 200,
    });
  };
  let result = attempt(1, 1, PACKAGE_START.tariff, options.start);
  if (!result.converged) {
    const second = attempt(PACKAGE_START.wage, PACKAGE_START.income, PACKAGE_START.tariff);
    const better = second.converged || second.residual < result.residual;
    const note = `first start (ŵ = Ŷ = 1) stopped at max|F| ${result.residual.toExponential(2)}; the package's start T0 = [0.9, 1.1, 1.25] ${second.converged ? "converged" : `stopped at ${second.residual.toExponential(2)}`}`;
    result = better ? { ...second, iterations: result.iterations + second.iterations, warnings: [...result.warnings, note, ...second.warnings] } : { ...result, iterations: result.iterations + second.iterations, warnings: [...result.warnings, note] };
  }
  const value = mapToFloat64(result.value, Math.abs);
  systemResidual(system, value, state, new Float64Array(n));
  return { ...result, value, residualNorm: "max-abs of ERR1/R, ERR2/Y, ERR3", method: `levenberg-marquardt (${finiteDifference ? "finite-difference" : "analytic"} Jacobian, ${N}×${S}${P ? `, ${P} tariff setters` : ""})` };
}

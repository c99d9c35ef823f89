import { choleskyFactor, choleskySolve } from "./cholesky.js";
import { finiteDifferenceJacobian, type ResidualFunction } from "./finiteDifferenceJacobian.js";
import type { SolverResult } from "./result.js";
import { maxAbsolute, sumOfSquares } from "./vectorNorms.js";

export type { ResidualFunction } from "./finiteDifferenceJacobian.js";

/** Writes the Jacobian of F at x, column-major: `out[k*m + i] = ∂F_i/∂x_k`. */
export type JacobianFunction = (x: Float64Array, out: Float64Array) => void;

export interface NonlinearSolveOptions {
  /** Stop (converged) when max_i |F_i(x)| ≤ tolerance. Default 1e-10. */
  tolerance?: number;
  /** Stop when an accepted step has ‖δ‖∞ ≤ stepTolerance·(‖x‖∞ + stepTolerance). Default 1e-14. */
  stepTolerance?: number;
  /** Budget of trial steps (each one residual evaluation, plus a Jacobian when accepted). Default 200. */
  maxIterations?: number;
  /** Number of residuals m ≥ n. Default: n (a square system). */
  residualCount?: number;
  /** Analytic Jacobian; default: forward differences (n residual evaluations per Jacobian). */
  jacobian?: JacobianFunction;
  /** Initial damping as a multiple of max diag(JᵀJ) (Nielsen's τ). Default 1e-3. */
  initialDamping?: number;
  /**
   * Keep the Jacobian and its factorisation after a step that did well (gain ratio ≥ 0.5 and
   * ½‖F‖² cut at least tenfold) and take
   * the next step with the new residual only — a chord (Shamanskii) step, O(n²) instead of
   * O(n³) + n residual evaluations. The Jacobian is refreshed after a poor or rejected step and at
   * least every `maxJacobianAge` steps. Default false.
   */
  reuseJacobian?: boolean;
  /** With `reuseJacobian`: most steps taken with one Jacobian. Default 30. */
  maxJacobianAge?: number;
}

const METHOD = "levenberg-marquardt";
/** A kept Jacobian must have cut ½‖F‖² at least this much in the last step (‖F‖ by ≈ 3×). */
const CHORD_CONTRACTION = 0.1;

/**
 * Solves F(x) = 0 (or minimises ½‖F(x)‖² when m > n) by Levenberg–Marquardt with Marquardt's
 * diagonal scaling and Nielsen's adaptive damping:
 *
 *   (JᵀJ + λ·D) δ = −Jᵀ F,   D = max-so-far diag(JᵀJ)   (Moré 1978, "The Levenberg–Marquardt
 *   algorithm: implementation and theory", eq. 2.3 scaling; Nielsen 1999, IMM-REP-1999-05, §2 damping)
 *
 * The step is accepted when the gain ratio ρ = actual / predicted reduction of ½‖F‖² is positive;
 * then λ ← λ·max(1/3, 1 − (2ρ − 1)³), else λ ← λ·ν, ν ← 2ν. The system matrix is solved by Cholesky.
 * All buffers are allocated once before the loop (dense: m·n for J, 2·n² for JᵀJ and its factor).
 *
 * Never throws on non-convergence and never returns non-finite values: the result record carries
 * `converged`, the iteration count, max|F| at the returned (best) x, and warnings.
 */
export function solveNonlinear(residual: ResidualFunction, x0: Float64Array, options: NonlinearSolveOptions = {}): SolverResult<Float64Array> {
  const n = x0.length;
  const m = options.residualCount ?? n;
  const tolerance = options.tolerance ?? 1e-10;
  const stepTolerance = options.stepTolerance ?? 1e-14;
  const maxIterations = options.maxIterations ?? 200;
  const warnings: string[] = [];

  const x = Float64Array.from(x0);
  const trial = new Float64Array(n);
  const step = new Float64Array(n);
  const gradient = new Float64Array(n);
  const scaling = new Float64Array(n);
  const r = new Float64Array(m);
  const rTrial = new Float64Array(m);
  const jacobian = new Float64Array(m * n);
  const normal = new Float64Array(n * n);
  const damped = new Float64Array(n * n);
  const factor = new Float64Array(n * n);
  const fdShifted = new Float64Array(n);
  const fdResidual = new Float64Array(m);

  const finish = (converged: boolean, iterations: number, maxAbs: number): SolverResult<Float64Array> => ({
    converged,
    iterations,
    residual: maxAbs,
    residualNorm: "max-abs",
    tolerance,
    method: METHOD,
    warnings,
    value: x,
  });

  residual(x, r);
  let maxAbs = maxAbsolute(r);
  if (!Number.isFinite(maxAbs)) {
    warnings.push("the residual is not finite at the starting point");
    return finish(false, 0, Number.MAX_VALUE);
  }
  if (maxAbs <= tolerance) return finish(true, 0, maxAbs);
  let cost = 0.5 * sumOfSquares(r);

  const refreshLinearisation = (): void => {
    if (options.jacobian) options.jacobian(x, jacobian);
    else finiteDifferenceJacobian(residual, x, r, jacobian, fdShifted, fdResidual);
    normalEquations(jacobian, r, m, n, normal, gradient);
    for (let k = 0; k < n; k++) scaling[k] = Math.max(scaling[k], normal[k * n + k], Number.MIN_VALUE);
  };
  refreshLinearisation();
  let maxScaling = 0;
  for (let k = 0; k < n; k++) maxScaling = Math.max(maxScaling, scaling[k]);
  let damping = (options.initialDamping ?? 1e-3) * maxScaling;
  let growth = 2;
  let factorValid = false;
  let jacobianAge = 0;
  const maxJacobianAge = options.reuseJacobian ? (options.maxJacobianAge ?? 30) : 1;

  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    if (!factorValid) {
      damped.set(normal);
      for (let k = 0; k < n; k++) damped[k * n + k] += damping * scaling[k];
      if (!choleskyFactor(damped, n, factor)) {
        damping *= growth;
        growth *= 2;
        continue;
      }
      factorValid = true;
    }
    for (let k = 0; k < n; k++) step[k] = -gradient[k];
    choleskySolve(factor, n, step);

    for (let k = 0; k < n; k++) trial[k] = x[k] + step[k];
    residual(trial, rTrial);
    const trialCost = 0.5 * sumOfSquares(rTrial);
    let predicted = 0;
    for (let k = 0; k < n; k++) predicted += step[k] * (damping * scaling[k] * step[k] - gradient[k]);
    predicted *= 0.5;
    const gain = Number.isFinite(trialCost) && predicted > 0 ? (cost - trialCost) / predicted : -1;

    if (gain > 0) {
      const contraction = trialCost / cost;
      x.set(trial);
      r.set(rTrial);
      cost = trialCost;
      maxAbs = maxAbsolute(r);
      if (maxAbs <= tolerance) return finish(true, iteration, maxAbs);
      if (maxAbsolute(step) <= stepTolerance * (maxAbsolute(x) + stepTolerance)) {
        warnings.push(`step fell below the step tolerance ${stepTolerance} with max|F| = ${maxAbs.toExponential(3)} above the tolerance`);
        return finish(false, iteration, maxAbs);
      }
      jacobianAge++;
      if (gain >= 0.5 && contraction <= CHORD_CONTRACTION && jacobianAge < maxJacobianAge) {
        gradientFrom(jacobian, r, m, n, gradient); // chord step next: same J and factor, new residual
        continue;
      }
      damping *= Math.max(1 / 3, 1 - Math.pow(2 * gain - 1, 3));
      growth = 2;
      refreshLinearisation();
      jacobianAge = 0;
      factorValid = false;
    } else if (jacobianAge > 0) {
      refreshLinearisation(); // the stale Jacobian, not the damping, is the likely culprit
      jacobianAge = 0;
      factorValid = false;
    } else {
      factorValid = false;
      damping *= growth;
      growth *= 2;
      if (!Number.isFinite(damping) || damping > 1e300) {
        warnings.push("damping grew without bound: no step reduces the residual (a local minimum of ‖F‖ that is not a root?)");
        return finish(false, iteration, maxAbs);
      }
    }
  }
  warnings.push(`iteration budget ${maxIterations} exhausted`);
  return finish(false, maxIterations, maxAbs);
}

/** Jᵀr from a column-major m×n Jacobian. */
function gradientFrom(jacobian: Float64Array, r: Float64Array, m: number, n: number, gradient: Float64Array): void {
  for (let p = 0; p < n; p++) {
    const columnP = p * m;
    let g = 0;
    for (let i = 0; i < m; i++) g += jacobian[columnP + i] * r[i];
    gradient[p] = g;
  }
}

/** JᵀJ (row-major n×n, both triangles) and Jᵀr from a column-major m×n Jacobian. */
function normalEquations(jacobian: Float64Array, r: Float64Array, m: number, n: number, normal: Float64Array, gradient: Float64Array): void {
  gradientFrom(jacobian, r, m, n, gradient);
  // JᵀJ from the columns of the column-major J, lower triangle mirrored. Columns are taken two by two
  // (p, p+1) × (q, q+1): four dot products per pass over the rows halve the loads per multiply-add.
  let p = 0;
  for (; p + 1 < n; p += 2) {
    const p0 = p * m;
    const p1 = p0 + m;
    let q = 0;
    for (; q + 1 <= p; q += 2) {
      const q0 = q * m;
      const q1 = q0 + m;
      let d00 = 0;
      let d01 = 0;
      let d10 = 0;
      let d11 = 0;
      for (let i = 0; i < m; i++) {
        const a0 = jacobian[p0 + i];
        const a1 = jacobian[p1 + i];
        const b0 = jacobian[q0 + i];
        const b1 = jacobian[q1 + i];
        d00 += a0 * b0;
        d01 += a0 * b1;
        d10 += a1 * b0;
        d11 += a1 * b1;
      }
      setSymmetric(normal, n, p, q, d00);
      setSymmetric(normal, n, p, q + 1, d01);
      setSymmetric(normal, n, p + 1, q, d10);
      setSymmetric(normal, n, p + 1, q + 1, d11);
    }
    // q = p here (p even): the 2×2 diagonal block.
    let d00 = 0;
    let d10 = 0;
    let d11 = 0;
    for (let i = 0; i < m; i++) {
      const a0 = jacobian[p0 + i];
      const a1 = jacobian[p1 + i];
      d00 += a0 * a0;
      d10 += a1 * a0;
      d11 += a1 * a1;
    }
    setSymmetric(normal, n, p, p, d00);
    setSymmetric(normal, n, p + 1, p, d10);
    setSymmetric(normal, n, p + 1, p + 1, d11);
  }
  if (p < n) {
    // odd n: the last column against every column
    const p0 = p * m;
    for (let q = 0; q <= p; q++) {
      const q0 = q * m;
      let dot = 0;
      for (let i = 0; i < m; i++) dot += jacobian[p0 + i] * jacobian[q0 + i];
      setSymmetric(normal, n, p, q, dot);
    }
  }
}

function setSymmetric(matrix: Float64Array, n: number, p: number, q: number, value: number): void {
  matrix[p * n + q] = value;
  matrix[q * n + p] = value;
}



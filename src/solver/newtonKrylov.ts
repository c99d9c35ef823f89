import type { ResidualFunction } from "./finiteDifferenceJacobian.js";
import { gmres, newGmresWorkspace, type GmresWorkspace, type LinearMap } from "./gmres.js";
import type { SolverResult } from "./result.js";
import { maxAbsolute, sumOfSquares } from "./vectorNorms.js";

/** The Jacobian at one point, as products: `multiply` v ↦ J(x)·v, optional `precondition` v ↦ M⁻¹·v with M ≈ J(x). */
export interface Linearisation {
  multiply: LinearMap;
  precondition?: LinearMap;
}

export interface NewtonKrylovOptions {
  /** Stop (converged) when max_i |F_i(x)| ≤ tolerance. Default 1e-10. */
  tolerance?: number;
  /** Budget of Newton steps. Default 50. */
  maxIterations?: number;
  /** Budget of Jacobian–vector products per Newton step. Default 200. */
  maxLinearIterations?: number;
  /** Krylov vectors kept before GMRES restarts. Default 40. */
  restart?: number;
  /** Largest forcing term η (GMRES stops at ‖J·δ + F‖ ≤ η‖F‖). Default 0.1. */
  maxForcingTerm?: number;
}

export interface NewtonKrylovResult extends SolverResult<Float64Array> {
  /** Jacobian–vector products spent in GMRES over the whole solve. */
  linearIterations: number;
  /** Residual evaluations (line-search trials included). */
  residualEvaluations: number;
}

const METHOD = "newton-krylov";

/** Krylov vectors GMRES keeps before it restarts, for a system of n unknowns. */
export function gmresRestart(n: number, options: Pick<NewtonKrylovOptions, "restart"> = {}): number {
  return Math.min(options.restart ?? 40, n);
}
/** Armijo constant of the line search: accept when ‖F(x + tδ)‖ ≤ (1 − α·t)‖F(x)‖ (Kelley 2003, §1.6). */
const ARMIJO = 1e-4;
const MAX_BACKTRACKS = 20;
/** Eisenstat–Walker choice 2 parameters γ, α = 2 (Kelley 2003, eq. 3.6–3.7). */
const FORCING_GAMMA = 0.9;

/**
 * Solves the square system F(x) = 0 by an inexact Newton method whose steps J(x)·δ = −F(x) are solved
 * matrix-free by right-preconditioned GMRES (gmres.ts), globalised by a backtracking line search on ‖F‖₂
 * with three-point parabolic step control. This is Kelley's `nsoli` (C. T. Kelley, *Solving Nonlinear
 * Equations with Newton's Method*, SIAM 2003, ch. 3): forcing terms by Eisenstat & Walker (1996) choice 2
 * with Kelley's safeguards, so early steps are solved loosely and the last ones tightly enough for
 * superlinear convergence, but never tighter than the stopping tolerance needs.
 *
 * `linearise(x)` is called once per Newton step, at the current iterate, and returns the Jacobian as
 * products (an analytic Jacobian–vector product costs O(nnz) instead of forming and factoring J).
 *
 * Never throws on non-convergence and never returns non-finite values: the record says `converged`,
 * the Newton steps taken, max|F| at the returned x, and warnings (line search failed, budget spent).
 */
export function solveNewtonKrylov(
  residual: ResidualFunction,
  linearise: (x: Float64Array) => Linearisation,
  x0: Float64Array,
  options: NewtonKrylovOptions = {},
  /** GMRES scratch to reuse (a caller solving many systems of one size); used when its size and restart match. */
  scratch?: GmresWorkspace,
): NewtonKrylovResult {
  const n = x0.length;
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 50;
  const maxForcing = options.maxForcingTerm ?? 0.1;
  const gmresOptions = { relativeTolerance: maxForcing, maxIterations: options.maxLinearIterations ?? 200 };
  const restart = gmresRestart(n, options);
  const workspace = scratch && scratch.n === n && scratch.restart === restart ? scratch : newGmresWorkspace(n, restart);
  const warnings: string[] = [];
  const x = Float64Array.from(x0);
  const f = new Float64Array(n);
  const negativeF = new Float64Array(n);
  const step = new Float64Array(n);
  const trial = new Float64Array(n);
  const fTrial = new Float64Array(n);
  let linearIterations = 0;
  let residualEvaluations = 1;

  const finish = (converged: boolean, iterations: number, maxAbs: number): NewtonKrylovResult => ({
    converged,
    iterations,
    residual: maxAbs,
    residualNorm: "max-abs",
    tolerance,
    method: METHOD,
    warnings,
    value: x,
    linearIterations,
    residualEvaluations,
  });

  residual(x, f);
  let maxAbs = maxAbsolute(f);
  if (!Number.isFinite(maxAbs)) {
    warnings.push("the residual is not finite at the starting point");
    return finish(false, 0, Number.MAX_VALUE);
  }
  if (maxAbs <= tolerance) return finish(true, 0, maxAbs);
  let norm = Math.sqrt(sumOfSquares(f));
  let forcing = maxForcing;

  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const { multiply, precondition } = linearise(x);
    for (let i = 0; i < n; i++) negativeF[i] = -f[i];
    step.fill(0);
    gmresOptions.relativeTolerance = forcing;
    const linear = gmres(multiply, precondition, negativeF, step, gmresOptions, workspace);
    linearIterations += linear.iterations;
    if (!(linear.relativeResidual < 1)) {
      warnings.push(`GMRES found no descent direction at Newton step ${iteration} (relative linear residual ${linear.relativeResidual.toExponential(2)})`);
      return finish(false, iteration - 1, maxAbs);
    }

    // Backtracking: t ← the minimiser of the parabola through ‖F(x + tδ)‖² at 0, t_c and t_prev, kept in [0.1·t_c, 0.5·t_c].
    let t = 1;
    let previousT = 1;
    let trialNormSquared = 0;
    let previousNormSquared = 0;
    let accepted = false;
    for (let backtrack = 0; backtrack <= MAX_BACKTRACKS; backtrack++) {
      for (let i = 0; i < n; i++) trial[i] = x[i] + t * step[i];
      residual(trial, fTrial);
      residualEvaluations++;
      const trialNorm = Math.sqrt(sumOfSquares(fTrial));
      if (Number.isFinite(trialNorm) && trialNorm <= (1 - ARMIJO * t) * norm) {
        accepted = true;
        break;
      }
      const squared = Number.isFinite(trialNorm) ? trialNorm * trialNorm : Infinity;
      const nextT = backtrack === 0 || !Number.isFinite(squared) || !Number.isFinite(previousNormSquared) ? 0.5 * t : parabolicStep(norm * norm, t, squared, previousT, previousNormSquared);
      previousT = t;
      previousNormSquared = squared;
      trialNormSquared = squared;
      t = nextT;
    }
    if (!accepted) {
      warnings.push(`line search failed at Newton step ${iteration}: no step along the Newton direction reduced ‖F‖ (last ‖F‖² ${trialNormSquared.toExponential(2)})`);
      return finish(false, iteration - 1, maxAbs);
    }
    x.set(trial);
    f.set(fTrial);
    const previousNorm = norm;
    norm = Math.sqrt(sumOfSquares(f));
    maxAbs = maxAbsolute(f);
    if (maxAbs <= tolerance) return finish(true, iteration, maxAbs);

    // Eisenstat–Walker choice 2 with Kelley's safeguards (nsoli.m): η = γ‖F_k‖²/‖F_{k−1}‖²,
    // not dropping faster than γη_{k−1}² when that is large, capped at η_max, and not below the
    // level at which the linear solve is already more accurate than the stopping tolerance needs.
    const ratio = (FORCING_GAMMA * norm * norm) / (previousNorm * previousNorm);
    const safeguard = FORCING_GAMMA * forcing * forcing;
    forcing = Math.min(maxForcing, safeguard > 0.1 ? Math.max(ratio, safeguard) : ratio);
    forcing = Math.min(maxForcing, Math.max(forcing, (0.5 * tolerance) / norm));
  }
  warnings.push(`Newton step budget ${maxIterations} exhausted`);
  return finish(false, maxIterations, maxAbs);
}

/** Kelley's parab3p: minimiser of the parabola through (0, f0), (tc, fc), (tm, fm), safeguarded to [0.1·tc, 0.5·tc]. */
function parabolicStep(f0: number, tc: number, fc: number, tm: number, fm: number): number {
  const low = 0.1 * tc;
  const high = 0.5 * tc;
  const a2 = 2 * (tm * (fc - f0) - tc * (fm - f0));
  if (a2 >= 0) return high;
  const a1 = tc * tc * (fm - f0) - tm * tm * (fc - f0);
  const t = -a1 / a2;
  return Math.min(high, Math.max(low, t));
}



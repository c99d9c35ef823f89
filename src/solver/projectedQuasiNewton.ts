import type { SolverResult } from "./result.js";

/** Writes ∇f(x) into `gradient` and returns f(x). */
export type ObjectiveWithGradient = (x: Float64Array, gradient: Float64Array) => number;

export interface BoxMinimizeOptions {
  /** Converged when the projected gradient ‖P(x − ∇f) − x‖∞ ≤ tolerance. Default 1e-8. */
  tolerance?: number;
  /** Also converged when f falls by less than relativeDecrease·max(1, |f|) in `stallIterations` consecutive steps. Default 1e-14. */
  relativeDecrease?: number;
  stallIterations?: number;
  /** Budget of iterations (each one gradient plus the line-search evaluations). Default 500. */
  maxIterations?: number;
  /** Pairs (s, y) kept for the L-BFGS inverse-Hessian approximation. Default 10. */
  memory?: number;
}

export interface BoxMinimum {
  x: Float64Array;
  f: number;
  /** Objective evaluations, line search included. */
  evaluations: number;
}

const ARMIJO = 1e-4;
const MAX_BACKTRACKS = 40;

/**
 * Minimises f on the box lower ≤ x ≤ upper by a projected limited-memory quasi-Newton method
 * (Bertsekas 1982, "Projected Newton methods for optimization problems with simple constraints",
 * SIAM J. Control Optim. 20(2); the L-BFGS two-loop recursion of Nocedal & Wright 2006, Algorithm 7.4):
 *
 *   1. the active set: x_i at a bound with the gradient pushing outwards (ε-binding, Bertsekas §2);
 *   2. direction d = −H ∇f on the free variables (L-BFGS, H₀ = γI with γ = sᵀy/yᵀy), 0 on the active ones;
 *      if d is not a descent direction the memory is cleared and d = −∇f;
 *   3. projected backtracking (Armijo) along x(α) = P(x + α d): f(x(α)) ≤ f(x) + c₁ ∇fᵀ(x(α) − x);
 *   4. the pair (s, y) is kept when sᵀy > 0 (curvature), so H stays positive definite.
 *
 * Never throws on non-convergence: the result record says whether the projected gradient met the
 * tolerance, and `value` is the best point found (always inside the box).
 */
export function minimizeInBox(f: ObjectiveWithGradient, x0: Float64Array, lower: Float64Array, upper: Float64Array, options: BoxMinimizeOptions = {}): SolverResult<BoxMinimum> {
  const n = x0.length;
  const tolerance = options.tolerance ?? 1e-8;
  const relativeDecrease = options.relativeDecrease ?? 1e-14;
  const stallIterations = options.stallIterations ?? 3;
  const maxIterations = options.maxIterations ?? 500;
  const m = options.memory ?? 10;
  const project = (x: Float64Array) => {
    for (let i = 0; i < n; i++) x[i] = Math.min(upper[i], Math.max(lower[i], x[i]));
  };
  const x = Float64Array.from(x0);
  project(x);
  const g = new Float64Array(n);
  const trial = new Float64Array(n);
  const trialGradient = new Float64Array(n);
  const d = new Float64Array(n);
  const free = new Uint8Array(n);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const alphas = new Float64Array(m);
  let fx = f(x, g);
  let evaluations = 1;
  let stall = 0;
  let iterations = 0;
  let converged = false;
  const warnings: string[] = [];
  const projectedGradient = () => {
    let norm = 0;
    for (let i = 0; i < n; i++) norm = Math.max(norm, Math.abs(Math.min(upper[i], Math.max(lower[i], x[i] - g[i])) - x[i]));
    return norm;
  };
  let pg = projectedGradient();
  while (iterations < maxIterations) {
    if (pg <= tolerance) {
      converged = true;
      break;
    }
    iterations++;
    // 1. ε-active set (Bertsekas' ε = min(pg, small) keeps nearly-binding bounds out of the quasi-Newton step)
    const eps = Math.min(pg, 1e-3);
    for (let i = 0; i < n; i++) free[i] = (x[i] <= lower[i] + eps && g[i] > 0) || (x[i] >= upper[i] - eps && g[i] < 0) ? 0 : 1;
    // 2. two-loop recursion on the free variables
    for (let i = 0; i < n; i++) d[i] = free[i] ? -g[i] : 0;
    for (let k = S.length - 1; k >= 0; k--) {
      let a = 0;
      for (let i = 0; i < n; i++) if (free[i]) a += S[k][i] * d[i];
      a *= rho[k];
      alphas[k] = a;
      for (let i = 0; i < n; i++) if (free[i]) d[i] -= a * Y[k][i];
    }
    if (S.length) {
      const last = S.length - 1;
      let yy = 0;
      for (let i = 0; i < n; i++) yy += Y[last][i] * Y[last][i];
      const scale = 1 / (rho[last] * yy);
      for (let i = 0; i < n; i++) d[i] *= scale;
    }
    for (let k = 0; k < S.length; k++) {
      let b = 0;
      for (let i = 0; i < n; i++) if (free[i]) b += Y[k][i] * d[i];
      b *= rho[k];
      for (let i = 0; i < n; i++) if (free[i]) d[i] += S[k][i] * (alphas[k] - b);
    }
    let slope = 0;
    for (let i = 0; i < n; i++) slope += g[i] * d[i];
    if (!(slope < 0)) {
      S.length = Y.length = rho.length = 0;
      for (let i = 0; i < n; i++) d[i] = free[i] ? -g[i] : 0;
    }
    // 3. projected Armijo backtracking; the first step without curvature information is scaled to ‖d‖∞ ≤ 1
    let dmax = 0;
    for (let i = 0; i < n; i++) dmax = Math.max(dmax, Math.abs(d[i]));
    let alpha = S.length === 0 ? Math.min(1, 1 / Math.max(dmax, 1e-300)) : 1;
    let accepted = false;
    let ftrial = fx;
    for (let back = 0; back < MAX_BACKTRACKS; back++) {
      for (let i = 0; i < n; i++) trial[i] = x[i] + alpha * d[i];
      project(trial);
      let decrease = 0;
      for (let i = 0; i < n; i++) decrease += g[i] * (trial[i] - x[i]);
      ftrial = f(trial, trialGradient);
      evaluations++;
      if (Number.isFinite(ftrial) && ftrial <= fx + ARMIJO * decrease) {
        accepted = true;
        break;
      }
      alpha *= 0.5;
    }
    if (!accepted) {
      warnings.push(`line search failed at iteration ${iterations}: no decrease along the projected direction`);
      break;
    }
    // 4. curvature pair
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    let sy = 0;
    for (let i = 0; i < n; i++) {
      s[i] = trial[i] - x[i];
      y[i] = trialGradient[i] - g[i];
      sy += s[i] * y[i];
    }
    if (sy > 1e-16) {
      if (S.length === m) {
        S.shift();
        Y.shift();
        rho.shift();
      }
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
    }
    stall = fx - ftrial <= relativeDecrease * Math.max(1, Math.abs(fx)) ? stall + 1 : 0;
    x.set(trial);
    g.set(trialGradient);
    fx = ftrial;
    pg = projectedGradient();
    if (stall >= stallIterations) {
      warnings.push(`f stalled (relative decrease ≤ ${relativeDecrease} in ${stallIterations} steps) with projected gradient ${pg.toExponential(2)}`);
      break;
    }
  }
  if (!converged && pg <= tolerance) converged = true;
  return { converged, iterations, residual: pg, residualNorm: "max |P(x − ∇f) − x|", tolerance, method: "projected-lbfgs", warnings, value: { x, f: fx, evaluations } };
}

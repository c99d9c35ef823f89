import { choleskyFactor, choleskySolve } from "./cholesky.js";
import type { SolverResult } from "./result.js";
import { mapToFloat64 } from "../util/typedArrays.js";

/** Writes ∇f(x) into `gradient` and returns f(x); a non-finite value when f cannot be evaluated at x (e.g. an inner solve failed). */
export type GradientFunction = (x: Float64Array, gradient: Float64Array) => number;

export interface BoxNewtonOptions {
  /** Converged when the last Newton step moved no variable by more than this: ‖Δx‖∞ ≤ stepTolerance. */
  stepTolerance: number;
  /** Budget of Newton steps (each one Hessian: 2·(free variables) gradient evaluations). Default 25. */
  maxIterations?: number;
  /** h of the central differences (∇f(x + h·e_q) − ∇f(x − h·e_q))/2h that form the Hessian. Default 1e-5. */
  differenceStep?: number;
}

export interface BoxNewtonPoint {
  x: Float64Array;
  /** ∇f at x. */
  gradient: Float64Array;
  /** max |∂f/∂x_i| at x over the directions the box leaves open. */
  projectedGradient: number;
  /** Gradient evaluations, Hessian columns included. */
  evaluations: number;
  /**
   * Why the iteration stopped: "converged"; "indefinite" when the Hessian needed a shift in MAX_SHIFTED_STEPS
   * consecutive steps (not near a strict minimum yet: a caller may resume a first-order search and retry);
   * "no-progress" (no accepted step, or f could not be evaluated) or "budget".
   */
  stop: "converged" | "indefinite" | "no-progress" | "budget";
}

const MAX_HALVINGS = 30;
const ARMIJO = 1e-4;
/** Shifts μ tried (×10 each) when the Hessian is not positive definite, starting from 1e-8·max |H_qq|. */
const MAX_SHIFTS = 20;
/** Consecutive shifted steps after which the search stops as "indefinite". */
const MAX_SHIFTED_STEPS = 3;

/**
 * Newton's method for the minimum of f on the box lower ≤ x ≤ upper from its gradient alone — the polish
 * after a quasi-Newton search, for objectives so flat near their optimum that f itself no longer tells
 * points apart (its changes fall below rounding) while the gradient still does:
 *
 *   1. the free variables: those not at a bound with the gradient pushing outwards;
 *   2. the Hessian on them by central differences of the (analytic) gradient, symmetrised, shifted by μI
 *      where it is not positive definite;
 *   3. the step d = −(H + μI)⁻¹∇f on the free variables, projected on the box; it is accepted when the
 *      projected gradient shrinks (the merit function of Newton's method for ∇f = 0, Dennis & Schnabel 1996
 *      §6.5) or f decreases by Armijo's rule, else halved;
 *   4. converged when the Newton step moves no variable by more than `stepTolerance` — convergence in x,
 *      which a test on f or on the gradient alone does not give where the Hessian is nearly singular (the
 *      Newton step estimates the distance to the optimum; near it the steps shrink quadratically).
 *
 * Never throws on non-convergence; `value` is the last accepted point (always inside the box).
 */
export function newtonInBox(gradient: GradientFunction, x0: Float64Array, lower: Float64Array, upper: Float64Array, options: BoxNewtonOptions): SolverResult<BoxNewtonPoint> {
  const n = x0.length;
  const h = options.differenceStep ?? 1e-5;
  const maxIterations = options.maxIterations ?? 25;
  const x = mapToFloat64(x0, (v, i) => Math.min(upper[i], Math.max(lower[i], v)));
  const g = new Float64Array(n);
  const plus = new Float64Array(n);
  const minus = new Float64Array(n);
  const probe = new Float64Array(n);
  const trial = new Float64Array(n);
  const trialGradient = new Float64Array(n);
  const warnings: string[] = [];
  let evaluations = 0;
  let f = NaN;
  let trialF = NaN;
  const evaluate = (at: Float64Array, out: Float64Array) => {
    evaluations++;
    const value = gradient(at, out);
    trialF = value;
    return Number.isFinite(value);
  };
  // max |∇f| over the directions the box leaves open (not ‖P(x − ∇f) − x‖, which rounds to 0 once |∇f| < ulp(x))
  const projected = (at: Float64Array, grad: Float64Array) => {
    let norm = 0;
    for (let i = 0; i < n; i++) if (!((at[i] <= lower[i] && grad[i] > 0) || (at[i] >= upper[i] && grad[i] < 0))) norm = Math.max(norm, Math.abs(grad[i]));
    return norm;
  };
  const result = (converged: boolean, iterations: number, step: number, stopped: BoxNewtonPoint["stop"] = converged ? "converged" : "no-progress"): SolverResult<BoxNewtonPoint> => ({
    converged,
    iterations,
    residual: step,
    residualNorm: "max |Δx| of the last Newton step",
    tolerance: options.stepTolerance,
    method: "newton-in-box (central-difference Hessian of the gradient)",
    warnings,
    value: { x, gradient: g, projectedGradient: projected(x, g), evaluations, stop: stopped },
  });
  if (!evaluate(x, g)) {
    warnings.push("the gradient could not be evaluated at the start point");
    return result(false, 0, Infinity);
  }
  f = trialF;
  let step = Infinity;
  let shiftedSteps = 0;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    // 1. free variables
    const free: number[] = [];
    for (let i = 0; i < n; i++) if (!((x[i] <= lower[i] && g[i] > 0) || (x[i] >= upper[i] && g[i] < 0))) free.push(i);
    const m = free.length;
    if (m === 0) return result(true, iteration - 1, 0);
    // 2. Hessian columns by central differences (one-sided where the box cuts the difference)
    const hessian = new Float64Array(m * m);
    for (let c = 0; c < m; c++) {
      const q = free[c];
      const up = Math.min(upper[q], x[q] + h);
      const down = Math.max(lower[q], x[q] - h);
      probe.set(x);
      probe[q] = up;
      if (!evaluate(probe, plus)) return stop(`the gradient could not be evaluated at a Hessian difference point (step ${iteration})`, iteration - 1);
      probe[q] = down;
      if (!evaluate(probe, minus)) return stop(`the gradient could not be evaluated at a Hessian difference point (step ${iteration})`, iteration - 1);
      for (let r = 0; r < m; r++) hessian[r * m + c] = (plus[free[r]] - minus[free[r]]) / (up - down);
    }
    for (let r = 0; r < m; r++)
      for (let c = 0; c < r; c++) hessian[r * m + c] = hessian[c * m + r] = 0.5 * (hessian[r * m + c] + hessian[c * m + r]);
    // Not positive definite (not yet near a strict minimum): H + μI, the smallest μ = 1e-8·max|H_qq|·10^k that factors
    // (a Levenberg–Marquardt shift; Nocedal & Wright 2006 §3.4). Such a step never counts as the converging one.
    const factor = new Float64Array(m * m);
    let shift = 0;
    let diagonal = 0;
    for (let c = 0; c < m; c++) diagonal = Math.max(diagonal, Math.abs(hessian[c * m + c]));
    for (let k = 0; !choleskyFactor(hessian, m, factor); k++) {
      if (k === MAX_SHIFTS || !(diagonal > 0)) return stop(`the Hessian could not be made positive definite at step ${iteration}`, iteration - 1);
      const next = k === 0 ? 1e-8 * diagonal : shift * 10;
      for (let c = 0; c < m; c++) hessian[c * m + c] += next - shift;
      shift = next;
    }
    if (shift > 0) {
      // The first μ that factors leaves H + μI nearly singular (huge steps along the flattest direction): use 10μ.
      for (let c = 0; c < m; c++) hessian[c * m + c] += 9 * shift;
      shift *= 10;
      if (!choleskyFactor(hessian, m, factor)) return stop(`the Hessian could not be made positive definite at step ${iteration}`, iteration - 1);
    }
    shiftedSteps = shift > 0 ? shiftedSteps + 1 : 0;
    if (shiftedSteps > MAX_SHIFTED_STEPS) {
      warnings.push(`the Hessian was not positive definite in ${MAX_SHIFTED_STEPS} consecutive steps (shifted up to ${shift.toExponential(1)}·I): not near a strict local minimum`);
      return result(false, iteration - 1, step, "indefinite");
    }
    // 3. Newton step on the free variables, halved until the projected gradient shrinks
    const direction = mapToFloat64(free, (i) => -g[i]);
    choleskySolve(factor, m, direction);
    const before = projected(x, g);
    let newtonStep = 0;
    for (let c = 0; c < m; c++) newtonStep = Math.max(newtonStep, Math.abs(direction[c]));
    // A full step below the tolerance is the last: the gradient is then too small for its decrease to be measured.
    let alpha = 1;
    if (newtonStep <= options.stepTolerance && shift === 0) {
      for (let c = 0; c < m; c++) x[free[c]] = Math.min(upper[free[c]], Math.max(lower[free[c]], x[free[c]] + direction[c]));
      if (!evaluate(x, g)) return stop(`the gradient could not be evaluated after the last step (step ${iteration})`, iteration);
      return result(true, iteration, newtonStep);
    }
    let accepted = false;
    for (let halving = 0; halving <= MAX_HALVINGS && !accepted; halving++, alpha /= 2) {
      trial.set(x);
      let decrease = 0;
      for (let c = 0; c < m; c++) {
        const q = free[c];
        trial[q] = Math.min(upper[q], Math.max(lower[q], x[q] + alpha * direction[c]));
        decrease += g[q] * (trial[q] - x[q]);
      }
      // Accepted when the projected gradient shrinks or f falls by Armijo's rule (either says the step goes towards the minimum).
      accepted = evaluate(trial, trialGradient) && (projected(trial, trialGradient) < before || trialF <= f + ARMIJO * decrease);
    }
    if (!accepted) return stop(`no step along the Newton direction reduces the projected gradient or f (step ${iteration}, projected gradient ${before.toExponential(2)})`, iteration - 1);
    f = trialF;
    step = 0;
    for (let i = 0; i < n; i++) step = Math.max(step, Math.abs(trial[i] - x[i]));
    x.set(trial);
    g.set(trialGradient);
    if (step <= options.stepTolerance) return result(true, iteration, step);
  }
  warnings.push(`${maxIterations} Newton steps used; the last moved x by ${step.toExponential(2)}`);
  return result(false, maxIterations, step, "budget");

  function stop(why: string, iterations: number): SolverResult<BoxNewtonPoint> {
    warnings.push(why);
    return result(false, iterations, step);
  }
}

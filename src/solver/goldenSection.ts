import type { SolverResult } from "./result.js";

export interface ScalarMaximum {
  /** The maximiser x*. */
  x: number;
  /** f(x*). */
  f: number;
}

const INVERSE_PHI = (Math.sqrt(5) - 1) / 2;

/**
 * Golden-section search for the maximum of a unimodal f on [lo, hi] (Kiefer 1953; Press et al.,
 * Numerical Recipes, 3rd ed., §10.2): the bracket shrinks by 1/φ ≈ 0.618 per evaluation, so
 * ⌈log(tolerance/(hi − lo))/log 0.618⌉ + 2 evaluations reach a bracket no wider than `tolerance`.
 * `iterations` counts evaluations of f; `residual` is the final bracket width.
 */
export function maximizeScalar(f: (x: number) => number, lo: number, hi: number, tolerance: number, maxEvaluations = 200): SolverResult<ScalarMaximum> {
  let a = lo;
  let b = hi;
  let c = b - INVERSE_PHI * (b - a);
  let d = a + INVERSE_PHI * (b - a);
  let fc = f(c);
  let fd = f(d);
  let evaluations = 2;
  while (b - a > tolerance && evaluations < maxEvaluations) {
    if (fc >= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - INVERSE_PHI * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + INVERSE_PHI * (b - a);
      fd = f(d);
    }
    evaluations++;
  }
  const best = fc >= fd ? { x: c, f: fc } : { x: d, f: fd };
  const warnings: string[] = [];
  if (best.x - lo < tolerance || hi - best.x < tolerance) warnings.push(`the maximum lies at the edge of [${lo}, ${hi}]; widen the interval`);
  return { converged: b - a <= tolerance, iterations: evaluations, residual: b - a, residualNorm: "bracket width", tolerance, method: "golden-section", warnings, value: best };
}

/** Norms of the solvers' residual vectors (Newton–Krylov, Levenberg–Marquardt). */

/** The largest |v_k|; NaN when any entry is NaN (so that a broken residual is never read as small). */
export function maxAbsolute(v: Float64Array): number {
  let max = 0;
  for (let k = 0; k < v.length; k++) {
    const a = Math.abs(v[k]);
    if (Number.isNaN(a)) return Number.NaN;
    if (a > max) max = a;
  }
  return max;
}

/** Σ v_k². */
export function sumOfSquares(v: Float64Array): number {
  let sum = 0;
  for (let k = 0; k < v.length; k++) sum += v[k] * v[k];
  return sum;
}

/** A residual function F: ℝⁿ → ℝᵐ writing F(x) into `out` (length m). Must not keep references. */
export type ResidualFunction = (x: Float64Array, out: Float64Array) => void;

/**
 * Forward-difference Jacobian, column-major: `jacobian[k*m + i] = ∂F_i/∂x_k` (column k is the
 * response of every residual to x_k). Step h_k = √ε_machine · max(|x_k|, 1) (Dennis & Schnabel 1983,
 * *Numerical Methods for Unconstrained Optimization*, §5.4). `residualAtX` is F(x), already known;
 * `shifted` (length n) and `residualShifted` (length m) are caller-owned scratch buffers.
 */
export function finiteDifferenceJacobian(
  residual: ResidualFunction,
  x: Float64Array,
  residualAtX: Float64Array,
  jacobian: Float64Array,
  shifted: Float64Array,
  residualShifted: Float64Array,
): void {
  const n = x.length;
  const m = residualAtX.length;
  const rootEpsilon = Math.sqrt(Number.EPSILON);
  shifted.set(x);
  for (let k = 0; k < n; k++) {
    const h = rootEpsilon * Math.max(Math.abs(x[k]), 1);
    shifted[k] = x[k] + h;
    const step = shifted[k] - x[k]; // the step actually representable in floating point
    residual(shifted, residualShifted);
    const column = k * m;
    for (let i = 0; i < m; i++) jacobian[column + i] = (residualShifted[i] - residualAtX[i]) / step;
    shifted[k] = x[k];
  }
}

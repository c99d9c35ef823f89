/**
 * Central-difference check of an analytic Jacobian (column-major: J[k·n + i] = ∂F_i/∂x_k): the largest gap
 * between the analytic entry and (F(x + h·e_k) − F(x − h·e_k)) ⁄ 2h, with the largest numeric entry to
 * scale it and where the gap is. `residual` writes F(x) into its second argument; x is restored after use.
 */
export function worstJacobianGap(x: Float64Array, analytic: Float64Array, residual: (x: Float64Array, out: Float64Array) => void, step: number): { worst: number; largest: number; where: string } {
  const n = x.length;
  const plus = new Float64Array(n);
  const minus = new Float64Array(n);
  let largest = 0;
  let worst = 0;
  let where = "";
  for (let k = 0; k < n; k++) {
    const h = step * Math.max(1, Math.abs(x[k]));
    const saved = x[k];
    x[k] = saved + h;
    residual(x, plus);
    x[k] = saved - h;
    residual(x, minus);
    x[k] = saved;
    for (let i = 0; i < n; i++) {
      const numeric = (plus[i] - minus[i]) / (2 * h);
      largest = Math.max(largest, Math.abs(numeric));
      const gap = Math.abs(numeric - analytic[k * n + i]);
      if (gap > worst) {
        worst = gap;
        where = `∂F_${i}/∂x_${k}: analytic ${analytic[k * n + i]}, numeric ${numeric}`;
      }
    }
  }
  return { worst, largest, where };
}

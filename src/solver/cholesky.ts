/**
 * Dense Cholesky factorisation and solve for a symmetric positive-definite n×n matrix, row-major
 * `a[p*n + q]`. Used by the Levenberg–Marquardt step (JᵀJ + λD) δ = −Jᵀr. Only the lower triangle
 * of `a` is read; the factor L (A = L·Lᵀ) is written into the lower triangle of `factor`.
 * Golub & Van Loan, *Matrix Computations* (4th ed.), Algorithm 4.2.1 (gaxpy Cholesky).
 *
 * Returns false (and leaves `factor` partly written) when a pivot is not positive, i.e. the matrix
 * is not numerically positive definite; the caller then increases the damping.
 */
export function choleskyFactor(a: Float64Array, n: number, factor: Float64Array): boolean {
  for (let p = 0; p < n; p++) {
    const rowP = p * n;
    for (let q = 0; q <= p; q++) {
      const rowQ = q * n;
      let sum = a[rowP + q];
      for (let k = 0; k < q; k++) sum -= factor[rowP + k] * factor[rowQ + k];
      if (p === q) {
        if (!(sum > 0) || !Number.isFinite(sum)) return false;
        factor[rowP + p] = Math.sqrt(sum);
      } else {
        factor[rowP + q] = sum / factor[rowQ + q];
      }
    }
  }
  return true;
}

/** Solves L·Lᵀ·x = b in place (b is overwritten by x), with L from `choleskyFactor`. */
export function choleskySolve(factor: Float64Array, n: number, b: Float64Array): void {
  for (let p = 0; p < n; p++) {
    const rowP = p * n;
    let sum = b[p];
    for (let k = 0; k < p; k++) sum -= factor[rowP + k] * b[k];
    b[p] = sum / factor[rowP + p];
  }
  for (let p = n - 1; p >= 0; p--) {
    let sum = b[p];
    for (let k = p + 1; k < n; k++) sum -= factor[k * n + p] * b[k];
    b[p] = sum / factor[p * n + p];
  }
}

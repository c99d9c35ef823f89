/**
 * Dense LU factorisation with partial pivoting, P·M = L·U, of an n×n matrix stored row-major in a
 * Float64Array (entry (r, c) at r*n + c), and solves with many right-hand sides at once.
 *
 * Why a dense LU: the Leontief system I − A of a global input–output table is dense (every
 * country-sector buys a little from almost every other), of moderate size (cp-1993: 1,240), and the
 * accounting needs a few dozen right-hand sides (one per country) against the same matrix, on both
 * sides (L·b and bᵀ·L). Factoring once (⅔n³ flops) and reusing the factor for every solve (2n² flops
 * per right-hand side) is cheaper than forming the inverse (2n³) and more accurate. Golub & Van Loan,
 * Matrix Computations (4th ed.), Alg. 3.4.1 (outer-product Gaussian elimination with partial pivoting)
 * and §3.1 (triangular systems). For a column diagonally dominant matrix such as I − A (every column of A
 * sums to less than one) partial pivoting makes no row exchanges (G&VL Thm 3.4.3), so `swaps` is 0 there.
 *
 * Loops run along rows (contiguous memory); right-hand sides are stored row-major n×m so the innermost
 * loop of a solve runs over the m right-hand sides of one row.
 */
export interface LuFactor {
  n: number;
  /** L (unit lower, below the diagonal) and U (on and above it), row-major n×n. */
  factors: Float64Array;
  /** Row k of P·M is row `permutation[k]` of M. */
  permutation: Int32Array;
  /** Number of row exchanges made. */
  swaps: number;
  /** Smallest |u_kk| divided by the largest: a cheap warning sign of near-singularity. */
  pivotRatio: number;
}

/** Factors M in place (M is overwritten by the factors and returned inside the record); throws if M is singular. */
export function luFactorInPlace(matrix: Float64Array, n: number): LuFactor {
  const lu = luFactorOrSingular(matrix, n);
  if (typeof lu === "number") throw new Error(`internal: matrix is singular at column ${lu} (no non-zero pivot)`);
  return lu;
}

/**
 * Solves the one system M·x = b in place (M is destroyed, b becomes x). False, with b unspecified, when
 * M is singular or the solution is not finite — for callers with a fallback (e.g. a skipped
 * acceleration step) rather than an error.
 */
export function solveDenseInPlace(matrix: Float64Array, b: Float64Array, n: number): boolean {
  const lu = luFactorOrSingular(matrix, n);
  if (typeof lu === "number") return false;
  luSolveInPlace(lu, b, 1, new Float64Array(n));
  for (let k = 0; k < n; k++) if (!Number.isFinite(b[k])) return false;
  return true;
}

/** The factorisation, or the column at which no non-zero pivot was found. */
function luFactorOrSingular(matrix: Float64Array, n: number): LuFactor | number {
  if (matrix.length !== n * n) throw new Error(`internal: LU of a ${n}×${n} matrix given ${matrix.length} entries`);
  const a = matrix;
  const permutation = Int32Array.from({ length: n }, (_, k) => k);
  let swaps = 0;
  let smallest = Infinity;
  let largest = 0;
  for (let k = 0; k < n; k++) {
    let pivotRow = k;
    let pivotSize = Math.abs(a[k * n + k]);
    for (let r = k + 1; r < n; r++) {
      const size = Math.abs(a[r * n + k]);
      if (size > pivotSize) {
        pivotSize = size;
        pivotRow = r;
      }
    }
    if (!(pivotSize > 0)) return k;
    if (pivotRow !== k) {
      for (let c = 0; c < n; c++) {
        const t = a[k * n + c];
        a[k * n + c] = a[pivotRow * n + c];
        a[pivotRow * n + c] = t;
      }
      const p = permutation[k];
      permutation[k] = permutation[pivotRow];
      permutation[pivotRow] = p;
      swaps++;
    }
    smallest = Math.min(smallest, pivotSize);
    largest = Math.max(largest, pivotSize);
    const pivot = a[k * n + k];
    const rowK = k * n;
    for (let r = k + 1; r < n; r++) {
      const rowR = r * n;
      const multiplier = a[rowR + k] / pivot;
      a[rowR + k] = multiplier;
      if (multiplier === 0) continue;
      for (let c = k + 1; c < n; c++) a[rowR + c] -= multiplier * a[rowK + c];
    }
  }
  return { n, factors: a, permutation, swaps, pivotRatio: n ? smallest / largest : 1 };
}

/**
 * Solves M·X = B for m right-hand sides: `rhs` is n×m row-major (column c is one right-hand side) and
 * is overwritten by X. `work` (n·m entries) is scratch the caller provides.
 */
export function luSolveInPlace(lu: LuFactor, rhs: Float64Array, m: number, work: Float64Array): void {
  const { n, factors: a, permutation } = lu;
  // y = P·b
  for (let r = 0; r < n; r++) {
    const from = permutation[r] * m;
    for (let c = 0; c < m; c++) work[r * m + c] = rhs[from + c];
  }
  // L·z = y (unit lower), forward
  for (let r = 0; r < n; r++) {
    const row = r * n;
    const out = r * m;
    for (let k = 0; k < r; k++) {
      const l = a[row + k];
      if (l === 0) continue;
      const src = k * m;
      for (let c = 0; c < m; c++) work[out + c] -= l * work[src + c];
    }
  }
  // U·x = z, backward
  for (let r = n - 1; r >= 0; r--) {
    const row = r * n;
    const out = r * m;
    for (let k = r + 1; k < n; k++) {
      const u = a[row + k];
      if (u === 0) continue;
      const src = k * m;
      for (let c = 0; c < m; c++) work[out + c] -= u * work[src + c];
    }
    const d = a[row + r];
    for (let c = 0; c < m; c++) work[out + c] /= d;
  }
  rhs.set(work.subarray(0, n * m));
}

/**
 * Solves Mᵀ·X = B (equivalently Xᵀ = Bᵀ·M⁻¹, row vectors times the inverse) for m right-hand sides, with
 * the same layout and scratch as luSolveInPlace. With P·M = L·U, Mᵀ = Uᵀ·Lᵀ·P: solve Uᵀ·z = b (forward),
 * Lᵀ·w = z (backward), x = Pᵀ·w. Both triangular sweeps read rows of the factors (column-oriented
 * elimination), so memory access stays contiguous.
 */
export function luSolveTransposedInPlace(lu: LuFactor, rhs: Float64Array, m: number, work: Float64Array): void {
  const { n, factors: a, permutation } = lu;
  work.set(rhs.subarray(0, n * m));
  // Uᵀ·z = b: z_k = b_k / u_kk, then b_j −= u_kj·z_k for j > k (row k of U).
  for (let k = 0; k < n; k++) {
    const row = k * n;
    const at = k * m;
    const d = a[row + k];
    for (let c = 0; c < m; c++) work[at + c] /= d;
    for (let j = k + 1; j < n; j++) {
      const u = a[row + j];
      if (u === 0) continue;
      const to = j * m;
      for (let c = 0; c < m; c++) work[to + c] -= u * work[at + c];
    }
  }
  // Lᵀ·w = z: w_k = z_k, then z_j −= l_kj·w_k for j < k (row k of L), k descending.
  for (let k = n - 1; k > 0; k--) {
    const row = k * n;
    const at = k * m;
    for (let j = 0; j < k; j++) {
      const l = a[row + j];
      if (l === 0) continue;
      const to = j * m;
      for (let c = 0; c < m; c++) work[to + c] -= l * work[at + c];
    }
  }
  // x = Pᵀ·w: x[permutation[k]] = w[k].
  for (let k = 0; k < n; k++) {
    const to = permutation[k] * m;
    for (let c = 0; c < m; c++) rhs[to + c] = work[k * m + c];
  }
}

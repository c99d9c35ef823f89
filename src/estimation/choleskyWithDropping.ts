/**
 * Cholesky factorisation A = L Lᵀ of a symmetric positive semi-definite K×K matrix (row-major,
 * `matrix[i*K + j]`) that drops collinear columns instead of failing: column j is kept only when its
 * pivot A_jj − Σ_k L_jk² exceeds `relativeTolerance · A_jj` (the rank test reghdfe/fixest apply to
 * X̃'ΩX̃; spec ppml.md §2.5). Columns are visited in order, so a later column collinear with earlier
 * ones is the one dropped. Dense: K is the number of slopes (small).
 */
export interface CholeskyFactor {
  size: number;
  /** Kept column indices, increasing. */
  kept: number[];
  /** Lower-triangular factor of the kept sub-matrix, row-major, kept.length². */
  lower: Float64Array;
}

export function choleskyWithDropping(matrix: Float64Array, size: number, relativeTolerance: number): CholeskyFactor {
  const kept: number[] = [];
  const lower = new Float64Array(size * size);
  for (let j = 0; j < size; j++) {
    const diagonal = matrix[j * size + j];
    const r = kept.length;
    const row = new Float64Array(r + 1);
    for (let a = 0; a < r; a++) {
      let sum = matrix[j * size + kept[a]];
      for (let b = 0; b < a; b++) sum -= row[b] * lower[a * size + b];
      row[a] = sum / lower[a * size + a];
    }
    let pivot = diagonal;
    for (let a = 0; a < r; a++) pivot -= row[a] * row[a];
    if (!(diagonal > 0) || !(pivot > relativeTolerance * diagonal)) continue;
    row[r] = Math.sqrt(pivot);
    for (let a = 0; a <= r; a++) lower[r * size + a] = row[a];
    kept.push(j);
  }
  const rank = kept.length;
  const compact = new Float64Array(rank * rank);
  for (let a = 0; a < rank; a++) for (let b = 0; b <= a; b++) compact[a * rank + b] = lower[a * size + b];
  return { size, kept, lower: compact };
}

/** Solves (L Lᵀ) x = rhs for the kept columns; `rhs` and the result have length kept.length. */
export function choleskySolve(factor: CholeskyFactor, rhs: Float64Array): Float64Array {
  const rank = factor.kept.length;
  const lower = factor.lower;
  const x = Float64Array.from(rhs);
  for (let a = 0; a < rank; a++) {
    for (let b = 0; b < a; b++) x[a] -= lower[a * rank + b] * x[b];
    x[a] /= lower[a * rank + a];
  }
  for (let a = rank - 1; a >= 0; a--) {
    for (let b = a + 1; b < rank; b++) x[a] -= lower[b * rank + a] * x[b];
    x[a] /= lower[a * rank + a];
  }
  return x;
}

/** (L Lᵀ)⁻¹ for the kept columns, row-major rank×rank. */
export function choleskyInverse(factor: CholeskyFactor): Float64Array {
  const rank = factor.kept.length;
  const inverse = new Float64Array(rank * rank);
  const unit = new Float64Array(rank);
  for (let c = 0; c < rank; c++) {
    unit.fill(0);
    unit[c] = 1;
    const column = choleskySolve(factor, unit);
    for (let r = 0; r < rank; r++) inverse[r * rank + c] = column[r];
  }
  return inverse;
}

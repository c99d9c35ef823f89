import { solveDenseInPlace } from "../../solver/denseLu.js";
/**
 * Anderson acceleration (type II, finite memory) of a fixed-point iteration x ↦ g(x):
 * Walker & Ni (2011), "Anderson acceleration for fixed-point iterations", SIAM J. Numer. Anal. 49(4),
 * Algorithm AA. With f = g(x) − x and the last m differences ΔF, ΔG of f and g,
 *
 *   γ = argmin ‖f − ΔF·γ‖₂   (regularised normal equations, m ≤ 16)
 *   x_next = g − ΔG·γ
 *
 * Its fixed points are those of g, so it changes how fast, not where, the iteration converges.
 * The Gram matrix ΔFᵀΔF is kept between steps and updated by the one new column's m dot products
 * (instead of rebuilt, m(m+1)/2 of them); the same dot products in the same order, so the same steps.
 * All buffers live in the memory record, allocated once per solve.
 */
export interface AndersonMemory {
  dimension: number;
  depth: number;
  /** Number of stored difference columns (≤ depth). */
  count: number;
  /** Ring-buffer slot the next column goes to. */
  head: number;
  /** Whether previousResidual/previousImage hold a step. */
  primed: boolean;
  /** ΔF and ΔG columns, [column*dimension + k]. */
  residualDiffs: Float64Array;
  imageDiffs: Float64Array;
  previousResidual: Float64Array;
  previousImage: Float64Array;
  residual: Float64Array;
  /** ΔF_pᵀΔF_q by ring-buffer slot, [p*depth + q], valid for slots < count. */
  gram: Float64Array;
  normalMatrix: Float64Array;
  rightSide: Float64Array;
  coefficients: Float64Array;
}

export function createAndersonMemory(dimension: number, depth: number): AndersonMemory {
  return {
    dimension,
    depth,
    count: 0,
    head: 0,
    primed: false,
    residualDiffs: new Float64Array(depth * dimension),
    imageDiffs: new Float64Array(depth * dimension),
    previousResidual: new Float64Array(dimension),
    previousImage: new Float64Array(dimension),
    residual: new Float64Array(dimension),
    gram: new Float64Array(depth * depth),
    normalMatrix: new Float64Array(depth * depth),
    rightSide: new Float64Array(depth),
    coefficients: new Float64Array(depth),
  };
}

/** Forgets the stored history (after a safeguarded fallback step). */
export function resetAnderson(memory: AndersonMemory): void {
  memory.count = 0;
  memory.head = 0;
  memory.primed = false;
}

/** Relative Tikhonov regularisation of the normal equations: keeps nearly collinear histories solvable. */
const REGULARISATION = 1e-12;

/**
 * Writes the accelerated next iterate into `out`, given the current iterate x and its image g = g(x).
 * `out` may alias neither x nor g.
 */
export function andersonStep(memory: AndersonMemory, x: Float64Array, image: Float64Array, out: Float64Array): void {
  const { dimension, depth, residual } = memory;
  for (let k = 0; k < dimension; k++) residual[k] = image[k] - x[k];
  const { normalMatrix: A, rightSide: b, coefficients: gamma, residualDiffs: F, gram } = memory;
  if (memory.primed) {
    const slot = memory.head;
    const column = slot * dimension;
    for (let k = 0; k < dimension; k++) {
      memory.residualDiffs[column + k] = residual[k] - memory.previousResidual[k];
      memory.imageDiffs[column + k] = image[k] - memory.previousImage[k];
    }
    memory.head = (memory.head + 1) % depth;
    memory.count = Math.min(memory.count + 1, depth);
    // The new column's row and column of the Gram matrix (the other entries are unchanged).
    for (let q = 0; q < memory.count; q++) {
      let dot = 0;
      for (let k = 0; k < dimension; k++) dot += F[q * dimension + k] * F[column + k];
      gram[q * depth + slot] = dot;
      gram[slot * depth + q] = dot;
    }
  }
  memory.previousResidual.set(residual);
  memory.previousImage.set(image);
  memory.primed = true;
  out.set(image);
  const m = memory.count;
  if (m === 0) return;

  let trace = 0;
  for (let p = 0; p < m; p++) {
    for (let q = 0; q < m; q++) A[p * m + q] = gram[p * depth + q];
    trace += A[p * m + p];
    let dot = 0;
    for (let k = 0; k < dimension; k++) dot += F[p * dimension + k] * residual[k];
    b[p] = dot;
  }
  const ridge = REGULARISATION * (trace / m);
  for (let p = 0; p < m; p++) A[p * m + p] += ridge;
  // The m×m leading block of the buffers (m = pairs stored so far ≤ depth).
  const rhs = b.subarray(0, m);
  if (!solveDenseInPlace(A.subarray(0, m * m), rhs, m)) return;
  gamma.set(rhs);
  for (let p = 0; p < m; p++) {
    const g = gamma[p];
    const column = p * dimension;
    for (let k = 0; k < dimension; k++) out[k] -= g * memory.imageDiffs[column + k];
  }
}


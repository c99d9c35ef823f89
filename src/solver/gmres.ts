/**
 * Restarted GMRES(m) with right preconditioning for a linear system A·x = b given only as a product
 * v ↦ A·v (Saad, *Iterative Methods for Sparse Linear Systems*, 2nd ed., Alg. 6.9 with the Givens
 * update of §6.5.3, right-preconditioned as in Alg. 9.5). The Krylov space is built for A·M⁻¹, so the
 * residual norm the Givens rotations track is the true ‖b − A·x‖₂ (in exact arithmetic): the stopping
 * rule ‖b − A·x‖₂ ≤ relativeTolerance·‖b‖₂ does not depend on the preconditioner.
 *
 * Orthogonalisation is modified Gram–Schmidt. All storage lives in a workspace allocated once
 * (`newGmresWorkspace`): (m+1)·n for the basis, m·(m+1) for the Hessenberg matrix, a few n-vectors.
 */

/** out = A·v (or out = M⁻¹·v for a preconditioner); must not keep `v` or `out`. */
export type LinearMap = (v: Float64Array, out: Float64Array) => void;

export interface GmresOptions {
  /** Stop when ‖b − A·x‖₂ ≤ relativeTolerance·‖b‖₂. */
  relativeTolerance: number;
  /** Budget of products with A (restarts included). */
  maxIterations: number;
}

export interface GmresResult {
  converged: boolean;
  /** Products with A spent on Krylov vectors (the restart residuals are not counted). */
  iterations: number;
  /** ‖b − A·x‖₂ / ‖b‖₂ as tracked by the rotations (0 when b = 0). */
  relativeResidual: number;
}

export interface GmresWorkspace {
  n: number;
  restart: number;
  /** Orthonormal Krylov basis v_0 … v_m, each n long: basis[k*n + i]. */
  basis: Float64Array;
  /** Upper Hessenberg matrix, column-major with leading dimension m+1: hessenberg[k*(m+1) + j] = h_jk. */
  hessenberg: Float64Array;
  cosines: Float64Array;
  sines: Float64Array;
  /** The rotated right-hand side β·e_1 of the small least-squares problem. */
  rotated: Float64Array;
  coefficients: Float64Array;
  preconditioned: Float64Array;
  residual: Float64Array;
}

export function newGmresWorkspace(n: number, restart: number): GmresWorkspace {
  return {
    n,
    restart,
    basis: new Float64Array((restart + 1) * n),
    hessenberg: new Float64Array((restart + 1) * restart),
    cosines: new Float64Array(restart),
    sines: new Float64Array(restart),
    rotated: new Float64Array(restart + 1),
    coefficients: new Float64Array(restart),
    preconditioned: new Float64Array(n),
    residual: new Float64Array(n),
  };
}

/**
 * Solves A·x = b; `x` holds the initial guess on entry and the iterate on return (always finite when A
 * and M⁻¹ map finite vectors to finite vectors). `precondition` = M⁻¹ (omit for none).
 */
export function gmres(multiply: LinearMap, precondition: LinearMap | undefined, b: Float64Array, x: Float64Array, options: GmresOptions, work: GmresWorkspace): GmresResult {
  const { n, restart: m, basis, hessenberg: H, cosines, sines, rotated, coefficients, preconditioned: z, residual } = work;
  if (b.length !== n || x.length !== n) throw new Error(`internal: GMRES workspace for n = ${n} given vectors of length ${b.length}, ${x.length}`);
  const ld = m + 1;
  const bNorm = norm2(b, n);
  if (bNorm === 0) {
    x.fill(0);
    return { converged: true, iterations: 0, relativeResidual: 0 };
  }
  const target = options.relativeTolerance * bNorm;
  let iterations = 0;
  let residualNorm = Infinity;

  while (iterations < options.maxIterations) {
    // r = b − A·x starts a cycle (x = 0 needs no product).
    let anyNonZero = false;
    for (let i = 0; i < n && !anyNonZero; i++) anyNonZero = x[i] !== 0;
    if (anyNonZero) {
      multiply(x, residual);
      for (let i = 0; i < n; i++) residual[i] = b[i] - residual[i];
    } else residual.set(b);
    const beta = norm2(residual, n);
    residualNorm = beta;
    if (beta <= target) break;
    for (let i = 0; i < n; i++) basis[i] = residual[i] / beta;
    rotated.fill(0);
    rotated[0] = beta;

    let k = 0;
    for (; k < m && iterations < options.maxIterations; k++) {
      iterations++;
      const vk = basis.subarray(k * n, (k + 1) * n);
      const w = basis.subarray((k + 1) * n, (k + 2) * n);
      if (precondition) {
        precondition(vk, z);
        multiply(z, w);
      } else multiply(vk, w);
      const column = k * ld;
      for (let j = 0; j <= k; j++) {
        const vj = j * n;
        let h = 0;
        for (let i = 0; i < n; i++) h += w[i] * basis[vj + i];
        H[column + j] = h;
        for (let i = 0; i < n; i++) w[i] -= h * basis[vj + i];
      }
      const next = norm2(w, n);
      H[column + k + 1] = next;
      if (next > 0) for (let i = 0; i < n; i++) w[i] /= next;
      // Apply the earlier rotations to the new column, then one more to zero h_{k+1,k}.
      for (let j = 0; j < k; j++) {
        const upper = H[column + j];
        const lower = H[column + j + 1];
        H[column + j] = cosines[j] * upper + sines[j] * lower;
        H[column + j + 1] = -sines[j] * upper + cosines[j] * lower;
      }
      const diagonal = H[column + k];
      const radius = Math.hypot(diagonal, next);
      cosines[k] = radius > 0 ? diagonal / radius : 1;
      sines[k] = radius > 0 ? next / radius : 0;
      H[column + k] = radius;
      H[column + k + 1] = 0;
      rotated[k + 1] = -sines[k] * rotated[k];
      rotated[k] = cosines[k] * rotated[k];
      residualNorm = Math.abs(rotated[k + 1]);
      if (residualNorm <= target || next === 0 || !Number.isFinite(residualNorm)) {
        k++;
        break;
      }
    }
    // y = R⁻¹·g (back substitution on the rotated Hessenberg), x += M⁻¹·(V·y).
    for (let j = k - 1; j >= 0; j--) {
      let s = rotated[j];
      for (let l = j + 1; l < k; l++) s -= H[l * ld + j] * coefficients[l];
      coefficients[j] = H[j * ld + j] !== 0 ? s / H[j * ld + j] : 0;
    }
    residual.fill(0);
    for (let j = 0; j < k; j++) {
      const c = coefficients[j];
      const vj = j * n;
      for (let i = 0; i < n; i++) residual[i] += c * basis[vj + i];
    }
    if (precondition) precondition(residual, z);
    else z.set(residual);
    let finite = true;
    for (let i = 0; i < n; i++) finite &&= Number.isFinite(z[i]);
    if (!finite) return { converged: false, iterations, relativeResidual: Infinity };
    for (let i = 0; i < n; i++) x[i] += z[i];
    if (residualNorm <= target) break;
    if (!Number.isFinite(residualNorm)) return { converged: false, iterations, relativeResidual: Infinity };
  }
  return { converged: residualNorm <= target, iterations, relativeResidual: residualNorm / bNorm };
}

function norm2(v: Float64Array, n: number): number {
  // Scaled to avoid overflow/underflow in the squares (as BLAS dnrm2 does, in two passes).
  let largest = 0;
  for (let i = 0; i < n; i++) largest = Math.max(largest, Math.abs(v[i]));
  if (largest === 0 || !Number.isFinite(largest)) return largest;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const s = v[i] / largest;
    sum += s * s;
  }
  return largest * Math.sqrt(sum);
}

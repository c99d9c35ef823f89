import { ensureEquilibrium, type EquilibriumState, type EquilibriumSystem } from "./equilibrium.js";

/**
 * The Liberation Day Jacobian at one point, kept as the O(N²) data its products need instead of the
 * 3N×3N matrix: J·v costs two passes over two N×N arrays of the policy (≈ 7N² flops) where the dense
 * Jacobian costs 2N³ to form and (3N)³·⅔ to factor. Allocated once per solve, overwritten per point.
 */
export interface EquilibriumLinearisation {
  N: number;
  /** sign(x_k): the kernel reads |x|, so ∂F/∂x_k = sign(x_k)·∂F/∂|x_k|. */
  sign: Float64Array;
  /** |x|. */
  magnitude: Float64Array;
  /** f_k = (1−ν_k) E′_k / A_k. */
  salesFactor: Float64Array;
  /** Σ_k a_ik/(1+t_ik) f_k, exporter i's sales (ERR1's first term). */
  sales: Float64Array;
  /** G_i = (τ̂_i ŵ_i / P̂_i)^κ. */
  laborSupply: Float64Array;
  /** f_k / A_k. */
  salesPerAttraction: Float64Array;
  /**
   * The 3×3 diagonal blocks of J: rows (i, N+i, 2N+i) × columns (ŵ_i, Ê_i, L̂_i), row-major per
   * country, blocks[9i + 3·row + column]; and their inverses (the block-Jacobi preconditioner).
   */
  blocks: Float64Array;
  blockInverses: Float64Array;
  /** Scratch of one product, N each. */
  costDirection: Float64Array;
  attractionChange: Float64Array;
  revenueShareChange: Float64Array;
  revenueChange: Float64Array;
  priceChange: Float64Array;
  outputChange: Float64Array;
  salesWeights: Float64Array;
  direction: Float64Array;
  /** Σ_{j∈c} E_j dP̂_j by trading component c (one normalisation row per component, equilibrium.ts). */
  componentNormalisation: Float64Array;
}

export function newEquilibriumLinearisation(N: number): EquilibriumLinearisation {
  const vector = () => new Float64Array(N);
  return {
    N,
    sign: new Float64Array(3 * N),
    magnitude: new Float64Array(3 * N),
    salesFactor: vector(),
    sales: vector(),
    laborSupply: vector(),
    salesPerAttraction: vector(),
    blocks: new Float64Array(9 * N),
    blockInverses: new Float64Array(9 * N),
    componentNormalisation: vector(),
    costDirection: vector(),
    attractionChange: vector(),
    revenueShareChange: vector(),
    revenueChange: vector(),
    priceChange: vector(),
    outputChange: vector(),
    salesWeights: vector(),
    direction: new Float64Array(3 * N),
  };
}

/**
 * Evaluates the equilibrium at x into `state` and prepares `lin` for products with J(x) and for the
 * block-Jacobi preconditioner. O(N²). The formulas are those of jacobian.ts (the dense Jacobian,
 * spec one-sector.md §3.3), summed over columns instead of stored.
 */
export function lineariseEquilibrium(system: EquilibriumSystem, x: Float64Array, state: EquilibriumState, lin: EquilibriumLinearisation): void {
  ensureEquilibrium(system, x, state); // Newton–Krylov linearises where it last evaluated the residual

  const { baseline, policyShares, salesShares } = system;
  const { N, nu } = baseline;
  const kappa = baseline.params.laborSupplyElasticity;
  const { attractionTotal: A, priceIndexHat: P, newExpenditure, incomeTaxRate: tau, unitCost: u } = state;
  const { sign, magnitude, salesFactor: f, sales, laborSupply: G, salesPerAttraction } = lin;
  for (let k = 0; k < 3 * N; k++) {
    sign[k] = x[k] < 0 ? -1 : 1;
    magnitude[k] = Math.abs(x[k]);
  }
  for (let k = 0; k < N; k++) {
    f[k] = ((1 - nu[k]) * newExpenditure[k]) / A[k];
    salesPerAttraction[k] = f[k] / A[k];
  }
  for (let i = 0; i < N; i++) {
    const row = i * N;
    // sales_i = u_i Σ_k s_ik/(1+t_ik) f_k;  H_ii = u_i² Σ_k s_ik/(1+t_ik) (f_k/A_k) s_ik.
    let s0 = 0;
    let s1 = 0;
    let h0 = 0;
    let h1 = 0;
    let k = 0;
    for (; k + 1 < N; k += 2) {
      const w0 = salesShares[row + k];
      const w1 = salesShares[row + k + 1];
      s0 += w0 * f[k];
      s1 += w1 * f[k + 1];
      h0 += w0 * salesPerAttraction[k] * policyShares[row + k];
      h1 += w1 * salesPerAttraction[k + 1] * policyShares[row + k + 1];
    }
    if (k < N) {
      s0 += salesShares[row + k] * f[k];
      h0 += salesShares[row + k] * salesPerAttraction[k] * policyShares[row + k];
    }
    sales[i] = u[i] * (s0 + s1);
    lin.blocks[9 * i] = u[i] * u[i] * (h0 + h1); // H_ii, held here until diagonalBlocks overwrites it
  }
  for (let i = 0; i < N; i++) G[i] = Math.pow(magnitude[i] / ((1 - tau[i]) * P[i]), kappa);
  diagonalBlocks(system, state, lin);
}

/** Fills lin.blocks (from the H_ii parked in blocks[9i]) and lin.blockInverses. */
function diagonalBlocks(system: EquilibriumSystem, state: EquilibriumState, lin: EquilibriumLinearisation): void {
  const { baseline, tariffShare, tariffExclusive, scaleElasticity, lumpSum, component, normalisedRow, componentExpenditure } = system;
  const { N, nu, phi, expenditure, output } = baseline;
  const epsilon = baseline.params.tradeElasticity;
  const kappa = baseline.params.laborSupplyElasticity;
  const { unitCost: u, attractionTotal: A, priceIndexHat: P, newOutput, newExpenditure, revenue: R, incomeTaxRate: tau } = state;
  const { policyShares } = system;
  const { sign, magnitude, salesFactor: f, sales, laborSupply: G, blocks, blockInverses } = lin;
  for (let i = 0; i < N; i++) {
    const ii = i * N + i;
    const ownAttraction = policyShares[ii] * u[i]; // a_ii
    // A normalisation row (one per trading component) depends on every P̂_j of its component: Σ_j E_j P̂_j a_ij / A_j for its cost columns.
    const r = normalisedRow[component[i]];
    let normalisationWeight = 0;
    if (i === r) for (let j = 0; j < N; j++) normalisationWeight += (expenditure[j] * P[j] * policyShares[r * N + j] * u[r]) / A[j];
    const normalisationScale = componentExpenditure[component[i]];
    const ownCross = blocks[9 * i];
    const base = 9 * i;
    // Cost columns ŵ_i (c = 0) and L̂_i (c = 2): g = −ε/ŵ_i or εψ/L̂_i.
    for (let c = 0; c <= 2; c += 2) {
      const z = magnitude[c * N + i];
      const g = c === 0 ? -epsilon / z : (epsilon * scaleElasticity) / z;
      const dR = (g * ownAttraction * (newExpenditure[i] * tariffShare[ii] - R[i])) / A[i];
      const dP = (-P[i] * g * ownAttraction) / (epsilon * A[i]) - (c === 0 ? ((1 - phi[i]) * P[i]) / z : 0);
      const dY = newOutput[i] / z;
      blocks[base + c] =
        i === r
          ? ((-g / epsilon) * normalisationWeight - (c === 0 ? (expenditure[i] * (1 - phi[i]) * P[i]) / z : 0)) / normalisationScale
          : (g * sales[i] - g * ownCross - nu[i] * dR - dY) / output[i];
      blocks[base + 3 + c] = (dR + dY + (state.deficitDiagonal[i] + state.deficitRow[i] * state.deficitColumn[i]) * dY) / expenditure[i];
      const dTau = lumpSum ? 0 : (dR - tau[i] * dY) / newOutput[i];
      blocks[base + 6 + c] = (c === 2 ? 1 : 0) - G[i] * kappa * (dTau / (1 - tau[i]) + (c === 0 ? 1 / z : 0) - dP / P[i]);
    }
    // Column Ê_i.
    const e = magnitude[N + i];
    const dR = R[i] / e;
    const dP = ((1 - phi[i]) * P[i]) / e;
    blocks[base + 1] = i === r ? (expenditure[i] * dP) / normalisationScale : ((ownAttraction * tariffExclusive[ii] * f[i]) / e + nu[i] * (expenditure[i] - dR)) / output[i];
    blocks[base + 4] = (dR - expenditure[i]) / expenditure[i];
    const dTau = lumpSum ? 0 : dR / newOutput[i];
    blocks[base + 7] = -G[i] * kappa * (dTau / (1 - tau[i]) - dP / P[i]);
    for (let c = 0; c < 3; c++) {
      const s = sign[c * N + i];
      for (let row = 0; row < 3; row++) blocks[base + 3 * row + c] *= s;
    }
    invert3(blocks, blockInverses, base);
  }
}

/** Inverse of the 3×3 row-major matrix at m[at…at+8] by cofactors; the identity where it is singular (preconditioner only). */
function invert3(m: Float64Array, out: Float64Array, at: number): void {
  const a = m[at];
  const b = m[at + 1];
  const c = m[at + 2];
  const d = m[at + 3];
  const e = m[at + 4];
  const f = m[at + 5];
  const g = m[at + 6];
  const h = m[at + 7];
  const k = m[at + 8];
  const c00 = e * k - f * h;
  const c01 = f * g - d * k;
  const c02 = d * h - e * g;
  const det = a * c00 + b * c01 + c * c02;
  if (!(Math.abs(det) > 0) || !Number.isFinite(det)) {
    out.fill(0, at, at + 9);
    out[at] = out[at + 4] = out[at + 8] = 1;
    return;
  }
  const inv = 1 / det;
  out[at] = c00 * inv;
  out[at + 1] = (c * h - b * k) * inv;
  out[at + 2] = (b * f - c * e) * inv;
  out[at + 3] = c01 * inv;
  out[at + 4] = (a * k - c * g) * inv;
  out[at + 5] = (c * d - a * f) * inv;
  out[at + 6] = c02 * inv;
  out[at + 7] = (b * g - a * h) * inv;
  out[at + 8] = (a * e - b * d) * inv;
}

/**
 * out = J(x)·v for the x last given to lineariseEquilibrium (state and lin must still hold it).
 * With v′ = sign(x)⊙v split into (v_ŵ, v_Ê, v_L̂) and the cost direction c_m = −ε v_ŵm/ŵ_m + εψ v_L̂m/L̂_m:
 *   dA_j = Σ_m c_m a_mj,  dR_j = (E′_j Σ_m c_m a_mj t_mj/(1+t_mj) − R_j dA_j)/A_j + R_j v_Êj/Ê_j,
 *   dP̂_j = P̂_j (−dA_j/(ε A_j) − (1−φ_j) v_ŵj/ŵ_j + (1−φ_j) v_Êj/Ê_j),  dY′_j = Y′_j (v_ŵj/ŵ_j + v_L̂j/L̂_j),
 *   dsales_i = c_i sales_i − Σ_k a_ik/(1+t_ik) f_k (dA_k/A_k − v_Êk/Ê_k),
 * and the three residual blocks as in jacobian.ts. Two passes over rows of the fixed s⊙t/(1+t) and s/(1+t)
 * (a = diag(u)·s, and s = s⊙t/(1+t) + s/(1+t), so dA needs no third array): 6N² flops, two N×N arrays read
 * (1 MB at N = 194 — they stay in a core's 1 MB L2 cache where three did not, and two threads solving side by
 * side compete less for the shared cache); no allocation.
 */
export function multiplyEquilibriumJacobian(system: EquilibriumSystem, state: EquilibriumState, lin: EquilibriumLinearisation, v: Float64Array, out: Float64Array): void {
  const { baseline, scaleElasticity, lumpSum, component, normalisedRow, componentExpenditure } = system;
  const { N, nu, phi, expenditure, output } = baseline;
  const epsilon = baseline.params.tradeElasticity;
  const kappa = baseline.params.laborSupplyElasticity;
  const { attractionTotal: A, priceIndexHat: P, newOutput, newExpenditure, revenue: R, incomeTaxRate: tau, unitCost: u } = state;
  const { sign, magnitude: x, salesFactor: f, sales, laborSupply: G, direction: d } = lin;
  const { revenueShares, salesShares } = system;
  const { costDirection: c, attractionChange: dA, revenueShareChange: Q, revenueChange: dR, priceChange: dP, outputChange: dY, salesWeights: y } = lin;
  for (let k = 0; k < 3 * N; k++) d[k] = sign[k] * v[k];
  // c_m, and c_m u_m (a_mj = s_mj u_m) parked in `y` until pass 2 needs it.
  for (let m = 0; m < N; m++) c[m] = (-epsilon * d[m]) / x[m] + (epsilon * scaleElasticity * d[2 * N + m]) / x[2 * N + m];
  for (let m = 0; m < N; m++) y[m] = c[m] * u[m];
  // Q = (a⊙t/(1+t))ᵀc and (a/(1+t))ᵀc, parked in dA, four rows at a time (one load and store of dA_j, Q_j per
  // four multiply–adds: 2.6× the one-row loop at N = 800); then dA = aᵀc = sᵀ(c⊙u), their sum.
  dA.fill(0);
  Q.fill(0);
  let m = 0;
  for (; m + 3 < N; m += 4) {
    const c0 = y[m];
    const c1 = y[m + 1];
    const c2 = y[m + 2];
    const c3 = y[m + 3];
    const r0 = m * N;
    const r1 = r0 + N;
    const r2 = r1 + N;
    const r3 = r2 + N;
    for (let j = 0; j < N; j++) {
      dA[j] += c0 * salesShares[r0 + j] + c1 * salesShares[r1 + j] + c2 * salesShares[r2 + j] + c3 * salesShares[r3 + j];
      Q[j] += c0 * revenueShares[r0 + j] + c1 * revenueShares[r1 + j] + c2 * revenueShares[r2 + j] + c3 * revenueShares[r3 + j];
    }
  }
  for (; m < N; m++) {
    const cm = y[m];
    const row = m * N;
    for (let j = 0; j < N; j++) {
      dA[j] += cm * salesShares[row + j];
      Q[j] += cm * revenueShares[row + j];
    }
  }
  for (let j = 0; j < N; j++) dA[j] += Q[j];
  let weightedOutputChange = 0; // Σ_k deficitColumn_k dY′_k, the rank-one part of dT′
  for (let j = 0; j < N; j++) {
    const wageChange = d[j] / x[j];
    const expenditureChange = d[N + j] / x[N + j];
    dR[j] = (newExpenditure[j] * Q[j] - R[j] * dA[j]) / A[j] + R[j] * expenditureChange;
    dP[j] = P[j] * (-dA[j] / (epsilon * A[j]) + (1 - phi[j]) * (expenditureChange - wageChange));
    dY[j] = newOutput[j] * (wageChange + d[2 * N + j] / x[2 * N + j]);
    weightedOutputChange += state.deficitColumn[j] * dY[j];
    y[j] = f[j] * (dA[j] / A[j] - expenditureChange);
  }
  const normalisation = lin.componentNormalisation;
  normalisation.fill(0);
  for (let i = 0; i < N; i++) {
    const row = i * N;
    // Four partial sums: the adds of one chain wait on each other, four chains do not.
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let k = 0;
    for (; k + 3 < N; k += 4) {
      s0 += salesShares[row + k] * y[k];
      s1 += salesShares[row + k + 1] * y[k + 1];
      s2 += salesShares[row + k + 2] * y[k + 2];
      s3 += salesShares[row + k + 3] * y[k + 3];
    }
    for (; k < N; k++) s0 += salesShares[row + k] * y[k];
    const salesChange = c[i] * sales[i] - u[i] * (s0 + s1 + s2 + s3);
    out[i] = (salesChange + nu[i] * (expenditure[i] * d[N + i] - dR[i]) - dY[i]) / output[i];
    normalisation[component[i]] += expenditure[i] * dP[i];
  }
  for (let c = 0; c < normalisedRow.length; c++) out[normalisedRow[c]] = normalisation[c] / componentExpenditure[c];
  for (let j = 0; j < N; j++) {
    out[N + j] = (dR[j] + dY[j] + state.deficitDiagonal[j] * dY[j] + state.deficitRow[j] * weightedOutputChange - expenditure[j] * d[N + j]) / expenditure[j];
    const dTau = lumpSum ? 0 : (dR[j] - tau[j] * dY[j]) / newOutput[j];
    out[2 * N + j] = d[2 * N + j] - G[j] * kappa * (dTau / (1 - tau[j]) + d[j] / x[j] - dP[j] / P[j]);
  }
}

/** out = M⁻¹·v with M the block diagonal of J (one 3×3 block per country). */
export function preconditionEquilibrium(lin: EquilibriumLinearisation, v: Float64Array, out: Float64Array): void {
  const { N, blockInverses: inv } = lin;
  for (let i = 0; i < N; i++) {
    const at = 9 * i;
    const v0 = v[i];
    const v1 = v[N + i];
    const v2 = v[2 * N + i];
    out[i] = inv[at] * v0 + inv[at + 1] * v1 + inv[at + 2] * v2;
    out[N + i] = inv[at + 3] * v0 + inv[at + 4] * v1 + inv[at + 5] * v2;
    out[2 * N + i] = inv[at + 6] * v0 + inv[at + 7] * v1 + inv[at + 8] * v2;
  }
}

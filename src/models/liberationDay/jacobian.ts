import { attractionMatrix, evaluateEquilibrium, type EquilibriumState, type EquilibriumSystem } from "./equilibrium.js";

/** Scratch of the analytic Jacobian, allocated once per solve. */
export interface JacobianWorkspace {
  /** f_k = (1−ν_k) E′_k / A_k. */
  salesFactor: Float64Array;
  /** Σ_k a_ik/(1+t_ik) · f_k/A_k · a_mk, row-major [i*N + m]. */
  crossSales: Float64Array;
  /** a_ik/(1+t_ik) · f_k/A_k, row-major [i*N + k]. */
  weighted: Float64Array;
  /** Σ_k a_ik/(1+t_ik) f_k, exporter i's sales (ERR1's first term). */
  sales: Float64Array;
  /** G_i = (τ̂_i ŵ_i / P̂_i)^κ, the labour-supply term of ERR3. */
  laborSupply: Float64Array;
  /** ∂(Σ_{j∈c} E_j P̂_j)/∂x_k by trading component c, for one column at a time. */
  normalisation: Float64Array;
}

export function newJacobianWorkspace(N: number): JacobianWorkspace {
  return {
    salesFactor: new Float64Array(N),
    crossSales: new Float64Array(N * N),
    weighted: new Float64Array(N * N),
    sales: new Float64Array(N),
    laborSupply: new Float64Array(N),
    normalisation: new Float64Array(N),
  };
}

/**
 * The analytic Jacobian of the scaled Liberation Day residuals (equilibrium.ts `equilibriumResidual`,
 * spec one-sector.md §3.3) at x, column-major: out[k·3N + r] = ∂F_r/∂x_k. With u_i = (ŵ_i L̂_i^(−ψ))^(−ε),
 * a_ij = s_ij u_i, A_j = Σ_k a_kj, R_j = E′_j Σ_i a_ij t_ij/(1+t_ij) / A_j:
 *   a cost variable z_m ∈ {ŵ_m, L̂_m} moves row m of a by g_m a_mj, g = −ε/ŵ_m or εψ/L̂_m, so
 *   ∂A_j = g_m a_mj,  ∂R_j = g_m a_mj (E′_j t_mj/(1+t_mj) − R_j)/A_j,  ∂P̂_j = −P̂_j g_m a_mj/(ε A_j)
 *   (plus −(1−φ_m) P̂_m/ŵ_m on P̂_m for ŵ_m), ∂f_k = −f_k g_m a_mk/A_k, hence
 *   ∂sales_i = δ_im g_m sales_i − g_m Σ_k a_ik/(1+t_ik) (f_k/A_k) a_mk — the one O(N³) product;
 *   Ê_k moves E′_k = Ê_k E_k: ∂R_k = R_k/Ê_k, ∂P̂_k = (1−φ_k) P̂_k/Ê_k, ∂f_k = f_k/Ê_k.
 * The kernel reads |x|, so each column is multiplied by sign(x_k). Checked against central differences
 * in tests/liberationDay-jacobian.test.ts.
 */
export function equilibriumJacobian(system: EquilibriumSystem, x: Float64Array, state: EquilibriumState, work: JacobianWorkspace, out: Float64Array): void {
  evaluateEquilibrium(system, x, state);
  const a = attractionMatrix(system, state);
  const { baseline, tariffShare, tariffExclusive, scaleElasticity, lumpSum, component, normalisedRow, componentExpenditure } = system;
  const components = normalisedRow.length;
  const dNormalisation = work.normalisation;
  const { N, nu, phi, expenditure, output } = baseline;
  const epsilon = baseline.params.tradeElasticity;
  const kappa = baseline.params.laborSupplyElasticity;
  const { attractionTotal: A, priceIndexHat: P, newOutput, newExpenditure, revenue: R, incomeTaxRate: tau } = state;
  const { salesFactor: f, crossSales: H, weighted: W, sales, laborSupply: G } = work;
  const n = 3 * N;
  const { deficitDiagonal, deficitRow, deficitColumn } = state;
  out.fill(0);

  for (let k = 0; k < N; k++) f[k] = ((1 - nu[k]) * newExpenditure[k]) / A[k];
  for (let i = 0; i < N; i++) {
    let s = 0;
    for (let k = 0; k < N; k++) {
      const ik = i * N + k;
      s += a[ik] * tariffExclusive[ik] * f[k];
      W[ik] = (a[ik] * tariffExclusive[ik] * f[k]) / A[k];
    }
    sales[i] = s;
  }
  // H = W · aᵀ: H[i,m] = Σ_k W[i,k] a[m,k] (rows of both are contiguous).
  for (let i = 0; i < N; i++) {
    const wi = i * N;
    for (let m = 0; m < N; m++) {
      const am = m * N;
      let s = 0;
      for (let k = 0; k < N; k++) s += W[wi + k] * a[am + k];
      H[wi + m] = s;
    }
  }

  for (let i = 0; i < N; i++) G[i] = Math.pow(Math.abs(x[i]) / ((1 - tau[i]) * P[i]), kappa);

  // Columns of the cost variables ŵ_m (block 0) and L̂_m (block 2).
  for (const block of [0, 2] as const) {
    for (let m = 0; m < N; m++) {
      const column = block * N + m;
      const z = Math.abs(x[column]);
      const g = block === 0 ? -epsilon / z : (epsilon * scaleElasticity) / z;
      const col = column * n;
      const dOutputM = newOutput[m] / z; // ∂Y′_m/∂z_m (Y′_m = ŵ_m L̂_m Y_m); T′_j moves by ∂T′_j/∂Y′_m times it
      dNormalisation.fill(0);
      for (let j = 0; j < N; j++) {
        const amj = a[m * N + j];
        const dR = (g * amj * (newExpenditure[j] * tariffShare[m * N + j] - R[j])) / A[j];
        let dP = (-P[j] * g * amj) / (epsilon * A[j]);
        if (block === 0 && j === m) dP -= ((1 - phi[j]) * P[j]) / z;
        const dOutputJ = j === m ? dOutputM : 0;
        dNormalisation[component[j]] += expenditure[j] * dP;
        // ERR1_j
        const dSales = (j === m ? g * sales[j] : 0) - g * H[j * N + m];
        out[col + j] = (dSales - nu[j] * dR - dOutputJ) / output[j];
        // ERR2_j
        out[col + N + j] = (dR + dOutputJ + ((j === m ? deficitDiagonal[j] : 0) + deficitRow[j] * deficitColumn[m]) * dOutputM) / expenditure[j];
        // ERR3_j
        const dTau = lumpSum ? 0 : (dR - tau[j] * dOutputJ) / newOutput[j];
        const dLogG = kappa * (dTau / (1 - tau[j]) + (block === 0 && j === m ? 1 / z : 0) - dP / P[j]);
        out[col + 2 * N + j] = (block === 2 && j === m ? 1 : 0) - G[j] * dLogG;
      }
      for (let c = 0; c < components; c++) out[col + normalisedRow[c]] = dNormalisation[c] / componentExpenditure[c];
    }
  }

  // Columns of Ê_k (block 1): only importer k's E′_k, R_k, P̂_k and f_k move.
  for (let k = 0; k < N; k++) {
    const column = N + k;
    const e = Math.abs(x[column]);
    const col = column * n;
    const dR = R[k] / e;
    const dP = ((1 - phi[k]) * P[k]) / e;
    for (let i = 0; i < N; i++) {
      const dSales = (a[i * N + k] * tariffExclusive[i * N + k] * f[k]) / e;
      out[col + i] = (dSales + (i === k ? nu[i] * (expenditure[i] - dR) : 0)) / output[i];
    }
    for (let c = 0; c < components; c++) out[col + normalisedRow[c]] = c === component[k] ? (expenditure[k] * dP) / componentExpenditure[c] : 0;
    out[col + N + k] = (dR - expenditure[k]) / expenditure[k];
    const dTau = lumpSum ? 0 : dR / newOutput[k];
    out[col + 2 * N + k] = -G[k] * kappa * (dTau / (1 - tau[k]) - dP / P[k]);
  }

  // The kernel reads |x|: ∂F/∂x_k = sign(x_k) ∂F/∂|x_k|.
  for (let k = 0; k < n; k++) {
    if (x[k] < 0) for (let i = 0; i < n; i++) out[k * n + i] = -out[k * n + i];
  }
}

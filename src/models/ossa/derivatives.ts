import type { OssaEconomy } from "./economy.js";
import { evaluateOssa, type OssaWorkspace } from "./equilibrium.js";

/**
 * Analytic derivatives of Ossa's (2014) equilibrium system (equilibrium.ts `ossaResidual`, spec
 * caliendo-parro-and-ossa.md §2.2) and of the welfare Ŵ_j = Ê_j/P̂_j, for the nested optimal-tariff search
 * (optimalTariffs.ts). With shares π′, K_ijs = π′_ijs/γ_ijs·(1+t)/(1+t′) and θ_s = σ_s − 1:
 *
 *   ∂ ln K_ijs / ∂ ln ŵ_m = θ_s (π′_mjs − δ_im),   ∂ π̂_is / ∂ ln Ê_m = α_ims K_ims Ê_m,
 *   ∂ ln P̂_js / ∂ ln ŵ_m = π′_mjs,
 *   ∂ ln K_i′js / ∂t′_ijs = g (θ_s π′_ijs − δ_i′i (θ_s + 1)),  ∂ ln P̂_js / ∂t′_ijs = g π′_ijs,  g = 1/(1 + t′_ijs).
 *
 * The labour rows need Q_im = Σ_{s,k} δ_is α_iks K_iks Ê_k θ_s π′_mks and the income rows the profit
 * analogue: two O(S·N³) products; every instrument's ∂F/∂t′ has O(N) entries. Index orders as in
 * data/dataset.ts. Checked against central differences in tests/models/ossa-derivatives.test.ts.
 */
export interface OssaDerivativeWorkspace {
  labourProduct: Float64Array;
  profitProduct: Float64Array;
  labourRow: Float64Array;
  profitRow: Float64Array;
  /** Σ_i X_ijs t′_ijs K_ijs, [j*S + s]. */
  revenueShift: Float64Array;
}

export function newOssaDerivativeWorkspace(N: number, S: number): OssaDerivativeWorkspace {
  return { labourProduct: new Float64Array(N * N), profitProduct: new Float64Array(N * N), labourRow: new Float64Array(N), profitRow: new Float64Array(N), revenueShift: new Float64Array(N * S) };
}

/** Σ_i X_ijs t′ K_ijs for every market from an evaluated workspace. */
function revenueShifts(economy: OssaEconomy, newTariffs: Float64Array, work: OssaWorkspace, out: Float64Array): void {
  const { N, S, flows } = economy;
  out.fill(0);
  for (let s = 0; s < S; s++)
    for (let i = 0; i < N; i++) {
      const row = (s * N + i) * N;
      for (let j = 0; j < N; j++) out[j * S + s] += flows[row + j] * newTariffs[row + j] * work.demandShift[row + j];
    }
}

/** ∂F/∂x of the 2N residuals at x, column-major out[c·2N + r]; leaves `work` evaluated at x. */
export function ossaJacobian(economy: OssaEconomy, newTariffs: Float64Array, x: Float64Array, work: OssaWorkspace, scratch: OssaDerivativeWorkspace, out: Float64Array): void {
  evaluateOssa(economy, newTariffs, x, work);
  const { N, S, theta, flows, labourShares, labourIncome, expenditure, profits, salesShares } = economy;
  const { shares, demandShift: K } = work;
  const n = 2 * N;
  const { labourProduct: Q, profitProduct: R, labourRow: q, profitRow: r, revenueShift: T } = scratch;
  revenueShifts(economy, newTariffs, work, T);
  out.fill(0);
  Q.fill(0);
  R.fill(0);
  const labourSum = new Float64Array(N);
  const profitSum = new Float64Array(N);
  for (let s = 0; s < S; s++) {
    for (let i = 0; i < N; i++) {
      const row = (s * N + i) * N;
      const labour = labourShares[i * S + s] * theta[s];
      const profit = (profits[i * S + s] / expenditure[i]) * theta[s];
      let sumQ = 0;
      let sumR = 0;
      for (let k = 0; k < N; k++) {
        const base = salesShares[row + k] * K[row + k] * Math.abs(x[k]);
        q[k] = labour * base;
        r[k] = profit * base;
        sumQ += q[k];
        sumR += r[k];
      }
      labourSum[i] += sumQ;
      profitSum[i] += sumR;
      for (let m = 0; m < N; m++) {
        const rowM = (s * N + m) * N;
        let dq = 0;
        let dr = 0;
        for (let k = 0; k < N; k++) {
          const p = shares[rowM + k];
          dq += q[k] * p;
          dr += r[k] * p;
        }
        Q[i * N + m] += dq;
        R[i * N + m] += dr;
      }
    }
  }
  let totalLabour = 0;
  for (let j = 0; j < N; j++) totalLabour += labourIncome[j];

  // Columns of ŵ_m (x[N + m]).
  for (let m = 0; m < N; m++) {
    const col = (N + m) * n;
    const z = Math.abs(x[N + m]);
    for (let j = 0; j < N; j++) {
      const Ej = Math.abs(x[j]);
      let revenue = 0;
      for (let s = 0; s < S; s++) {
        const k = (s * N + m) * N + j;
        revenue += theta[s] * (shares[k] * T[j * S + s] - flows[k] * newTariffs[k] * K[k]);
      }
      const own = j === m ? (labourIncome[j] / expenditure[j]) * Math.abs(x[N + j]) - profitSum[j] : 0;
      out[col + j] = ((-Ej / expenditure[j]) * revenue - R[j * N + m] - own) / z;
    }
    for (let i = 1; i < N; i++) out[col + N + i] = ((i === m ? Math.abs(x[N + i]) + labourSum[i] : 0) - Q[i * N + m]) / z;
    out[col + N] = labourIncome[m] / totalLabour;
  }
  // Columns of Ê_m (x[m]).
  for (let m = 0; m < N; m++) {
    const col = m * n;
    const z = Math.abs(x[m]);
    for (let i = 0; i < N; i++) {
      let labour = 0;
      let profit = 0;
      for (let s = 0; s < S; s++) {
        const k = (s * N + i) * N + m;
        const sales = salesShares[k] * K[k] * z;
        labour += labourShares[i * S + s] * sales;
        profit += (profits[i * S + s] / expenditure[i]) * sales;
      }
      if (i >= 1) out[col + N + i] = -labour / z;
      let own = 0;
      if (i === m) {
        let revenue = 0;
        for (let s = 0; s < S; s++) revenue += T[m * S + s];
        own = z * (1 - revenue / expenditure[m]);
      }
      out[col + i] = (own - profit) / z;
    }
  }
  for (let c = 0; c < n; c++) if (x[c] < 0) for (let r2 = 0; r2 < n; r2++) out[c * n + r2] = -out[c * n + r2];
}

/** ∂Ŵ_j/∂x at an evaluated workspace (x positive, as after a solve): Ŵ/Ê_j on Ê_j, −Ŵ Σ_s μ_js π′_mjs / ŵ_m on ŵ_m. */
export function ossaWelfareDerivative(economy: OssaEconomy, x: Float64Array, work: OssaWorkspace, j: number, welfare: number, out: Float64Array): void {
  const { N, S, industryShares } = economy;
  out.fill(0);
  out[j] = welfare / Math.abs(x[j]);
  for (let m = 0; m < N; m++) {
    let d = 0;
    for (let s = 0; s < S; s++) d += industryShares[j * S + s] * work.shares[(s * N + m) * N + j];
    out[N + m] = (-welfare * d) / Math.abs(x[N + m]);
  }
}

/**
 * dŴ_j/dt′ of j's instruments by the adjoint: ∂Ŵ/∂t′_k − λᵀ ∂F/∂t′_k, with λ solving (∂F/∂x)ᵀ λ = ∂Ŵ/∂x.
 * `work` evaluated at (t′, x); O(S·N²) for all instruments.
 */
export function ossaTariffGradient(economy: OssaEconomy, newTariffs: Float64Array, x: Float64Array, work: OssaWorkspace, j: number, welfare: number, lambda: Float64Array, instruments: Int32Array, gradient: Float64Array): void {
  const { N, S, theta, flows, labourShares, expenditure, profits, salesShares, industryShares } = economy;
  const { shares, demandShift: K } = work;
  const Ej = Math.abs(x[j]);
  const revenueWeight = (lambda[j] * Ej) / expenditure[j];
  const a = new Float64Array(N);
  const marketSum = new Float64Array(S);
  const coefficients = new Float64Array(S * N);
  for (let s = 0; s < S; s++) {
    let sum = 0;
    for (let i = 0; i < N; i++) {
      const k = (s * N + i) * N + j;
      const sales = salesShares[k] * K[k] * Ej;
      const labour = i >= 1 ? lambda[N + i] * labourShares[i * S + s] * sales : 0;
      a[i] = -labour - lambda[i] * (profits[i * S + s] / expenditure[i]) * sales - revenueWeight * flows[k] * newTariffs[k] * K[k];
      sum += a[i];
    }
    marketSum[s] = sum;
    coefficients.set(a, s * N);
  }
  for (let v = 0; v < instruments.length; v++) {
    const k = instruments[v];
    const s = Math.floor(k / (N * N));
    const i = Math.floor(k / N) % N;
    const g = 1 / (1 + newTariffs[k]);
    const share = shares[k];
    const adjoint = g * theta[s] * share * marketSum[s] - coefficients[s * N + i] * (theta[s] + 1) * g - revenueWeight * flows[k] * K[k];
    gradient[v] = -welfare * industryShares[j * S + s] * g * share - adjoint;
  }
}

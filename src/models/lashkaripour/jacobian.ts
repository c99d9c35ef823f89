import { MACHINE_EPSILON } from "./economy.js";
import { evaluateSystem, type LashkaripourState, type LashkaripourSystem } from "./equilibrium.js";
import { mapToFloat64 } from "../../util/typedArrays.js";

/** Scratch of the analytic Jacobian, allocated once per solve. */
export interface JacobianWorkspace {
  /** M[j*N + m] = Σ_{k,s} ε_s x′_jks λ′_mks. */
  crossSales: Float64Array;
  /** V[p*N + m] = Σ_{k,s} v_iks λ′_mks for setter i = setters[p] (v below). */
  crossElasticity: Float64Array;
  /** Rows ε_s x′_j·s and v_i·s of one sector, length N each. */
  row: Float64Array;
  rowElasticity: Float64Array;
}

export function newJacobianWorkspace(N: number, P: number): JacobianWorkspace {
  return { crossSales: new Float64Array(N * N), crossElasticity: new Float64Array(P * N), row: new Float64Array(N), rowElasticity: new Float64Array(N) };
}

/**
 * The analytic Jacobian of `systemResidual` (equilibrium.ts) at x, column-major: out[c·n + r] = ∂F_r/∂x_c,
 * n = 2N + P. In logs, with λ′, x′ and spending E = e·Ŷ·Y from the evaluation:
 *   ∂ ln x′_iks / ∂ ln ŵ_m = ε_s (λ′_mks − δ_im),  ∂ ln λ′_iks / ∂ ln ŵ_m the same;
 *   ∂ ln x′_iks / ∂ ln Ŷ_m = δ_km;
 *   ∂ ln x′_iks / ∂ ln τ_m = δ_km (−ε_s λ′_mms − 1) for i ≠ m, ε_s (1 − λ′_mms) for i = m;
 *   ∂ ln λ′_iks / ∂ ln τ_m = δ_km (−ε_s λ′_mms) for i ≠ m, ε_s (1 − λ′_mms) for i = m.
 * ERR1 needs M_jm = Σ_{k,s} ε_s x′_jks λ′_mks and ERR3 (A_i) V_im = Σ_{k,s} v_iks λ′_mks with
 * v_iks = [k ≠ i] ε_s x′_iks (ε_s (1 − 2λ′_iks) − A_i): the two O(S·N³) products; everything else is
 * O(S·N²). ∂ERR3/∂A = 1/A² above the floor A = 1, 0 on it. The kernel reads |x|, so each column is
 * multiplied by sign(x_c). Checked against central differences in tests/models/lashkaripour-jacobian.test.ts.
 */
export function systemJacobian(system: LashkaripourSystem, x: Float64Array, state: LashkaripourState, work: JacobianWorkspace, out: Float64Array): void {
  evaluateSystem(system, x, state);
  const { economy, setters, setterPosition, component, numeraireRows, isNumeraireRow, componentWageIncome } = system;
  const { N, S, tradeElasticities: epsilon, wageIncome: R, expenditure: Y } = economy;
  const P = setters.length;
  const n = 2 * N + P;
  const { shares: lambda, flows, spending: E, tariffRevenue: revenue, tariffs, inverseTariffFactor, wage, demandElasticity: A, foreignSales: D } = state;
  const { crossSales: M, crossElasticity: V, row: u, rowElasticity: v } = work;
  out.fill(0);
  M.fill(0);
  V.fill(0);

  // A_i enters v only while the denominator max(Σ x′, ε_M) is not at its floor.
  const elasticityWeight = (i: number) => (D[i] > MACHINE_EPSILON ? A[i] : 0);
  const totalSales = new Float64Array(N); // U_j = Σ_{k,s} ε_s x′_jks
  const elasticitySum = new Float64Array(P); // Σ_{k,s} v_iks
  for (let s = 0; s < S; s++) {
    const eps = epsilon[s];
    for (let j = 0; j < N; j++) {
      const rowJ = (s * N + j) * N;
      for (let k = 0; k < N; k++) u[k] = eps * flows[rowJ + k];
      const p = setterPosition[j];
      if (p >= 0) {
        const a = elasticityWeight(j);
        for (let k = 0; k < N; k++) v[k] = k === j ? 0 : u[k] * (eps * (1 - 2 * lambda[rowJ + k]) - a);
      }
      let sum = 0;
      let vSum = 0;
      for (let k = 0; k < N; k++) {
        sum += u[k];
        if (p >= 0) vSum += v[k];
      }
      totalSales[j] += sum;
      if (p >= 0) elasticitySum[p] += vSum;
      for (let m = 0; m < N; m++) {
        const rowM = (s * N + m) * N;
        let dot = 0;
        let dotV = 0;
        if (p >= 0) {
          for (let k = 0; k < N; k++) {
            const l = lambda[rowM + k];
            dot += u[k] * l;
            dotV += v[k] * l;
          }
          V[p * N + m] += dotV;
        } else {
          for (let k = 0; k < N; k++) dot += u[k] * lambda[rowM + k];
        }
        M[j * N + m] += dot;
      }
    }
  }
  // ∂ERR3_i/∂A_i / D_i (0 on the floor A_i ≤ 1)
  const errorSlope = mapToFloat64(setters, (i) => (A[i] > 1 ? 1 / (A[i] * A[i] * D[i]) : 0));

  // Columns of ŵ_m.
  for (let m = 0; m < N; m++) {
    const col = m * n;
    const z = wage[m];
    for (let j = 0; j < N; j++) {
      if (isNumeraireRow[j]) continue;
      out[col + j] = (M[j * N + m] - (j === m ? totalSales[j] + wage[j] * R[j] : 0)) / (z * R[j]);
    }
    out[col + numeraireRows[component[m]]] = R[m] / componentWageIncome[component[m]];
    for (let i = 0; i < N; i++) {
      let d = 0;
      for (let s = 0; s < S; s++) {
        const k = (s * N + m) * N + i;
        const l = lambda[k];
        if (l === 0) continue;
        d += epsilon[s] * l * (revenue[i * S + s] - E[i * S + s] * tariffs[k] * inverseTariffFactor[k]);
      }
      if (i === m) d += wage[i] * R[i];
      out[col + N + i] = d / (z * Y[i]);
    }
    for (let p = 0; p < P; p++) {
      const i = setters[p];
      out[col + 2 * N + p] = (errorSlope[p] * (V[p * N + m] - (i === m ? elasticitySum[p] : 0))) / z;
    }
  }

  // Columns of Ŷ_m: only market m's spending moves.
  for (let m = 0; m < N; m++) {
    const col = (N + m) * n;
    const z = Math.abs(x[N + m]);
    for (let j = 0; j < N; j++) {
      if (isNumeraireRow[j]) continue;
      let d = 0;
      for (let s = 0; s < S; s++) d += flows[(s * N + j) * N + m];
      out[col + j] = d / (z * R[j]);
    }
    let revenueM = 0;
    for (let s = 0; s < S; s++) revenueM += revenue[m * S + s];
    out[col + N + m] = (revenueM / z - Y[m]) / Y[m];
    for (let p = 0; p < P; p++) {
      const i = setters[p];
      if (i === m) continue;
      let d = 0;
      for (let s = 0; s < S; s++) {
        const k = (s * N + i) * N + m;
        d += flows[k] * (epsilon[s] * (1 - lambda[k]) - elasticityWeight(i));
      }
      out[col + 2 * N + p] = (errorSlope[p] * d) / z;
    }
  }

  // Columns of τ_m (setter q): only market m's shares, flows and revenue move.
  for (let q = 0; q < P; q++) {
    const m = setters[q];
    const col = (2 * N + q) * n;
    const tau = Math.abs(x[2 * N + q]);
    for (let j = 0; j < N; j++) {
      if (isNumeraireRow[j]) continue;
      let d = 0;
      for (let s = 0; s < S; s++) {
        const own = lambda[(s * N + m) * N + m];
        const flow = flows[(s * N + j) * N + m];
        d += flow * (j === m ? epsilon[s] * (1 - own) : -epsilon[s] * own - 1);
      }
      out[col + j] = d / (tau * R[j]);
    }
    let dRevenue = 0;
    for (let s = 0; s < S; s++) {
      const own = lambda[(s * N + m) * N + m];
      dRevenue += E[m * S + s] * (1 - own) * (1 / tau - (1 - 1 / tau) * epsilon[s] * own);
    }
    out[col + N + m] = dRevenue / (tau * Y[m]);
    for (let p = 0; p < P; p++) {
      const i = setters[p];
      if (i === m) {
        out[col + 2 * N + p] = 1;
        continue;
      }
      const a = elasticityWeight(i);
      let d = 0;
      for (let s = 0; s < S; s++) {
        const own = lambda[(s * N + m) * N + m];
        const k = (s * N + i) * N + m;
        const flowChange = -epsilon[s] * own - 1;
        d += flows[k] * (epsilon[s] * (flowChange * (1 - lambda[k]) + epsilon[s] * lambda[k] * own) - a * flowChange);
      }
      out[col + 2 * N + p] = (errorSlope[p] * d) / tau;
    }
  }

  // The kernel reads |x|: ∂F/∂x_c = sign(x_c) ∂F/∂|x_c|.
  for (let c = 0; c < n; c++) {
    if (x[c] < 0) for (let r = 0; r < n; r++) out[c * n + r] = -out[c * n + r];
  }
}

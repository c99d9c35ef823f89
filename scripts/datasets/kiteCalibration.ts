import { luFactorInPlace, luSolveInPlace } from "../../src/solver/denseLu.js";
import { compensatedSum } from "../../src/util/sum.js";

/**
 * The Caliendo–Parro initial conditions of the KITE model (../shared/data/wiod-2014-kite; spec
 * kite-cp2015.md) and their calibration, KITE's `compute_initial_conditions_cp_2015` (spec §4) solved
 * directly as the linear system it is (§5): trade shares π and tariffs τ held at the data,
 *
 *   (E4)  X[n,j] = Σ_k γ̄[n,j,k]·Y[n,k] + α[n,j]·(VA*[n] + R[n] − TB[n])
 *         Y[n,k] = Σ_m X[m,k]·π[n→m,k]/τ[n→m,k]                (sales at factory prices)
 *         R[n]   = Σ_k X[n,k]·Σ_i π[i→n,k]·(1 − 1/τ[i→n,k])    (tariff revenue)
 *   (Z)   exports[n] − imports[n] = TB[n]                         (fob, domestic flows in both)
 *
 * with γ̄[n,j,k] = (1 − β[n,k])·γ[n,j,k]. Given (E4), (Z) is VA*[n] = Σ_k β[n,k]·Y[n,k] (summing (E4)
 * over j uses Σ_j γ[n,j,k] = 1 and Σ_j α[n,j] = 1), so VA* is eliminated and the unknowns are the N·J
 * expenditures X. The system's rows sum to zero (spending returns to producers and governments), so one
 * row is replaced by the numeraire Σ_n VA*[n] = Σ_n VA[n] (KITE: world value added is fixed). Dense LU
 * (src/solver/denseLu.ts), then one step of iterative refinement.
 *
 * Index orders: bilateral [(k*N + i)*N + n] (sector k, origin i, destination n), as the project's datasets;
 * country × sector [n*J + j]; γ [(n*J + j)*J + k] (input j, output k).
 */
export interface KiteInputs {
  N: number;
  J: number;
  tradeShares: Float64Array;
  /** Gross tariff factors τ = 1 + t. */
  tariffFactors: Float64Array;
  intermediateShares: Float64Array;
  factorShares: Float64Array;
  consumptionShares: Float64Array;
  valueAdded: Float64Array;
  tradeBalance: Float64Array;
}

export interface KiteCalibration {
  /** X[n*J + j]: expenditure (buyer prices, tariffs included), USD million. */
  expenditure: Float64Array;
  /** VA*[n]: calibrated value added, USD million. */
  valueAdded: Float64Array;
  /** Largest |Z[n]|/VA*[n] at the solution: the trade-balance residual (E5). */
  tradeBalanceResidual: number;
  /** Largest |(E4) residual| / X at the solution. */
  marketClearingResidual: number;
}

export function calibrateKite(x: KiteInputs): KiteCalibration {
  const { N, J } = x;
  const NJ = N * J;
  // Factory-price share a[(k*N + i)*N + n] = π/τ and the tariff-revenue share r[n*J + k] = Σ_i π·(1 − 1/τ).
  const factory = Float64Array.from(x.tradeShares, (p, q) => p / x.tariffFactors[q]);
  const revenueShare = new Float64Array(NJ);
  for (let k = 0; k < J; k++)
    for (let i = 0; i < N; i++)
      for (let n = 0; n < N; n++) {
        const q = (k * N + i) * N + n;
        revenueShare[n * J + k] += x.tradeShares[q] - factory[q];
      }

  // A = I − M, row (n, j), column (m, k); b = −α·TB.
  const matrix = new Float64Array(NJ * NJ);
  const rhs = new Float64Array(NJ);
  for (let n = 0; n < N; n++)
    for (let j = 0; j < J; j++) {
      const row = (n * J + j) * NJ;
      const alpha = x.consumptionShares[n * J + j];
      matrix[row + n * J + j] += 1;
      rhs[n * J + j] = -alpha * x.tradeBalance[n];
      for (let k = 0; k < J; k++) {
        const beta = x.factorShares[n * J + k];
        const coefficient = (1 - beta) * x.intermediateShares[(n * J + j) * J + k] + alpha * beta;
        matrix[row + n * J + k] -= alpha * revenueShare[n * J + k];
        if (coefficient === 0) continue;
        for (let m = 0; m < N; m++) matrix[row + m * J + k] -= coefficient * factory[(k * N + n) * N + m];
      }
    }
  // Numeraire in place of the last row: Σ_{m,k} X[m,k]·Σ_n β[n,k]·a[n→m,k] = Σ VA.
  const last = (NJ - 1) * NJ;
  matrix.fill(0, last, last + NJ);
  for (let k = 0; k < J; k++)
    for (let n = 0; n < N; n++) {
      const beta = x.factorShares[n * J + k];
      for (let m = 0; m < N; m++) matrix[last + m * J + k] += beta * factory[(k * N + n) * N + m];
    }
  rhs[NJ - 1] = compensatedSum(x.valueAdded);

  const original = Float64Array.from(matrix);
  const lu = luFactorInPlace(matrix, NJ);
  const work = new Float64Array(NJ);
  const expenditure = Float64Array.from(rhs);
  luSolveInPlace(lu, expenditure, 1, work);
  // One step of iterative refinement: X += A⁻¹(b − A·X).
  const correction = new Float64Array(NJ);
  for (let r = 0; r < NJ; r++) {
    const terms = new Float64Array(NJ + 1);
    for (let c = 0; c < NJ; c++) terms[c] = -original[r * NJ + c] * expenditure[c];
    terms[NJ] = rhs[r];
    correction[r] = compensatedSum(terms);
  }
  luSolveInPlace(lu, correction, 1, work);
  for (let q = 0; q < NJ; q++) expenditure[q] += correction[q];

  const sales = salesOf(x, factory, expenditure);
  const valueAdded = new Float64Array(N);
  for (let n = 0; n < N; n++) valueAdded[n] = compensatedSum(Float64Array.from({ length: J }, (_, k) => x.factorShares[n * J + k] * sales[n * J + k]));
  return { expenditure, valueAdded, ...residuals(x, factory, revenueShare, expenditure, sales, valueAdded) };
}

/** Y[n*J + k] = Σ_m X[m,k]·π[n→m,k]/τ[n→m,k]. */
function salesOf(x: KiteInputs, factory: Float64Array, expenditure: Float64Array): Float64Array {
  const { N, J } = x;
  const sales = new Float64Array(N * J);
  for (let k = 0; k < J; k++)
    for (let n = 0; n < N; n++) {
      let sum = 0;
      for (let m = 0; m < N; m++) sum += expenditure[m * J + k] * factory[(k * N + n) * N + m];
      sales[n * J + k] = sum;
    }
  return sales;
}

/** The residuals of (E4) and (Z) at the solution, relative to X and VA*. */
function residuals(x: KiteInputs, factory: Float64Array, revenueShare: Float64Array, expenditure: Float64Array, sales: Float64Array, valueAdded: Float64Array) {
  const { N, J } = x;
  let marketClearingResidual = 0;
  let tradeBalanceResidual = 0;
  for (let n = 0; n < N; n++) {
    let revenue = 0;
    let imports = 0;
    let exports = 0;
    for (let k = 0; k < J; k++) {
      revenue += expenditure[n * J + k] * revenueShare[n * J + k];
      exports += sales[n * J + k];
      for (let i = 0; i < N; i++) imports += expenditure[n * J + k] * factory[(k * N + i) * N + n];
    }
    const income = valueAdded[n] + revenue - x.tradeBalance[n];
    for (let j = 0; j < J; j++) {
      let implied = x.consumptionShares[n * J + j] * income;
      for (let k = 0; k < J; k++) implied += (1 - x.factorShares[n * J + k]) * x.intermediateShares[(n * J + j) * J + k] * sales[n * J + k];
      const scale = Math.max(expenditure[n * J + j], 1);
      marketClearingResidual = Math.max(marketClearingResidual, Math.abs(expenditure[n * J + j] - implied) / scale);
    }
    tradeBalanceResidual = Math.max(tradeBalanceResidual, Math.abs(exports - imports - x.tradeBalance[n]) / valueAdded[n]);
  }
  return { marketClearingResidual, tradeBalanceResidual };
}

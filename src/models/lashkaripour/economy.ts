import { compensatedSum } from "../../util/sum.js";

/**
 * The economy of Lashkaripour (2021), "The Cost of a Global Tariff War: A Sufficient-Statistics Approach"
 * (JIE 131), in the derived cubes of the tariffwar package (spec tariffwar.md §3,
 * tw:+tariffwar/+data/compute_derived_cubes.m:17-21): a multi-sector Armington economy without
 * input–output links, labour the only factor, tariff revenue rebated to the importer.
 *
 * Index orders (N countries, S sectors): bilateral [(s*N + i)*N + j] = sector s, exporter i, importer j
 * (data/dataset.ts); country × sector [n*S + s]. Values in the dataset's units (USD million).
 */
export interface LashkaripourEconomy {
  N: number;
  S: number;
  /** ε_s = σ_s − 1, the trade elasticity by sector (π ∝ cost^(−ε)). */
  tradeElasticities: Float64Array;
  /** X_ijs, gross of tariffs (expenditure of j on i's sector-s goods), bilateral order. */
  flows: Float64Array;
  /** t_ijs, the applied tariff importer j levies on exporter i (a share), bilateral order. */
  tariffs: Float64Array;
  /** λ_ijs = X_ijs / max(Σ_i′ X_i′js, ε_M): within-sector import shares of importer j. */
  shares: Float64Array;
  /** Y_j = max(Σ_{i,s} X_ijs, ε_M): total expenditure of importer j. */
  expenditure: Float64Array;
  /** R_i = max(Σ_{j,s} X_ijs/(1 + t_ijs), ε_M): sales net of tariffs = wage income of exporter i. */
  wageIncome: Float64Array;
  /** e_js = Σ_i X_ijs / max(Y_j, ε_M): Cobb–Douglas expenditure share of sector s in j, [j*S + s]. */
  spendingShares: Float64Array;
}

/** MATLAB's `eps`, the package's guard in every max(·, eps) (spec §9 item 4). */
export const MACHINE_EPSILON = 2.220446049250313e-16;

/** compute_derived_cubes.m: λ, Y, R, e from flows X (gross of tariffs) and tariffs t. Sums are compensated. */
export function lashkaripourEconomy(N: number, S: number, flows: Float64Array, tariffs: Float64Array, tradeElasticities: Float64Array): LashkaripourEconomy {
  const shares = new Float64Array(S * N * N);
  const sectorSpending = new Float64Array(N * S);
  const column = new Float64Array(N);
  for (let s = 0; s < S; s++)
    for (let j = 0; j < N; j++) {
      for (let i = 0; i < N; i++) column[i] = flows[(s * N + i) * N + j];
      const total = compensatedSum(column);
      sectorSpending[j * S + s] = total;
      const denominator = Math.max(total, MACHINE_EPSILON);
      for (let i = 0; i < N; i++) shares[(s * N + i) * N + j] = column[i] / denominator;
    }
  const expenditure = new Float64Array(N);
  const spendingShares = new Float64Array(N * S);
  for (let j = 0; j < N; j++) {
    const total = compensatedSum(sectorSpending, j * S, (j + 1) * S);
    expenditure[j] = Math.max(total, MACHINE_EPSILON);
    for (let s = 0; s < S; s++) spendingShares[j * S + s] = sectorSpending[j * S + s] / expenditure[j];
  }
  const wageIncome = new Float64Array(N);
  const sales = new Float64Array(S * N);
  for (let i = 0; i < N; i++) {
    for (let s = 0; s < S; s++) {
      const row = (s * N + i) * N;
      let sum = 0;
      let compensation = 0;
      for (let j = 0; j < N; j++) {
        const v = flows[row + j] / (1 + tariffs[row + j]);
        const t = sum + v;
        compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
        sum = t;
      }
      sales[s * N + i] = sum + compensation;
    }
    wageIncome[i] = Math.max(compensatedSum(sales, i, S * N, N), MACHINE_EPSILON);
  }
  return { N, S, tradeElasticities: Float64Array.from(tradeElasticities), flows: Float64Array.from(flows), tariffs: Float64Array.from(tariffs), shares, expenditure, wageIncome, spendingShares };
}

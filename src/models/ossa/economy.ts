import { compensatedSum } from "../../util/sum.js";
import { mapToFloat64 } from "../../util/typedArrays.js";

/**
 * The Ossa (2014) economy, "Trade Wars and Trade Talks with Data" (AER 104(12)), in the quantities
 * of its `Tables/mycalculations.m:9-38` (spec caliendo-parro-and-ossa.md §2.1 "Internal arrays").
 *
 * Index orders: bilateral [(s*N + i)*N + j] = sector s, exporter i, importer j (data/dataset.ts);
 * country × sector [n*S + s]. Values in the dataset's units (GTAP, millions of USD).
 */
export interface OssaEconomy {
  N: number;
  S: number;
  /** σ_s, elasticity of substitution by sector. */
  sigma: Float64Array;
  /** θ_s = σ_s − 1, the trade elasticity the shared CES kernels take. */
  theta: Float64Array;
  /** X_ijs at exporter prices (net of tariffs), domestic flows on i = j. */
  flows: Float64Array;
  /** t_ijs, the tariff importer j levies on exporter i (share). */
  tariffs: Float64Array;
  /** γ_ijs = (1+t)X / Σ_i′ (1+t)X: j's tariff-inclusive spending share on i within s. */
  spendingShares: Float64Array;
  /** α_ijs = X_ijs / Σ_j′ X_ij′s: share of i's industry-s sales going to j. */
  salesShares: Float64Array;
  /** δ_is: industry s's share of i's labour, [i*S + s]. */
  labourShares: Float64Array;
  /** μ_js: Cobb–Douglas spending share of industry s in j, [j*S + s]. */
  industryShares: Float64Array;
  /** E_j = Σ_{i,s} (1+t)X: total spending. */
  expenditure: Float64Array;
  /** π_is = Σ_j X_ijs / σ_s: profits, [i*S + s]. */
  profits: Float64Array;
  /** w_j L_j = E_j + NX_j − R_j − Σ_s π_js. */
  labourIncome: Float64Array;
  /** NX_i = Σ_s (Σ_j X_ijs − Σ_j X_jis). */
  netExports: Float64Array;
}

/** mycalculations.m: the derived arrays of §2.1 from flows, tariffs and σ_s. Sums are compensated. */
export function ossaEconomy(N: number, S: number, flows: Float64Array, tariffs: Float64Array, sigma: Float64Array): OssaEconomy {
  const spendingShares = new Float64Array(S * N * N);
  const salesShares = new Float64Array(S * N * N);
  const labourWeight = new Float64Array(N * S);
  const industrySpending = new Float64Array(N * S);
  const profits = new Float64Array(N * S);
  const revenue = new Float64Array(N);
  const netExports = new Float64Array(N);
  const column = new Float64Array(N);
  for (let s = 0; s < S; s++) {
    for (let j = 0; j < N; j++) {
      for (let i = 0; i < N; i++) column[i] = (1 + tariffs[(s * N + i) * N + j]) * flows[(s * N + i) * N + j];
      const total = compensatedSum(column);
      industrySpending[j * S + s] = total;
      for (let i = 0; i < N; i++) spendingShares[(s * N + i) * N + j] = total > 0 ? column[i] / total : 0;
      for (let i = 0; i < N; i++) column[i] = tariffs[(s * N + i) * N + j] * flows[(s * N + i) * N + j];
      revenue[j] += compensatedSum(column);
    }
    for (let i = 0; i < N; i++) {
      const row = (s * N + i) * N;
      const sales = compensatedSum(flows, row, row + N);
      for (let j = 0; j < N; j++) salesShares[row + j] = sales > 0 ? flows[row + j] / sales : 0;
      profits[i * S + s] = sales / sigma[s];
      labourWeight[i * S + s] = ((sigma[s] - 1) / sigma[s]) * sales;
      let imports = 0;
      for (let k = 0; k < N; k++) imports += flows[(s * N + k) * N + i];
      netExports[i] += sales - imports;
    }
  }
  const expenditure = new Float64Array(N);
  const labourShares = new Float64Array(N * S);
  const industryShares = new Float64Array(N * S);
  const labourIncome = new Float64Array(N);
  for (let n = 0; n < N; n++) {
    expenditure[n] = compensatedSum(industrySpending, n * S, (n + 1) * S);
    const labour = compensatedSum(labourWeight, n * S, (n + 1) * S);
    for (let s = 0; s < S; s++) {
      labourShares[n * S + s] = labourWeight[n * S + s] / labour;
      industryShares[n * S + s] = industrySpending[n * S + s] / expenditure[n];
    }
    labourIncome[n] = expenditure[n] + netExports[n] - revenue[n] - compensatedSum(profits, n * S, (n + 1) * S);
  }
  return {
    N,
    S,
    sigma: Float64Array.from(sigma),
    theta: mapToFloat64(sigma, (v) => v - 1),
    flows: Float64Array.from(flows),
    tariffs: Float64Array.from(tariffs),
    spendingShares,
    salesShares,
    labourShares,
    industryShares,
    expenditure,
    profits,
    labourIncome,
    netExports,
  };
}

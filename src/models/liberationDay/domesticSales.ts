import { compensatedSum } from "../../util/sum.js";

export interface DomesticSalesFill {
  /** The flows with the diagonal filled, [i*N + j] exporter i, importer j. */
  flows: Float64Array;
  /** Indices of countries whose domestic sales E_i − Σ_k X_ki were negative and clipped at 0. */
  clipped: number[];
}

/**
 * Liberation Day (Ignatenko, Macedoni, Lashkaripour & Simonovska 2025), `main_baseline.m` lines 29–39
 * (spec one-sector.md §3.1 Step 2): domestic sales from GDP and the local shares ν, with the
 * diagonal of `foreignFlows` still zero:
 *
 *   T_i  = (1−ν_i)·( Σ_k X_ki − Σ_k (1−ν_k) X_ik )
 *   E_i  = Y_i^GDP + T_i
 *   X_ii = max(0, E_i − Σ_k X_ki)
 *
 * `foreignFlows` [i*N + j] (exporter i, importer j, zero diagonal), `gdp` and `nu` of length N, same units.
 */
export function fillDomesticSales(foreignFlows: Float64Array, gdp: Float64Array, nu: Float64Array, N: number): DomesticSalesFill {
  const flows = Float64Array.from(foreignFlows);
  const clipped: number[] = [];
  const imports = new Float64Array(N);
  const exportsNetOfLocal = new Float64Array(N);
  const column = new Float64Array(N);
  const row = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    for (let k = 0; k < N; k++) {
      column[k] = foreignFlows[k * N + i];
      row[k] = (1 - nu[k]) * foreignFlows[i * N + k];
    }
    imports[i] = compensatedSum(column);
    exportsNetOfLocal[i] = compensatedSum(row);
  }
  for (let i = 0; i < N; i++) {
    const transfer = (1 - nu[i]) * (imports[i] - exportsNetOfLocal[i]);
    const expenditure = gdp[i] + transfer;
    const domestic = expenditure - imports[i];
    if (domestic < 0) clipped.push(i);
    flows[i * N + i] = Math.max(0, domestic);
  }
  return { flows, clipped };
}

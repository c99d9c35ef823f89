/**
 * Income, output and market clearing of Caliendo & Parro (2015) in changes, spec
 * caliendo-parro-and-ossa.md §1.4 equations 3, 4, 6 and 7 (cp2015:src/solve_model.cpp:110-182).
 * Levels are in the dataset's units (USD for cp-1993); world value added is the numeraire.
 *
 * Index orders: bilateral [(s*N + i)*N + j] (sector s, exporter i, importer j); country × sector [n*S + s].
 */

/**
 * Tariff-exclusive flows, gross output and tariff revenue on the new flows (eqs. 3–4):
 *   T[i,j,s] = π′[i,j,s]·X[j,s]/(1 + t¹[i,j,s])        flow at factory prices
 *   Y[i,s]   = Σ_j T[i,j,s]                               gross output (sales net of tariffs)
 *   R[j,s]   = Σ_i t¹[i,j,s]·T[i,j,s]                     tariff revenue collected by importer j
 *
 * @param inverseTariffFactor 1/(1 + t¹), bilateral order
 * @param newTariffs t¹, bilateral order
 * @param flows out: T, bilateral order
 * @param grossOutput out: Y[i*S + s]
 * @param tariffRevenue out: R[j*S + s]
 */
export function flowsOutputAndRevenue(
  N: number,
  S: number,
  shares: Float64Array,
  spending: Float64Array,
  inverseTariffFactor: Float64Array,
  newTariffs: Float64Array,
  flows: Float64Array,
  grossOutput: Float64Array,
  tariffRevenue: Float64Array,
): void {
  tariffRevenue.fill(0);
  for (let s = 0; s < S; s++)
    for (let i = 0; i < N; i++) {
      const row = (s * N + i) * N;
      let output = 0;
      for (let j = 0; j < N; j++) {
        const flow = shares[row + j] * spending[j * S + s] * inverseTariffFactor[row + j];
        flows[row + j] = flow;
        output += flow;
        tariffRevenue[j * S + s] += newTariffs[row + j] * flow;
      }
      grossOutput[i * S + s] = output;
    }
}

/**
 * Income (eq. 3): I[n] = ŵ[n]·wL[n] + Σ_s R[n,s] + D[n]. D > 0 is a deficit (imports > exports).
 * @param out I[n]
 */
export function income(
  N: number,
  S: number,
  wage: Float64Array,
  labourIncome: Float64Array,
  tariffRevenue: Float64Array,
  deficits: Float64Array,
  out: Float64Array,
): void {
  for (let n = 0; n < N; n++) {
    let revenue = 0;
    for (let s = 0; s < S; s++) revenue += tariffRevenue[n * S + s];
    out[n] = wage[n] * labourIncome[n] + revenue + deficits[n];
  }
}

/**
 * Goods-market clearing (eq. 6): total spending implied by demand,
 *   X[n,j] = Σ_k γ[n,j,k]·Y[n,k] + α[n,j]·I[n]        (γ[n, input j, user k])
 * @param out X implied, [n*S + j]
 */
export function impliedSpending(
  N: number,
  S: number,
  inputShares: Float64Array,
  finalShares: Float64Array,
  grossOutput: Float64Array,
  incomeLevels: Float64Array,
  out: Float64Array,
): void {
  for (let n = 0; n < N; n++)
    for (let j = 0; j < S; j++) {
      const row = (n * S + j) * S;
      let intermediate = 0;
      for (let k = 0; k < S; k++) intermediate += inputShares[row + k] * grossOutput[n * S + k];
      out[n * S + j] = intermediate + finalShares[n * S + j] * incomeLevels[n];
    }
}

/**
 * Labour-market clearing (eq. 7) solved for the wage: ŵ[n] = Σ_j β[n,j]·Y[n,j] / wL[n].
 * @param out ŵ implied, [n]
 */
export function impliedWage(
  N: number,
  S: number,
  valueAddedShares: Float64Array,
  grossOutput: Float64Array,
  labourIncome: Float64Array,
  out: Float64Array,
): void {
  for (let n = 0; n < N; n++) {
    let valueAdded = 0;
    for (let j = 0; j < S; j++) valueAdded += valueAddedShares[n * S + j] * grossOutput[n * S + j];
    out[n] = valueAdded / labourIncome[n];
  }
}

/**
 * Input-bundle cost with input–output links, Caliendo & Parro (2015) equilibrium in changes,
 * spec caliendo-parro-and-ossa.md §1.4 equation 5 (cp2015:src/solve_model.cpp:150-160):
 *
 *   ĉ[n,j] = ŵ[n]^β[n,j] · Π_k P̂[n,k]^γ[n,k,j]
 *
 * computed as exp(β·ln ŵ + Σ_k γ·ln P̂). Without IO (γ = 0, β = 1) it is ĉ = ŵ: the one-sector and
 * Ossa cases.
 *
 * @param wage        ŵ[n]
 * @param priceIndex  P̂[n*S + k]
 * @param valueAddedShares β[n*S + j]
 * @param inputShares γ[(n*S + k)*S + j] (input k, using sector j)
 * @param out         ĉ[n*S + j]
 * @param logPrice    scratch, length S
 */
export function inputBundleCost(
  N: number,
  S: number,
  wage: Float64Array,
  priceIndex: Float64Array,
  valueAddedShares: Float64Array,
  inputShares: Float64Array,
  out: Float64Array,
  logPrice: Float64Array,
): void {
  for (let n = 0; n < N; n++) {
    const logWage = Math.log(wage[n]);
    for (let k = 0; k < S; k++) logPrice[k] = Math.log(priceIndex[n * S + k]);
    for (let j = 0; j < S; j++) out[n * S + j] = valueAddedShares[n * S + j] * logWage;
    for (let k = 0; k < S; k++) {
      const lp = logPrice[k];
      if (lp === 0) continue;
      const row = (n * S + k) * S;
      for (let j = 0; j < S; j++) out[n * S + j] += inputShares[row + j] * lp;
    }
    for (let j = 0; j < S; j++) out[n * S + j] = Math.exp(out[n * S + j]);
  }
}

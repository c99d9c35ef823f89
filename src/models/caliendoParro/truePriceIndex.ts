/**
 * The true CES price index of a market whose shares a distortion moved (purchase commitments, issue 11).
 * With a demand shifter a the shares are π′ ∝ a·π⁰·p̂^(−θ), but the buyers' preferences are the original
 * ones: the composite a sector's spending buys is Q̂ = X̂·(Σ_i π⁰_i (π̂_i ⁄ p̂_i)^ρ)^(1/ρ), ρ = θ ⁄ (θ + 1) = (σ − 1)/σ,
 * so its unit cost changes by
 *
 *   P̂_true[j,s] = ( Σ_i π⁰[i,j,s] · (π̂[i,j,s] ⁄ p̂[i,j,s])^ρ )^(−1/ρ),   π̂ = π′ ⁄ π⁰,  p̂ = κ̂·ĉ[i,s]
 *
 * (CES quantities q̂_i = π̂_i·X̂ ⁄ p̂_i in the original aggregator). With a = 1 it is the usual
 * P̂ = (Σ π⁰ p̂^(−θ))^(−1/θ); with a ≠ 1 it is larger (Jensen): the diverted purchases cost the buyer.
 * Index orders: bilateral [(s*N + i)*N + j]; markets and price indices [j*S + s].
 *
 * @param priceFactor p̂ ⁄ ĉ: the delivered-price change of the flow apart from the exporter's cost (κ̂, times
 *                    T̂^(−1/θ) where productivity changed), bilateral order
 * @param markets     1 where a shifter touches market [j*S + s]: only those are recomputed
 * @param priceIndex  in: P̂ of the shifted shares; out: P̂_true in the flagged markets
 */
export function trueSectorPriceIndex(
  N: number,
  S: number,
  tradeElasticities: Float64Array,
  baseShares: Float64Array,
  shares: Float64Array,
  priceFactor: Float64Array,
  unitCost: Float64Array,
  markets: Uint8Array,
  priceIndex: Float64Array,
): void {
  for (let s = 0; s < S; s++) {
    const theta = tradeElasticities[s];
    const rho = theta / (theta + 1);
    for (let j = 0; j < N; j++) {
      if (!markets[j * S + s]) continue;
      let total = 0;
      for (let i = 0; i < N; i++) {
        const k = (s * N + i) * N + j;
        const base = baseShares[k];
        if (!(base > 0) || !(shares[k] > 0)) continue;
        const quantityChange = shares[k] / base / (priceFactor[k] * unitCost[i * S + s]);
        total += base * Math.exp(rho * Math.log(quantityChange));
      }
      if (total > 0) priceIndex[j * S + s] = Math.exp(Math.log(total) / -rho);
    }
  }
}

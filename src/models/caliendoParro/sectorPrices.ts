/**
 * The CES/Armington trade block in changes, shared by every multi-sector model (Caliendo–Parro 2015,
 * Ossa 2014) and, with S = 1, by the one-sector model. Caliendo & Parro (2015) equilibrium conditions
 * in changes, spec caliendo-parro-and-ossa.md §1.4 equations 1–2 (cp2015:src/solve_model.cpp:99-140);
 * Ossa (2014) myconditions.m, spec §2.2 item 2, is the same block with θ_s = σ_s − 1 and ĉ = ŵ.
 *
 *   P̂[j,s]   = ( Σ_i π⁰[i,j,s] · (κ̂[i,j,s]·ĉ[i,s])^(−θ_s) )^(−1/θ_s)        (eq. 1, sector price index)
 *   π′[i,j,s] = π⁰[i,j,s] · κ̂[i,j,s]^(−θ_s) · ĉ[i,s]^(−θ_s) / P̂[j,s]^(−θ_s)  (eq. 2, trade shares)
 *
 * Index orders: bilateral [(s*N + i)*N + j] (sector s, exporter i, importer j); country × sector [n*S + s].
 */

/**
 * The policy-dependent, iteration-invariant part of the numerator: π⁰·κ̂^(−θ_s), with κ̂ =
 * (1 + t¹)/(1 + t⁰)·d̂ (spec §1.4, solve_model.cpp:79-86). d̂ = Infinity (embargo) gives exactly 0.
 * Writes `out` (bilateral order, length S·N·N).
 */
export function costWeights(
  N: number,
  S: number,
  tradeElasticities: Float64Array,
  baseShares: Float64Array,
  baseTariffs: Float64Array,
  newTariffs: Float64Array,
  tradeCostFactors: Float64Array,
  out: Float64Array,
): void {
  for (let s = 0; s < S; s++) {
    const theta = tradeElasticities[s];
    for (let k = s * N * N; k < (s + 1) * N * N; k++) {
      const kappa = ((1 + newTariffs[k]) / (1 + baseTariffs[k])) * tradeCostFactors[k];
      out[k] = baseShares[k] === 0 || kappa === Infinity ? 0 : baseShares[k] * Math.pow(kappa, -theta);
    }
  }
}

/**
 * Sector price indices P̂ and trade shares π′ for the current input-bundle costs ĉ (eqs. 1–2).
 * A market with no supplier left (sum 0: zero baseline spending, or an embargo the caller has not
 * rejected) gets P̂ = 1 and zero shares, as CP's own PH.m does.
 *
 * @param weights   π⁰·κ̂^(−θ) from `costWeights`, bilateral order
 * @param unitCost  ĉ[n*S + s]
 * @param priceIndex out: P̂[n*S + s]
 * @param shares    out: π′ bilateral order
 * @param sums      scratch, length N
 */
export function sectorPricesAndShares(
  N: number,
  S: number,
  tradeElasticities: Float64Array,
  weights: Float64Array,
  unitCost: Float64Array,
  priceIndex: Float64Array,
  shares: Float64Array,
  sums: Float64Array,
): void {
  for (let s = 0; s < S; s++) {
    sectorNumerators(N, S, s, tradeElasticities[s], weights, unitCost, priceIndex, shares, sums);
    for (let i = 0; i < N; i++) {
      const row = (s * N + i) * N;
      for (let j = 0; j < N; j++) shares[row + j] *= sums[j];
    }
  }
}

/**
 * `sectorPricesAndShares` and then marketClearing.ts's `flowsOutputAndRevenue` on the new shares, with the shares'
 * normalisation and the flows in one pass over the bilateral arrays instead of two: the same operations in the
 * same order, so the same values bit for bit, with a third less memory traffic in the solvers' hottest step
 * (Caliendo–Parro on 81 economies × 28 sectors reads and writes 1.5 MB arrays thousands of times).
 */
export function sectorPricesSharesAndFlows(
  N: number,
  S: number,
  tradeElasticities: Float64Array,
  weights: Float64Array,
  unitCost: Float64Array,
  spending: Float64Array,
  inverseTariffFactor: Float64Array,
  newTariffs: Float64Array,
  priceIndex: Float64Array,
  shares: Float64Array,
  flows: Float64Array,
  grossOutput: Float64Array,
  tariffRevenue: Float64Array,
  sums: Float64Array,
): void {
  tariffRevenue.fill(0);
  for (let s = 0; s < S; s++) {
    sectorNumerators(N, S, s, tradeElasticities[s], weights, unitCost, priceIndex, shares, sums);
    for (let i = 0; i < N; i++) {
      const row = (s * N + i) * N;
      let output = 0;
      for (let j = 0; j < N; j++) {
        const share = shares[row + j] * sums[j];
        shares[row + j] = share;
        const flow = share * spending[j * S + s] * inverseTariffFactor[row + j];
        flows[row + j] = flow;
        output += flow;
        tariffRevenue[j * S + s] += newTariffs[row + j] * flow;
      }
      grossOutput[i * S + s] = output;
    }
  }
}

/** Sector s: the numerators π⁰κ̂^(−θ)·ĉ^(−θ) into `shares`, P̂ into `priceIndex`, and 1/Σ_i numerator per importer into `sums` (0 for a market with no supplier). */
function sectorNumerators(N: number, S: number, s: number, theta: number, weights: Float64Array, unitCost: Float64Array, priceIndex: Float64Array, shares: Float64Array, sums: Float64Array): void {
  sums.fill(0);
  for (let i = 0; i < N; i++) {
    // exp(−θ·ln ĉ) rather than Math.pow: same value to rounding, about 3× faster in V8.
    const power = Math.exp(-theta * Math.log(unitCost[i * S + s]));
    const row = (s * N + i) * N;
    for (let j = 0; j < N; j++) {
      const numerator = weights[row + j] * power;
      shares[row + j] = numerator;
      sums[j] += numerator;
    }
  }
  for (let j = 0; j < N; j++) {
    const total = sums[j];
    priceIndex[j * S + s] = total > 0 ? Math.exp(Math.log(total) / -theta) : 1;
    sums[j] = total > 0 ? 1 / total : 0;
  }
}

/**
 * Poisson deviance D = 2 Σ_n w⁰_n [ y_n ln(y_n/μ_n) − (y_n − μ_n) ], with y ln(y/μ) = 0 at y = 0
 * (spec ppml.md §1). Summed with Neumaier compensation because the terms span many magnitudes
 * (domestic flows next to near-zero ones) and the IRLS stopping rule compares D to 1e‑8 relative.
 */
export function poissonDeviance(outcome: Float64Array, mean: Float64Array, priorWeights: Float64Array | null): number {
  let sum = 0;
  let compensation = 0;
  for (let n = 0; n < outcome.length; n++) {
    const y = outcome[n];
    const mu = mean[n];
    const term = (priorWeights ? priorWeights[n] : 1) * ((y > 0 ? y * Math.log(y / mu) : 0) - (y - mu));
    const t = sum + term;
    if (Math.abs(sum) >= Math.abs(term)) compensation += sum - t + term;
    else compensation += term - t + sum;
    sum = t;
  }
  return 2 * (sum + compensation);
}

/** Largest linear predictor passed to exp (exp(700) ≈ 1e304 stays finite). */
export const MAX_LINEAR_PREDICTOR = 700;
/** Smallest mean kept, so that weights and (y − μ)/μ stay finite. */
export const MIN_MEAN = 1e-300;

/** μ = exp(η) with the overflow/underflow guards of spec ppml.md §2.3 item 6. */
export function meanFromLinearPredictor(linearPredictor: Float64Array, mean: Float64Array): void {
  for (let n = 0; n < linearPredictor.length; n++) {
    const eta = Math.min(linearPredictor[n], MAX_LINEAR_PREDICTOR);
    mean[n] = Math.max(Math.exp(eta), MIN_MEAN);
  }
}

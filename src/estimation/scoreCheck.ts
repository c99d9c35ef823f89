import type { FixedEffectStructure } from "./fixedEffectStructure.js";

/**
 * Post-convergence check of the Poisson score equations (spec ppml.md §1 and §2.3 item 10):
 *
 *   regressor k:           |Σ_n w⁰_n (y_n − μ_n) x_nk| / Σ_n w⁰_n |y_n x_nk|
 *   level ℓ of factor f:   |Σ_{n∈ℓ} w⁰_n (y_n − μ_n)| / Σ_{n∈ℓ} w⁰_n y_n        (adding-up)
 *
 * At the maximum every ratio is 0; a fit whose deviance stopped changing while the inner projections
 * were inaccurate (or that was stopped early) fails here. A denominator of 0 falls back to Σ w⁰ μ|x|.
 */
export interface ScoreCheck {
  passed: boolean;
  threshold: number;
  maxRegressorScore: number;
  /** Index into the regressors of the largest regressor ratio (−1 without regressors). */
  worstRegressor: number;
  maxLevelScore: number;
  /** Factor and level of the largest level ratio (−1 without fixed effects). */
  worstFactor: number;
  worstLevel: number;
}

export function checkScoreEquations(
  outcome: Float64Array,
  mean: Float64Array,
  priorWeights: Float64Array | null,
  regressors: readonly Float64Array[],
  structure: FixedEffectStructure,
  threshold: number,
): ScoreCheck {
  const observationCount = outcome.length;
  let maxRegressorScore = 0;
  let worstRegressor = -1;
  regressors.forEach((column, k) => {
    let score = 0;
    let scaleFromOutcome = 0;
    let scaleFromMean = 0;
    for (let n = 0; n < observationCount; n++) {
      const weight = priorWeights ? priorWeights[n] : 1;
      score += weight * (outcome[n] - mean[n]) * column[n];
      scaleFromOutcome += weight * Math.abs(outcome[n] * column[n]);
      scaleFromMean += weight * Math.abs(mean[n] * column[n]);
    }
    const scale = scaleFromOutcome > 0 ? scaleFromOutcome : scaleFromMean;
    const ratio = scale > 0 ? Math.abs(score) / scale : 0;
    if (ratio > maxRegressorScore || worstRegressor < 0) {
      maxRegressorScore = ratio;
      worstRegressor = k;
    }
  });
  let maxLevelScore = 0;
  let worstFactor = -1;
  let worstLevel = -1;
  for (let f = 0; f < structure.codes.length; f++) {
    const codes = structure.codes[f];
    const levelCount = structure.levelCounts[f];
    const score = new Float64Array(levelCount);
    const scale = new Float64Array(levelCount);
    for (let n = 0; n < observationCount; n++) {
      const weight = priorWeights ? priorWeights[n] : 1;
      score[codes[n]] += weight * (outcome[n] - mean[n]);
      scale[codes[n]] += weight * outcome[n];
    }
    for (let level = 0; level < levelCount; level++) {
      const ratio = scale[level] > 0 ? Math.abs(score[level]) / scale[level] : Math.abs(score[level]);
      if (ratio > maxLevelScore || worstFactor < 0) {
        maxLevelScore = ratio;
        worstFactor = f;
        worstLevel = level;
      }
    }
  }
  const passed = maxRegressorScore <= threshold && maxLevelScore <= threshold;
  return { passed, threshold, maxRegressorScore, worstRegressor, maxLevelScore, worstFactor, worstLevel };
}

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
  let maxRegressorScore = 0;
  let worstRegressor = -1;
  for (let k = 0; k < regressors.length; k++) {
    const ratio = regressorScoreRatio(outcome, mean, priorWeights, regressors[k]);
    if (ratio > maxRegressorScore || worstRegressor < 0) {
      maxRegressorScore = ratio;
      worstRegressor = k;
    }
  }
  let maxLevelScore = 0;
  let worstFactor = -1;
  let worstLevel = -1;
  for (let f = 0; f < structure.codes.length; f++) {
    const ratios = levelScoreRatios(outcome, mean, priorWeights, structure.codes[f], structure.levelCounts[f]);
    for (let level = 0; level < ratios.length; level++) {
      if (ratios[level] > maxLevelScore || worstFactor < 0) {
        maxLevelScore = ratios[level];
        worstFactor = f;
        worstLevel = level;
      }
    }
  }
  const passed = maxRegressorScore <= threshold && maxLevelScore <= threshold;
  return { passed, threshold, maxRegressorScore, worstRegressor, maxLevelScore, worstFactor, worstLevel };
}

/** |Σ w⁰ (y − μ) x| / Σ w⁰ |y x| (or Σ w⁰ μ|x| when that is 0; 0 when both are). */
function regressorScoreRatio(outcome: Float64Array, mean: Float64Array, priorWeights: Float64Array | null, column: Float64Array): number {
  let score = 0;
  let scaleFromOutcome = 0;
  let scaleFromMean = 0;
  for (let n = 0; n < outcome.length; n++) {
    const weight = priorWeights ? priorWeights[n] : 1;
    score += weight * (outcome[n] - mean[n]) * column[n];
    scaleFromOutcome += weight * Math.abs(outcome[n] * column[n]);
    scaleFromMean += weight * Math.abs(mean[n] * column[n]);
  }
  const scale = scaleFromOutcome > 0 ? scaleFromOutcome : scaleFromMean;
  return scale > 0 ? Math.abs(score) / scale : 0;
}

/** Per level of one factor: |Σ_{n∈ℓ} w⁰ (y − μ)| / Σ_{n∈ℓ} w⁰ y (the absolute score when the level's Σ w⁰ y is 0). */
function levelScoreRatios(outcome: Float64Array, mean: Float64Array, priorWeights: Float64Array | null, codes: Int32Array, levelCount: number): Float64Array {
  const score = new Float64Array(levelCount);
  const scale = new Float64Array(levelCount);
  for (let n = 0; n < outcome.length; n++) {
    const weight = priorWeights ? priorWeights[n] : 1;
    score[codes[n]] += weight * (outcome[n] - mean[n]);
    scale[codes[n]] += weight * outcome[n];
  }
  for (let level = 0; level < levelCount; level++) score[level] = scale[level] > 0 ? Math.abs(score[level]) / scale[level] : Math.abs(score[level]);
  return score;
}

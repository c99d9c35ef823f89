import type { SolverResult } from "../solver/result.js";
import type { Factor } from "./factor.js";
import type { CombinationEstimate } from "./linearCombination.js";
import type { DroppedObservation } from "./pruneSample.js";
import type { ScoreCheck } from "./scoreCheck.js";
import type { SmallSampleConvention, VcovType } from "./ppmlVcov.js";

/**
 * What `fitPpml` returns: the project's `SolverResult` record whose `value` holds the estimates.
 *
 * - `converged` is true only when the deviance criterion was met at the target inner tolerance AND
 *   the score equations hold (`value.scoreCheck.passed`); `residual` is the final relative deviance
 *   change, `tolerance` the outer tolerance, `iterations` the IRLS iterations, `method` "ppml-hdfe-irls".
 * - `value.coefficients` lists the kept slopes in spec order; `value.droppedRegressors` the others.
 * - `value.vcov.matrix` is row-major over `value.coefficients` (K×K).
 * - `value.observations` counts: `inFrame` rows read, `inSample` after the sample filter, `used` in the fit,
 *   `dropped` by reason (missing, singleton, separated-by-fixed-effect) with every dropped row listed.
 * - `value.fit` holds per-observation arrays over the used rows (`rows[n]` = frame row of observation n).
 * - `value.fixedEffects` is filled when the spec gives a normalisation (see `recoverFixedEffects`).
 */
export interface CoefficientEstimate {
  name: string;
  estimate: number;
  stdError: number;
  zValue: number;
  pValue: number;
}

export interface DroppedRegressor {
  name: string;
  reason: "collinear-with-fixed-effects" | "collinear-with-regressors";
}

export interface ObservationCounts {
  inFrame: number;
  inSample: number;
  used: number;
  dropped: { missing: number; singleton: number; separatedByFixedEffect: number };
  droppedList: DroppedObservation[];
}

export interface FixedEffectSummary {
  name: string;
  levelCount: number;
  /** True when every level lies within one cluster (not counted in fixest's K). */
  nestedInCluster: boolean;
}

/** Recovered fixed effects of one factor: `values[ℓ]` is α for level `labels[ℓ]`. */
export interface FixedEffectEstimates {
  name: string;
  labels: string[];
  values: Float64Array;
}

export interface RecoveredFixedEffects {
  factors: FixedEffectEstimates[];
  /** max_n |φ_n − Σ_f α^f| after recovery: ≈ 0 when the normalisation is consistent. */
  maxResidual: number;
  /** Conjugate-gradient iterations used. */
  iterations: number;
  normalisation: string;
}

export interface PpmlFit {
  rows: Int32Array;
  outcome: Float64Array;
  mean: Float64Array;
  linearPredictor: Float64Array;
  /** φ_n = η_n − o_n − x_n'β: the fixed-effect part of the linear predictor. */
  fixedEffectSum: Float64Array;
  /** Factors restricted to the used rows. */
  factors: Factor[];
}

export interface PpmlEstimates {
  outcome: string;
  coefficients: CoefficientEstimate[];
  droppedRegressors: DroppedRegressor[];
  vcov: { type: VcovType; convention: SmallSampleConvention; multiplier: number; matrix: Float64Array };
  combinations: CombinationEstimate[];
  observations: ObservationCounts;
  clusters: { variable: string; count: number } | null;
  fixedEffectFactors: FixedEffectSummary[];
  deviance: number;
  /** Squared correlation of y and μ̂ (Stata `ppml` "R-squared", capybara pseudo R²). */
  pseudoRSquared: number;
  /** Σ [y ln μ − μ − ln Γ(y+1)] (Stata's pseudo log-likelihood). */
  pseudoLogLikelihood: number;
  scoreCheck: ScoreCheck;
  innerSweeps: number;
  stepHalvings: number;
  fit: PpmlFit;
  fixedEffects: RecoveredFixedEffects | null;
}

export type PpmlResult = SolverResult<PpmlEstimates>;

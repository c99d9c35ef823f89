import { choleskySolve, choleskyWithDropping } from "./choleskyWithDropping.js";
import type { FixedEffectStructure } from "./fixedEffectStructure.js";
import { meanFromLinearPredictor, poissonDeviance } from "./poissonDeviance.js";
import { createProjectionWorkspace, projectFixedEffectsColumns, setProjectionWeights, weightedDot } from "./projectFixedEffects.js";
import { checkScoreEquations, type ScoreCheck } from "./scoreCheck.js";
import { mapToFloat64 } from "../util/typedArrays.js";

/**
 * PPML with high-dimensional fixed effects by iteratively reweighted least squares, the fixed effects
 * partialled out of the working response and the regressors at every step (Correia, Guimarães &
 * Zylkin 2020, "Fast Poisson estimation with high-dimensional fixed effects", Stata Journal 20(1),
 * the ppmlhdfe algorithm; spec ppml.md §2.2–2.5):
 *
 *   ω = w⁰μ,  z = η − o + (y − μ)/μ,  (z̃, X̃) = M_ω(z, X),  β = (X̃'ΩX̃)⁻¹X̃'Ωz̃,  η ← o + z − (z̃ − X̃β).
 *
 * Start μ⁰ = (y + ȳ)/2. Step-halving when the deviance rises (from the second iteration on). Stop when
 * |D_r − D_{r−1}| / max(min(D_r, D_{r−1}), 0.1) < tolerance (ppmlhdfe), the last iteration having
 * used the target inner tolerance; the inner tolerance starts at 1e‑4 and tightens with the deviance
 * change (ppmlhdfe's adaptive rule). After that the score equations are checked; if they fail the
 * inner tolerance is tightened 100× and the iteration continues (at most `maxTightenings` times).
 */
export interface PpmlProblem {
  /** y_n ≥ 0, length N. */
  outcome: Float64Array;
  /** K columns of length N. */
  regressors: Float64Array[];
  offset: Float64Array | null;
  priorWeights: Float64Array | null;
  structure: FixedEffectStructure;
}

export interface IrlsOptions {
  /** Outer (deviance) tolerance; ppmlhdfe default 1e‑8. */
  tolerance: number;
  /** Target inner (projection) tolerance. */
  innerTolerance: number;
  maxIterations: number;
  maxSweeps: number;
  /** Largest relative score accepted by the post-convergence check. */
  scoreTolerance: number;
  maxTightenings: number;
}

export interface RegressorDrop {
  index: number;
  reason: "collinear-with-fixed-effects" | "collinear-with-regressors";
}

export interface IrlsOutcome {
  converged: boolean;
  iterations: number;
  deviance: number;
  relativeDevianceChange: number;
  /** β for every regressor (0 for dropped ones; see `kept`). */
  coefficients: Float64Array;
  kept: number[];
  dropped: RegressorDrop[];
  mean: Float64Array;
  linearPredictor: Float64Array;
  innerSweeps: number;
  finalInnerTolerance: number;
  /** Each regressor's fixed-effect coefficients from its last projection (a warm start for projecting it again at nearby weights). */
  regressorFixedEffects: Float64Array[];
  innerNotConverged: number;
  halvings: number;
  scoreCheck: ScoreCheck;
}

const INITIAL_INNER_TOLERANCE = 1e-4;
/** Relative residual sum of squares below which a column counts as spanned by the fixed effects (§2.1 item 5). */
const FE_COLLINEARITY_TOLERANCE = 1e-9;
/** Pivot threshold of the Cholesky rank test (§2.5). */
const PIVOT_TOLERANCE = 1e-10;
const MAX_HALVINGS = 10;

export function ppmlIrls(problem: PpmlProblem, options: IrlsOptions): IrlsOutcome {
  const { outcome, regressors, offset, priorWeights, structure } = problem;
  const observationCount = outcome.length;
  const regressorCount = regressors.length;
  const workspace = createProjectionWorkspace(structure, regressorCount + 1);
  const weights = new Float64Array(observationCount);
  const working = new Float64Array(observationCount);
  const workingTilde = new Float64Array(observationCount);
  const regressorsTilde = regressors.map(() => new Float64Array(observationCount));
  const workingAlpha = new Float64Array(structure.totalLevels);
  const regressorAlpha = regressors.map(() => new Float64Array(structure.totalLevels));
  const mean = new Float64Array(observationCount);
  const linearPredictor = new Float64Array(observationCount);
  const previousPredictor = new Float64Array(observationCount);
  const residual = new Float64Array(observationCount);
  const coefficients = new Float64Array(regressorCount);

  let weightSum = 0;
  let weightedOutcome = 0;
  for (let n = 0; n < observationCount; n++) {
    const w = priorWeights ? priorWeights[n] : 1;
    weightSum += w;
    weightedOutcome += w * outcome[n];
  }
  const outcomeMean = weightedOutcome / weightSum;
  for (let n = 0; n < observationCount; n++) {
    mean[n] = (outcome[n] + outcomeMean) / 2;
    linearPredictor[n] = Math.log(mean[n]);
  }
  // μ⁰ is not in the model space and may have a lower deviance than the MLE: it is no reference
  // for step-halving, so the first iteration is accepted as it comes (as R's glm.fit does).
  let deviance = Infinity;

  let active = regressors.map((_, k) => k);
  const dropped: RegressorDrop[] = [];
  let innerTolerance = Math.max(INITIAL_INNER_TOLERANCE, options.innerTolerance);
  let targetInnerTolerance = options.innerTolerance;
  let tightenings = 0;
  let innerSweeps = 0;
  let innerNotConverged = 0;
  let halvings = 0;
  let relativeChange = Infinity;
  let converged = false;
  let iteration = 0;
  let scoreCheck = checkScoreEquations(outcome, mean, priorWeights, regressors, structure, options.scoreTolerance);

  while (iteration < options.maxIterations) {
    iteration += 1;
    const usedInnerTolerance = innerTolerance;
    setWorkingResponse(outcome, mean, linearPredictor, offset, priorWeights, weights, working);
    setProjectionWeights(structure, weights, workspace);
    // The working response and every active regressor in one set of sweeps (projectFixedEffects.ts).
    const projected = projectFixedEffectsColumns(
      structure,
      weights,
      [working, ...active.map((k) => regressors[k])],
      [workingAlpha, ...active.map((k) => regressorAlpha[k])],
      [workingTilde, ...active.map((k) => regressorsTilde[k])],
      workspace,
      usedInnerTolerance,
      options.maxSweeps,
    );
    for (const result of projected) {
      innerSweeps += result.sweeps;
      if (!result.converged) innerNotConverged += 1;
    }

    if (iteration === 1) {
      active = active.filter((k) => {
        const spanned = weightedDot(weights, regressorsTilde[k], regressorsTilde[k]) <= FE_COLLINEARITY_TOLERANCE * weightedDot(weights, regressors[k], regressors[k]);
        if (spanned) dropped.push({ index: k, reason: "collinear-with-fixed-effects" });
        return !spanned;
      });
    }
    const activeBeta = solveWeightedLeastSquares(active, regressorsTilde, workingTilde, weights, dropped);
    active = activeBeta.kept;
    coefficients.fill(0);
    active.forEach((k, a) => (coefficients[k] = activeBeta.beta[a]));

    previousPredictor.set(linearPredictor);
    // residual = z̃ − Σ_k x̃_k β_k, subtracted one column at a time (the same operations in the same order per
    // observation as a loop over k inside the loop over n, without reading k's column through an array per element).
    residual.set(workingTilde);
    for (const k of active) subtractMultiple(regressorsTilde[k], coefficients[k], residual);
    setLinearPredictor(offset, working, residual, linearPredictor);
    meanFromLinearPredictor(linearPredictor, mean);
    let newDeviance = poissonDeviance(outcome, mean, priorWeights);
    for (let h = 0; h < MAX_HALVINGS && !(newDeviance <= deviance * (1 + 1e-7) + 1e-12); h++) {
      halveStep(previousPredictor, linearPredictor);
      meanFromLinearPredictor(linearPredictor, mean);
      newDeviance = poissonDeviance(outcome, mean, priorWeights);
      halvings += 1;
    }
    relativeChange = iteration === 1 ? Infinity : Math.abs(newDeviance - deviance) / Math.max(Math.min(newDeviance, deviance), 0.1);
    deviance = newDeviance;
    const atTarget = usedInnerTolerance <= targetInnerTolerance;
    innerTolerance = Math.max(Math.min(innerTolerance, 0.1 * relativeChange), targetInnerTolerance);
    if (iteration > 1 && relativeChange < options.tolerance && atTarget) {
      scoreCheck = checkScoreEquations(outcome, mean, priorWeights, active.map((k) => regressors[k]), structure, options.scoreTolerance);
      if (scoreCheck.passed) {
        converged = true;
        break;
      }
      if (tightenings >= options.maxTightenings) break;
      tightenings += 1;
      targetInnerTolerance /= 100;
      innerTolerance = targetInnerTolerance;
    }
  }
  if (!converged) {
    scoreCheck = checkScoreEquations(outcome, mean, priorWeights, active.map((k) => regressors[k]), structure, options.scoreTolerance);
  }
  if (scoreCheck.worstRegressor >= 0) scoreCheck = { ...scoreCheck, worstRegressor: active[scoreCheck.worstRegressor] };
  return {
    converged,
    iterations: iteration,
    deviance,
    relativeDevianceChange: relativeChange,
    coefficients,
    kept: active,
    dropped,
    mean,
    linearPredictor,
    innerSweeps,
    finalInnerTolerance: targetInnerTolerance,
    regressorFixedEffects: regressorAlpha,
    innerNotConverged,
    halvings,
    scoreCheck,
  };
}

/*
 * The per-observation loops of an iteration are leaf functions: ppmlIrls itself runs once per fit, so V8 only
 * ever compiles its loops on the fly (on-stack replacement) and drops that code at the first statement after a
 * loop that had not run yet — the loops then ran interpreted, allocating a boxed number per operation (200 MB
 * a fit on the RTA-lags panel). A leaf function called every iteration is optimised once and stays so.
 */

/** ω = w⁰μ and z = η − o + (y − μ)/μ. */
function setWorkingResponse(outcome: Float64Array, mean: Float64Array, linearPredictor: Float64Array, offset: Float64Array | null, priorWeights: Float64Array | null, weights: Float64Array, working: Float64Array): void {
  for (let n = 0; n < outcome.length; n++) {
    weights[n] = (priorWeights ? priorWeights[n] : 1) * mean[n];
    working[n] = linearPredictor[n] - (offset ? offset[n] : 0) + (outcome[n] - mean[n]) / mean[n];
  }
}

/** out −= column · factor. */
function subtractMultiple(column: Float64Array, factor: number, out: Float64Array): void {
  for (let n = 0; n < out.length; n++) out[n] -= column[n] * factor;
}

/** η = o + z − residual. */
function setLinearPredictor(offset: Float64Array | null, working: Float64Array, residual: Float64Array, linearPredictor: Float64Array): void {
  for (let n = 0; n < linearPredictor.length; n++) linearPredictor[n] = (offset ? offset[n] : 0) + working[n] - residual[n];
}

/** η ← (η + η_previous) / 2. */
function halveStep(previous: Float64Array, linearPredictor: Float64Array): void {
  for (let n = 0; n < linearPredictor.length; n++) linearPredictor[n] = (linearPredictor[n] + previous[n]) / 2;
}

/**
 * β = (X̃'ΩX̃)⁻¹X̃'Ωz̃ over the `active` columns; columns the rank test rejects are appended to
 * `dropped` as collinear with the other regressors. Returns the surviving columns and their β.
 */
function solveWeightedLeastSquares(
  active: number[],
  regressorsTilde: Float64Array[],
  workingTilde: Float64Array,
  weights: Float64Array,
  dropped: RegressorDrop[],
): { kept: number[]; beta: Float64Array } {
  const size = active.length;
  const crossProduct = new Float64Array(size * size);
  const rightHandSide = new Float64Array(size);
  for (let a = 0; a < size; a++) {
    const columnA = regressorsTilde[active[a]];
    for (let b = 0; b <= a; b++) {
      const sum = weightedDot(weights, columnA, regressorsTilde[active[b]]);
      crossProduct[a * size + b] = sum;
      crossProduct[b * size + a] = sum;
    }
    rightHandSide[a] = weightedDot(weights, columnA, workingTilde);
  }
  const factor = choleskyWithDropping(crossProduct, size, PIVOT_TOLERANCE);
  for (let a = 0; a < size; a++) {
    if (!factor.kept.includes(a)) dropped.push({ index: active[a], reason: "collinear-with-regressors" });
  }
  const beta = choleskySolve(factor, mapToFloat64(factor.kept, (a) => rightHandSide[a]));
  return { kept: factor.kept.map((a) => active[a]), beta };
}

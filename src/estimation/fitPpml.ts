import { TradewindsInputError, message } from "../messages.js";
import { clusterName, type EstimationSpec } from "./estimationSpec.js";
import { estimationSample, type EstimationSample } from "./estimationSample.js";
import { fixedEffectStructure } from "./fixedEffectStructure.js";
import type { DataFrame } from "./frame.js";
import { linearCombination, twoSidedNormalPValue, type CoefficientTable } from "./linearCombination.js";
import { ppmlIrls } from "./ppmlIrls.js";
import type { FixedEffectSummary, PpmlResult } from "./ppmlResult.js";
import { ppmlVcov } from "./ppmlVcov.js";
import { createProjectionWorkspace, projectFixedEffectsColumns, setProjectionWeights } from "./projectFixedEffects.js";
import { deriveColumns, sampleRows } from "./prepareFrame.js";
import { recoverFixedEffects } from "./recoverFixedEffects.js";
import { mapToFloat64 } from "../util/typedArrays.js";

/**
 * Fits a PPML model with high-dimensional fixed effects (Santos Silva & Tenreyro 2006; the ppmlhdfe
 * algorithm of Correia, Guimarães & Zylkin 2020; spec ppml.md). Pipeline:
 *
 *   frame ─▶ derive columns ─▶ sample filter ─▶ drop missing / singletons / FE-separated
 *         ─▶ IRLS with weighted alternating projections ─▶ score check ─▶ vcov ─▶ lincom ─▶ FE recovery
 *
 * Returns the `PpmlResult` record (see ppmlResult.ts). A fit that stops before the score equations hold
 * is an error: `PpmlNotConvergedError` carrying the record, unless `onNotConverged: "return"`.
 */
export interface FitPpmlOptions {
  /** "throw" (default): a non-converged fit throws `PpmlNotConvergedError`; "return": report it in the record. */
  onNotConverged?: "throw" | "return";
  /** Where the spec came from, for errors about its normalisation and combinations: the file, and the spec's field path in it ("" for a spec file). */
  specSource?: { source: string; path: string };
}

export class PpmlNotConvergedError extends Error {
  readonly result: PpmlResult;
  constructor(result: PpmlResult) {
    super(message.ppmlNotConverged(result.iterations, result.residual, result.tolerance, result.value.scoreCheck.maxRegressorScore, result.value.scoreCheck.maxLevelScore));
    this.name = "PpmlNotConvergedError";
    this.result = result;
  }
}

/** Tighter than the IRLS target: the bread and scores use X̃ at the final weights (spec §2.7). */
const VCOV_INNER_TOLERANCE_FACTOR = 0.01;

export function fitPpml(frame: DataFrame, spec: EstimationSpec, options: FitPpmlOptions = {}): PpmlResult {
  // 1. Derived columns and the sample filter.
  const derived = deriveColumns(frame, spec.derive);
  const candidateRows = sampleRows(derived, spec.sample);
  // 2. Missing values, singletons, separation by a fixed effect.
  const sample = estimationSample(derived, spec, candidateRows);
  if (sample.rows.length === 0) {
    throw new TradewindsInputError([{ source: frame.source, path: "sample", value: String(candidateRows.length), message: message.emptyEstimationSample() }]);
  }
  const structure = fixedEffectStructure(
    sample.factors.map((f) => f.codes),
    sample.factors.map((f) => f.levelCount),
    sample.rows.length,
  );
  // 3. IRLS with the fixed effects partialled out; score equations checked at the end.
  const irls = ppmlIrls(
    { outcome: sample.outcome, regressors: sample.regressors, offset: sample.offset, priorWeights: sample.priorWeights, structure },
    { ...spec.options, maxTightenings: 3 },
  );
  const kept = irls.kept;
  // 4. Variance–covariance from X̃ at the final weights.
  const weights = mapToFloat64(irls.mean, (mu, n) => (sample.priorWeights ? sample.priorWeights[n] : 1) * mu);
  const workspace = createProjectionWorkspace(structure, kept.length);
  setProjectionWeights(structure, weights, workspace);
  const regressorsTilde = kept.map(() => new Float64Array(sample.rows.length));
  projectFixedEffectsColumns(
    structure,
    weights,
    kept.map((k) => sample.regressors[k]),
    // Warm start: the last IRLS projection of each regressor, at weights one step away.
    kept.map((k) => Float64Array.from(irls.regressorFixedEffects[k])),
    regressorsTilde,
    workspace,
    irls.finalInnerTolerance * VCOV_INNER_TOLERANCE_FACTOR,
    spec.options.maxSweeps,
  );
  const factorSummaries = summariseFactors(sample);
  const vcov = ppmlVcov({
    type: spec.vcov.type,
    convention: spec.vcov.smallSample,
    outcome: sample.outcome,
    mean: irls.mean,
    priorWeights: sample.priorWeights,
    regressorsTilde,
    clusters: sample.clusters,
    clusterCount: sample.clusterCount,
    fixedEffectParameters: fixestFixedEffectParameters(factorSummaries),
  });
  const names = kept.map((k) => spec.regressors[k]);
  const estimates = mapToFloat64(kept, (k) => irls.coefficients[k]);
  const table: CoefficientTable = { names, estimates, vcov: vcov.matrix };
  const coefficients = names.map((name, a) => {
    const stdError = Math.sqrt(Math.max(vcov.matrix[a * names.length + a], 0));
    const zValue = stdError > 0 ? estimates[a] / stdError : 0;
    return { name, estimate: estimates[a], stdError, zValue, pValue: twoSidedNormalPValue(zValue) };
  });
  // 5. Linear combinations, fit statistics, fixed effects.
  const combinations = spec.combinations.map((c, k) =>
    linearCombination(table, c.name, c.weights, options.specSource && { source: options.specSource.source, path: fieldPath(options.specSource.path, `combinations[${k}]`) }),
  );
  const fixedEffectSum = mapToFloat64(irls.linearPredictor, (eta, n) => {
    let value = eta - (sample.offset ? sample.offset[n] : 0);
    for (const k of kept) value -= irls.coefficients[k] * sample.regressors[k][n];
    return value;
  });
  const fit = { rows: sample.rows, outcome: sample.outcome, mean: irls.mean, linearPredictor: irls.linearPredictor, fixedEffectSum, factors: sample.factors };
  const countOf = (reason: string): number => sample.dropped.filter((d) => d.reason === reason).length;
  const warnings: string[] = [];
  if (irls.innerNotConverged > 0) warnings.push(message.projectionSweepCap(irls.innerNotConverged, spec.options.maxSweeps));
  const result: PpmlResult = {
    converged: irls.converged,
    iterations: irls.iterations,
    residual: irls.relativeDevianceChange,
    residualNorm: "relative deviance change |ΔD|/max(min(D_r, D_r−1), 0.1)",
    tolerance: spec.options.tolerance,
    method: "ppml-hdfe-irls",
    warnings,
    value: {
      outcome: spec.outcome,
      coefficients,
      droppedRegressors: irls.dropped.map((d) => ({ name: spec.regressors[d.index], reason: d.reason })),
      vcov: { type: spec.vcov.type, convention: spec.vcov.smallSample, multiplier: vcov.multiplier, matrix: vcov.matrix },
      combinations,
      observations: {
        inFrame: frame.rowCount,
        inSample: sample.inSample,
        used: sample.rows.length,
        dropped: { missing: countOf("missing"), singleton: countOf("singleton"), separatedByFixedEffect: countOf("separated-by-fixed-effect") },
        droppedList: sample.dropped,
      },
      clusters: spec.vcov.type === "cluster" && spec.vcov.cluster ? { variable: clusterName(spec.vcov.cluster), count: sample.clusterCount } : null,
      fixedEffectFactors: factorSummaries,
      deviance: irls.deviance,
      pseudoRSquared: squaredCorrelation(sample.outcome, irls.mean),
      pseudoLogLikelihood: pseudoLogLikelihood(sample.outcome, irls.mean),
      scoreCheck: irls.scoreCheck,
      innerSweeps: irls.innerSweeps,
      stepHalvings: irls.halvings,
      fit,
      fixedEffects: spec.normalisation.length > 0 ? recoverFixedEffects(fit, spec.normalisation, undefined, undefined, options.specSource) : null,
    },
  };
  if (!result.converged && options.onNotConverged !== "return") throw new PpmlNotConvergedError(result);
  return result;
}

/** Per factor: level count and whether each level lies inside one cluster (fixest's "nested"). */
function summariseFactors(sample: EstimationSample): FixedEffectSummary[] {
  return sample.factors.map((factor) => {
    let nestedInCluster = false;
    if (sample.clusters) {
      const clusterOfLevel = new Int32Array(factor.levelCount).fill(-1);
      nestedInCluster = true;
      for (let n = 0; n < factor.codes.length && nestedInCluster; n++) {
        const level = factor.codes[n];
        if (clusterOfLevel[level] < 0) clusterOfLevel[level] = sample.clusters[n];
        else if (clusterOfLevel[level] !== sample.clusters[n]) nestedInCluster = false;
      }
    }
    return { name: factor.name, levelCount: factor.levelCount, nestedInCluster };
  });
}

/**
 * fixest's FE parameter count for K: levels of the non-nested factors minus one reference per
 * additional factor (exact for a connected design; an approximation otherwise — stated, not hidden).
 */
function fixestFixedEffectParameters(factors: FixedEffectSummary[]): number {
  const counted = factors.filter((f) => !f.nestedInCluster);
  const levels = counted.reduce((sum, f) => sum + f.levelCount, 0);
  return Math.max(levels - Math.max(counted.length - 1, 0), 0);
}

function squaredCorrelation(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let meanA = 0;
  let meanB = 0;
  for (let k = 0; k < n; k++) {
    meanA += a[k] / n;
    meanB += b[k] / n;
  }
  let cross = 0;
  let squaresA = 0;
  let squaresB = 0;
  for (let k = 0; k < n; k++) {
    cross += (a[k] - meanA) * (b[k] - meanB);
    squaresA += (a[k] - meanA) ** 2;
    squaresB += (b[k] - meanB) ** 2;
  }
  return squaresA > 0 && squaresB > 0 ? (cross * cross) / (squaresA * squaresB) : 0;
}

/** Σ [y ln μ − μ − ln Γ(y+1)], ln Γ by Stirling's series (y may be non-integer; exact enough for a log). */
function pseudoLogLikelihood(outcome: Float64Array, mean: Float64Array): number {
  let sum = 0;
  for (let n = 0; n < outcome.length; n++) sum += outcome[n] * Math.log(mean[n]) - mean[n] - logGammaOnePlus(outcome[n]);
  return sum;
}

/** ln Γ(1 + y) for y ≥ 0: shift to y ≥ 7, then Stirling's series with three correction terms. */
function logGammaOnePlus(y: number): number {
  let x = 1 + y;
  let shift = 0;
  while (x < 7) {
    shift -= Math.log(x);
    x += 1;
  }
  const inverse = 1 / x;
  const inverseSquared = inverse * inverse;
  return shift + (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + inverse * (1 / 12 - inverseSquared * (1 / 360 - inverseSquared / 1260));
}

/** "a.b" joined, skipping an empty prefix. */
function fieldPath(prefix: string, field: string): string {
  return prefix ? `${prefix}.${field}` : field;
}

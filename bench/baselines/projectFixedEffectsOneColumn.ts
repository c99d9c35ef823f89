/**
 * BENCH BASELINE ONLY — the one-column-at-a-time projection kernel as it was before the multi-column
 * rewrite (src/estimation/projectFixedEffects.ts at commit 02c78fd), kept verbatim so that
 * bench/ppml-projection.ts can time the old and new kernels in one process. Not used by the package.
 */
import { sumFixedEffects, type FixedEffectStructure } from "../../src/estimation/fixedEffectStructure.js";

/**
 * Weighted alternating projections ("demeaning"): the residual of v after the weighted least-squares
 * projection onto the span of all fixed-effect dummies,
 *
 *   r = v − D α̂,   α̂ = argmin_α Σ_n ω_n (v_n − Σ_f α^f_{g_f(n)})².
 *
 * Algorithm: Gauss–Seidel sweeps over the factors on the coefficient vector α (the method of
 * alternating projections, Gaure 2013 "OLS with multiple high dimensional category variables",
 * CSDA 66; as in Bergé's fixest `demean`), accelerated by the Irons–Tuck (1969) vector extrapolation
 * that fixest uses: from x, Gx = T(x), GGx = T(Gx),
 *
 *   δ1 = GGx − Gx,  δ2 = GGx − 2Gx + x,  x ← GGx − (⟨δ1,δ2⟩/⟨δ2,δ2⟩) δ1,
 *
 * followed by a plain sweep. The iteration runs on α (length Σ L_f), so accelerating is cheap, and
 * the caller's α is a warm start (ppmlhdfe/fixest reuse the previous IRLS iteration's coefficients).
 *
 * Stopping rule: the weighted RMS change of the fitted fixed effects in one sweep is at most
 * `tolerance · (1 + RMS_ω(v))`. Levels flagged in `heldAtZero` keep α = 0 (a normalisation; the span
 * must still be reached with the remaining levels, e.g. one reference level per extra factor).
 */
export interface ProjectionWorkspace {
  /** Σ_{n∈ℓ} ω_n per level, set by `setProjectionWeights`. */
  levelWeight: Float64Array;
  totalWeight: number;
  fitted: Float64Array;
  fittedAtStart: Float64Array;
  levelShift: Float64Array;
  once: Float64Array;
  twice: Float64Array;
}

export interface ProjectionOutcome {
  sweeps: number;
  converged: boolean;
  /** Last weighted RMS change of the fitted fixed effects, relative to 1 + RMS_ω(v). */
  relativeChange: number;
}

/** Allocates the buffers once per fit; every projection of that fit reuses them. */
export function createProjectionWorkspace(structure: FixedEffectStructure): ProjectionWorkspace {
  const n = structure.observationCount;
  const levels = structure.totalLevels;
  return {
    levelWeight: new Float64Array(levels),
    totalWeight: 0,
    fitted: new Float64Array(n),
    fittedAtStart: new Float64Array(n),
    levelShift: new Float64Array(levels),
    once: new Float64Array(levels),
    twice: new Float64Array(levels),
  };
}

/** Stores the per-level weight sums of ω (call once per IRLS iteration, before projecting). */
export function setProjectionWeights(structure: FixedEffectStructure, weights: Float64Array, workspace: ProjectionWorkspace): void {
  workspace.levelWeight.fill(0);
  let total = 0;
  for (let n = 0; n < structure.observationCount; n++) total += weights[n];
  workspace.totalWeight = total;
  for (let f = 0; f < structure.codes.length; f++) {
    const codes = structure.codes[f];
    const offset = structure.levelOffsets[f];
    for (let n = 0; n < structure.observationCount; n++) workspace.levelWeight[offset + codes[n]] += weights[n];
  }
}

/**
 * One Gauss–Seidel sweep α_in → α_out over all factors. Returns Σ ω (Δ fitted)². On return
 * `workspace.fitted` holds Σ_f α_out.
 */
function gaussSeidelSweep(
  structure: FixedEffectStructure,
  weights: Float64Array,
  values: Float64Array,
  coefficientsIn: Float64Array,
  coefficientsOut: Float64Array,
  heldAtZero: Uint8Array | null,
  workspace: ProjectionWorkspace,
): number {
  const { fitted, fittedAtStart, levelShift, levelWeight } = workspace;
  const observationCount = structure.observationCount;
  sumFixedEffects(structure, coefficientsIn, fitted);
  fittedAtStart.set(fitted);
  if (coefficientsOut !== coefficientsIn) coefficientsOut.set(coefficientsIn);
  for (let f = 0; f < structure.codes.length; f++) {
    const codes = structure.codes[f];
    const offset = structure.levelOffsets[f];
    const levelCount = structure.levelCounts[f];
    const shift = levelShift.subarray(offset, offset + levelCount);
    shift.fill(0);
    for (let n = 0; n < observationCount; n++) shift[codes[n]] += weights[n] * (values[n] - fitted[n]);
    for (let level = 0; level < levelCount; level++) {
      const weight = levelWeight[offset + level];
      if (weight > 0 && !(heldAtZero && heldAtZero[offset + level])) {
        shift[level] /= weight;
        coefficientsOut[offset + level] += shift[level];
      } else {
        shift[level] = 0;
      }
    }
    for (let n = 0; n < observationCount; n++) fitted[n] += shift[codes[n]];
  }
  let change = 0;
  for (let n = 0; n < observationCount; n++) {
    const d = fitted[n] - fittedAtStart[n];
    change += weights[n] * d * d;
  }
  return change;
}

/**
 * Projects the fixed effects out of `values` (weights as last set by `setProjectionWeights`).
 * `coefficients` is the warm start on entry and α̂ on exit; `residualOut[n] = v_n − Σ_f α̂^f`.
 */
export function projectFixedEffects(
  structure: FixedEffectStructure,
  weights: Float64Array,
  values: Float64Array,
  coefficients: Float64Array,
  residualOut: Float64Array,
  workspace: ProjectionWorkspace,
  tolerance: number,
  maxSweeps: number,
  heldAtZero: Uint8Array | null = null,
): ProjectionOutcome {
  const observationCount = structure.observationCount;
  let meanSquare = 0;
  for (let n = 0; n < observationCount; n++) meanSquare += weights[n] * values[n] * values[n];
  const scale = (1 + Math.sqrt(meanSquare / workspace.totalWeight)) * Math.sqrt(workspace.totalWeight);
  const threshold = tolerance * scale;
  const { once, twice } = workspace;
  let sweeps = 0;
  let relativeChange = Infinity;
  let converged = false;
  while (sweeps < maxSweeps) {
    relativeChange = Math.sqrt(gaussSeidelSweep(structure, weights, values, coefficients, once, heldAtZero, workspace)) / scale;
    sweeps += 1;
    if (relativeChange * scale <= threshold) {
      coefficients.set(once);
      converged = true;
      break;
    }
    if (sweeps >= maxSweeps) {
      coefficients.set(once);
      break;
    }
    relativeChange = Math.sqrt(gaussSeidelSweep(structure, weights, values, once, twice, heldAtZero, workspace)) / scale;
    sweeps += 1;
    if (relativeChange * scale <= threshold) {
      coefficients.set(twice);
      converged = true;
      break;
    }
    let inner = 0;
    let squared = 0;
    for (let k = 0; k < coefficients.length; k++) {
      const delta1 = twice[k] - once[k];
      const delta2 = twice[k] - 2 * once[k] + coefficients[k];
      inner += delta1 * delta2;
      squared += delta2 * delta2;
    }
    const step = squared > 0 ? inner / squared : 0;
    for (let k = 0; k < coefficients.length; k++) coefficients[k] = twice[k] - step * (twice[k] - once[k]);
  }
  if (!converged) sumFixedEffects(structure, coefficients, workspace.fitted);
  const fitted = workspace.fitted;
  for (let n = 0; n < observationCount; n++) residualOut[n] = values[n] - fitted[n];
  return { sweeps, converged, relativeChange };
}

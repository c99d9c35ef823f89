import { sumFixedEffects, type FixedEffectStructure } from "./fixedEffectStructure.js";
import { sweepKernels } from "./sweepKernels.js";

/**
 * Weighted alternating projections ("demeaning"): the residual of each column v after the weighted
 * least-squares projection onto the span of all fixed-effect dummies,
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
 * All columns of one IRLS step (the working response and every regressor) are swept together, stored
 * interleaved ([n·C + c]): one pass over the factor codes and weights serves every column, and the
 * fitted values D α are carried from sweep to sweep (and extrapolated with α, which they are linear
 * in) instead of being re-summed from α each sweep. A column leaves the set when it converges.
 *
 * Stopping rule, per column: the weighted RMS change of the fitted fixed effects in one sweep is at most
 * `tolerance · (1 + RMS_ω(v))`. Levels flagged in `heldAtZero` keep α = 0 (a normalisation; the span
 * must still be reached with the remaining levels, e.g. one reference level per extra factor).
 */
export interface ProjectionWorkspace {
  /** Σ_{n∈ℓ} ω_n per level, set by `setProjectionWeights`. */
  levelWeight: Float64Array;
  totalWeight: number;
  /** Columns the interleaved buffers hold room for (grown on demand). */
  capacity: number;
  /** Interleaved [n·C + c]: the values, and two buffers of fitted values D α that sweeps alternate between. */
  values: Float64Array;
  fitted: Float64Array;
  spare: Float64Array;
  /** Per factor, observation n's level slot (offset_f + code)·C for the current C (set per projection and compaction). */
  slots: Int32Array[];
  /** Interleaved [level·C + c]: α, T(α), T(T(α)), and one factor's shift. */
  start: Float64Array;
  once: Float64Array;
  twice: Float64Array;
  shift: Float64Array;
}

export interface ProjectionOutcome {
  sweeps: number;
  converged: boolean;
  /** Last weighted RMS change of the fitted fixed effects, relative to 1 + RMS_ω(v). */
  relativeChange: number;
}

/** Allocates the buffers once per fit (room for `columns` columns at once); every projection of that fit reuses them. */
export function createProjectionWorkspace(structure: FixedEffectStructure, columns = 1): ProjectionWorkspace {
  const workspace: ProjectionWorkspace = {
    levelWeight: new Float64Array(structure.totalLevels),
    totalWeight: 0,
    capacity: 0,
    slots: structure.codes.map(() => new Int32Array(structure.observationCount)),
    values: new Float64Array(0),
    fitted: new Float64Array(0),
    spare: new Float64Array(0),
    start: new Float64Array(0),
    once: new Float64Array(0),
    twice: new Float64Array(0),
    shift: new Float64Array(0),
  };
  reserve(structure, workspace, columns);
  return workspace;
}

function reserve(structure: FixedEffectStructure, workspace: ProjectionWorkspace, columns: number): void {
  if (columns <= workspace.capacity) return;
  const n = structure.observationCount * columns;
  const levels = structure.totalLevels * columns;
  workspace.capacity = columns;
  workspace.values = new Float64Array(n);
  workspace.fitted = new Float64Array(n);
  workspace.spare = new Float64Array(n);
  workspace.start = new Float64Array(levels);
  workspace.once = new Float64Array(levels);
  workspace.twice = new Float64Array(levels);
  workspace.shift = new Float64Array(levels);
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
 * One Gauss–Seidel sweep α_in → α_out over all factors for the C interleaved columns: reads D α_in from
 * `fitted`, writes D α_out to `next`, and Σ_n ω (Δ fitted)² per column to `change`. Factor f's update of
 * the fitted values and factor f+1's weighted residual sums share one pass over the observations, so a
 * sweep over F factors reads the data F + 1 times (factor 0's sums; F − 1 fused passes; the last update
 * with the change). `shift` holds every factor's level shifts at (offset_f + ℓ)·C + c.
 */
function gaussSeidelSweep(structure: FixedEffectStructure, weights: Float64Array, values: Float64Array, C: number, coefficientsIn: Float64Array, coefficientsOut: Float64Array, fitted: Float64Array, next: Float64Array, heldAtZero: Uint8Array | null, workspace: ProjectionWorkspace, change: Float64Array): void {
  const { shift, levelWeight, slots } = workspace;
  const observationCount = structure.observationCount;
  const factorCount = structure.codes.length;
  const kernels = sweepKernels(C);
  if (coefficientsOut !== coefficientsIn) coefficientsOut.set(coefficientsIn.subarray(0, structure.totalLevels * C));
  // Factor 0: Σ_{n∈ℓ} ω_n (v_n − fitted_n).
  const clear = (f: number) => shift.fill(0, structure.levelOffsets[f] * C, (structure.levelOffsets[f] + structure.levelCounts[f]) * C);
  clear(0);
  kernels.firstPass(observationCount, weights, slots[0], values, fitted, shift);
  normaliseShift(structure, 0, C, shift, levelWeight, coefficientsOut, heldAtZero);
  // Factor f − 1's update fused with factor f's sums; the first fused pass moves fitted → next.
  for (let f = 1; f < factorCount; f++) {
    clear(f);
    kernels.fusedPass(observationCount, weights, slots[f - 1], slots[f], values, f === 1 ? fitted : next, next, shift);
    normaliseShift(structure, f, C, shift, levelWeight, coefficientsOut, heldAtZero);
  }
  // The last factor's update, and the change of the fitted values over the sweep.
  kernels.lastPass(observationCount, weights, slots[factorCount - 1], factorCount === 1 ? fitted : next, next, fitted, shift, change);
}

/** shift_f /= level weight (0 for empty or held levels); α_out += shift_f. */
function normaliseShift(structure: FixedEffectStructure, f: number, C: number, shift: Float64Array, levelWeight: Float64Array, coefficientsOut: Float64Array, heldAtZero: Uint8Array | null): void {
  const offset = structure.levelOffsets[f];
  for (let level = 0; level < structure.levelCounts[f]; level++) {
    const weight = levelWeight[offset + level];
    const at = (offset + level) * C;
    if (weight > 0 && !(heldAtZero && heldAtZero[offset + level])) {
      const inverse = 1 / weight;
      for (let c = 0; c < C; c++) {
        const s = shift[at + c] * inverse;
        shift[at + c] = s;
        coefficientsOut[at + c] += s;
      }
    } else {
      for (let c = 0; c < C; c++) shift[at + c] = 0;
    }
  }
}

/** Sets every factor's level slots (offset_f + code)·C for C columns. */
function setSlots(structure: FixedEffectStructure, C: number, slots: Int32Array[]): void {
  for (let f = 0; f < structure.codes.length; f++) {
    const codes = structure.codes[f];
    const offset = structure.levelOffsets[f];
    const slot = slots[f];
    for (let n = 0; n < structure.observationCount; n++) slot[n] = (offset + codes[n]) * C;
  }
}

/**
 * Projects the fixed effects out of several columns at once (weights as last set by
 * `setProjectionWeights`). `coefficients[c]` is column c's warm start on entry and its α̂ on exit;
 * `residualOut[c][n] = columns[c][n] − Σ_f α̂^f`. Returns one outcome per column.
 */
export function projectFixedEffectsColumns(
  structure: FixedEffectStructure,
  weights: Float64Array,
  columns: readonly Float64Array[],
  coefficients: readonly Float64Array[],
  residualOut: readonly Float64Array[],
  workspace: ProjectionWorkspace,
  tolerance: number,
  maxSweeps: number,
  heldAtZero: Uint8Array | null = null,
): ProjectionOutcome[] {
  const observationCount = structure.observationCount;
  const levels = structure.totalLevels;
  const count = columns.length;
  reserve(structure, workspace, count);
  const outcomes: ProjectionOutcome[] = columns.map(() => ({ sweeps: 0, converged: false, relativeChange: Infinity }));
  if (count === 0) return outcomes;
  const change = new Float64Array(count);
  const scale = columns.map((values) => {
    let meanSquare = 0;
    for (let n = 0; n < observationCount; n++) meanSquare += weights[n] * values[n] * values[n];
    return (1 + Math.sqrt(meanSquare / workspace.totalWeight)) * Math.sqrt(workspace.totalWeight);
  });

  // live[c'] = the caller's column held in interleaved slot c'.
  let live = columns.map((_, c) => c);
  let C = count;
  const { values, start, once, twice } = workspace;
  // D α alternates between the two buffers: after a sweep `fitted` is D·α_out and `spare` D·α_in.
  let fitted = workspace.fitted;
  let spare = workspace.spare;
  const sweep = (from: Float64Array, to: Float64Array): void => {
    gaussSeidelSweep(structure, weights, values, C, from, to, fitted, spare, heldAtZero, workspace, change);
    [fitted, spare] = [spare, fitted];
  };
  for (let c = 0; c < C; c++) {
    const column = columns[c];
    const alpha = coefficients[c];
    for (let n = 0; n < observationCount; n++) values[n * C + c] = column[n];
    for (let k = 0; k < levels; k++) start[k * C + c] = alpha[k];
  }
  setSlots(structure, C, workspace.slots);
  // fitted = D α for the warm starts (the only full re-sum of a projection).
  fitted.fill(0, 0, observationCount * C);
  for (let f = 0; f < structure.codes.length; f++) {
    const codes = structure.codes[f];
    const offset = structure.levelOffsets[f];
    for (let n = 0; n < observationCount; n++) {
      const at = n * C;
      const from = (offset + codes[n]) * C;
      for (let c = 0; c < C; c++) fitted[at + c] += start[from + c];
    }
  }

  const step = new Float64Array(count);
  let sweeps = 0;
  /** Hands slot c's result (coefficients `from`, the current fitted values) back and marks it. */
  const finish = (slot: number, from: Float64Array, converged: boolean, exact: boolean): void => {
    const c = live[slot];
    const alpha = coefficients[c];
    for (let k = 0; k < levels; k++) alpha[k] = from[k * C + slot];
    const out = residualOut[c];
    if (exact) {
      for (let n = 0; n < observationCount; n++) out[n] = values[n * C + slot] - fitted[n * C + slot];
    } else {
      // After an extrapolation the carried fitted values are a linear combination: re-sum D α̂.
      sumFixedEffects(structure, alpha, out);
      const column = columns[c];
      for (let n = 0; n < observationCount; n++) out[n] = column[n] - out[n];
    }
    outcomes[c].sweeps = sweeps;
    outcomes[c].converged = converged;
  };
  /** Marks converged slots finished (results from `from`) and compacts the interleaved buffers to the slots still live. */
  const retire = (from: Float64Array, observationBuffers: Float64Array[], levelBuffers: Float64Array[]): void => {
    const keep: number[] = [];
    for (let slot = 0; slot < C; slot++) {
      const c = live[slot];
      outcomes[c].relativeChange = Math.sqrt(change[slot]) / scale[c];
      if (Math.sqrt(change[slot]) <= tolerance * scale[c]) finish(slot, from, true, true);
      else keep.push(slot);
    }
    if (keep.length === C) return;
    const next = keep.length;
    // In place, front to back: slot s of row r moves to r·next + s ≤ r·C + keep[s].
    const compact = (buffer: Float64Array, rows: number) => {
      for (let r = 0; r < rows; r++) for (let s = 0; s < next; s++) buffer[r * next + s] = buffer[r * C + keep[s]];
    };
    for (const buffer of observationBuffers) compact(buffer, observationCount);
    for (const buffer of levelBuffers) compact(buffer, levels);
    for (let s = 0; s < next; s++) change[s] = change[keep[s]];
    live = keep.map((slot) => live[slot]);
    C = next;
    setSlots(structure, C, workspace.slots);
  };

  while (C > 0 && sweeps < maxSweeps) {
    sweep(start, once);
    sweeps += 1;
    retire(once, [values, fitted], [start, once]);
    if (C === 0) break;
    if (sweeps >= maxSweeps) {
      for (let slot = 0; slot < C; slot++) finish(slot, once, false, true);
      C = 0;
      break;
    }
    sweep(once, twice);
    sweeps += 1;
    // spare now holds D·once; it is kept through compaction for the extrapolation.
    retire(twice, [values, fitted, spare], [start, once, twice]);
    if (C === 0) break;
    for (let slot = 0; slot < C; slot++) {
      let inner = 0;
      let squared = 0;
      for (let k = 0; k < levels; k++) {
        const at = k * C + slot;
        const delta1 = twice[at] - once[at];
        const delta2 = twice[at] - 2 * once[at] + start[at];
        inner += delta1 * delta2;
        squared += delta2 * delta2;
      }
      step[slot] = squared > 0 ? inner / squared : 0;
    }
    for (let k = 0; k < levels; k++) {
      for (let slot = 0; slot < C; slot++) {
        const at = k * C + slot;
        start[at] = twice[at] - step[slot] * (twice[at] - once[at]);
      }
    }
    // D α is linear in α: extrapolate the fitted values the same way (fitted = D·twice, spare = D·once).
    for (let n = 0; n < observationCount; n++) {
      for (let slot = 0; slot < C; slot++) {
        const at = n * C + slot;
        fitted[at] -= step[slot] * (fitted[at] - spare[at]);
      }
    }
  }
  for (let slot = 0; slot < C; slot++) finish(slot, start, false, false);
  return outcomes;
}

/**
 * Projects the fixed effects out of one column (weights as last set by `setProjectionWeights`).
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
  return projectFixedEffectsColumns(structure, weights, [values], [coefficients], [residualOut], workspace, tolerance, maxSweeps, heldAtZero)[0];
}

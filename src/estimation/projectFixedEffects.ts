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
  workspace.totalWeight = sumOf(weights, structure.observationCount);
  for (let f = 0; f < structure.codes.length; f++) addLevelWeights(structure.codes[f], structure.levelOffsets[f], weights, structure.observationCount, workspace.levelWeight);
}

function sumOf(values: Float64Array, count: number): number {
  let total = 0;
  for (let n = 0; n < count; n++) total += values[n];
  return total;
}

/** levelWeight[offset + codes[n]] += weights[n]. */
function addLevelWeights(codes: Int32Array, offset: number, weights: Float64Array, count: number, levelWeight: Float64Array): void {
  for (let n = 0; n < count; n++) levelWeight[offset + codes[n]] += weights[n];
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
  const totalWeight = workspace.totalWeight;
  const scale = columns.map((values) => (1 + Math.sqrt(weightedDot(weights, values, values) / totalWeight)) * Math.sqrt(totalWeight));

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
    scatterSlot(columns[c], observationCount, C, c, values);
    scatterSlot(coefficients[c], levels, C, c, start);
  }
  setSlots(structure, C, workspace.slots);
  // fitted = D α for the warm starts (the only full re-sum of a projection).
  fitted.fill(0, 0, observationCount * C);
  for (let f = 0; f < structure.codes.length; f++) sweepKernels(C).addLevels(observationCount, workspace.slots[f], start, fitted);

  const step = new Float64Array(count);
  let sweeps = 0;
  /** Hands slot c's result (coefficients `from`, the current fitted values) back and marks it. */
  const finish = (slot: number, from: Float64Array, converged: boolean, exact: boolean): void => {
    const c = live[slot];
    const alpha = coefficients[c];
    gatherSlot(from, C, slot, levels, alpha);
    const out = residualOut[c];
    if (exact) {
      differenceOfSlot(values, fitted, C, slot, observationCount, out);
    } else {
      // After an extrapolation the carried fitted values are a linear combination: re-sum D α̂.
      sumFixedEffects(structure, alpha, out);
      subtractFrom(columns[c], observationCount, out);
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
    for (const buffer of observationBuffers) compactSlots(buffer, observationCount, C, keep);
    for (const buffer of levelBuffers) compactSlots(buffer, levels, C, keep);
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
    for (let slot = 0; slot < C; slot++) step[slot] = ironsTuckStep(start, once, twice, C, slot, levels);
    extrapolateLevels(once, twice, step, C, levels, start);
    // D α is linear in α: extrapolate the fitted values the same way (fitted = D·twice, spare = D·once).
    sweepKernels(C).extrapolate(observationCount, step, fitted, spare);
  }
  for (let slot = 0; slot < C; slot++) finish(slot, start, false, false);
  return outcomes;
}

/*
 * The element loops of a projection's bookkeeping are module-level functions, not closures made per call: a
 * projection runs ~20 times a fit, too few for V8 to optimise a closure made inside it, so each call's loops
 * were compiled on the fly (on-stack replacement) and dropped at the first statement after them that had not run
 * yet — about 100 compilations and deoptimisations a fit, the loops' arithmetic meanwhile interpreted (a young-
 * generation collection every 3 ms). Leaf functions called every projection are optimised once.
 */

/** Σ_n ω_n a_n b_n. */
export function weightedDot(weights: Float64Array, a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let n = 0; n < weights.length; n++) sum += weights[n] * a[n] * b[n];
  return sum;
}

/** Slot `slot`'s Irons–Tuck step ⟨δ1,δ2⟩/⟨δ2,δ2⟩ (0 when δ2 = 0), δ1 = GGx − Gx, δ2 = GGx − 2Gx + x over `levels` rows. */
function ironsTuckStep(start: Float64Array, once: Float64Array, twice: Float64Array, C: number, slot: number, levels: number): number {
  let inner = 0;
  let squared = 0;
  for (let k = 0, at = slot; k < levels; k++, at += C) {
    const delta1 = twice[at] - once[at];
    const delta2 = twice[at] - 2 * once[at] + start[at];
    inner += delta1 * delta2;
    squared += delta2 * delta2;
  }
  return squared > 0 ? inner / squared : 0;
}

/** start = GGx − step·(GGx − Gx), per slot. */
function extrapolateLevels(once: Float64Array, twice: Float64Array, step: Float64Array, C: number, levels: number, start: Float64Array): void {
  for (let k = 0; k < levels; k++) {
    for (let slot = 0; slot < C; slot++) {
      const at = k * C + slot;
      start[at] = twice[at] - step[slot] * (twice[at] - once[at]);
    }
  }
}

/** interleaved[k·C + slot] = column[k], k < count. */
function scatterSlot(column: Float64Array, count: number, C: number, slot: number, interleaved: Float64Array): void {
  for (let k = 0, at = slot; k < count; k++, at += C) interleaved[at] = column[k];
}

/** out[k] = interleaved[k·C + slot], k < count. */
function gatherSlot(interleaved: Float64Array, C: number, slot: number, count: number, out: Float64Array): void {
  for (let k = 0, at = slot; k < count; k++, at += C) out[k] = interleaved[at];
}

/** out[n] = a[n·C + slot] − b[n·C + slot], n < count. */
function differenceOfSlot(a: Float64Array, b: Float64Array, C: number, slot: number, count: number, out: Float64Array): void {
  for (let n = 0, at = slot; n < count; n++, at += C) out[n] = a[at] - b[at];
}

/** out[n] = column[n] − out[n], n < count. */
function subtractFrom(column: Float64Array, count: number, out: Float64Array): void {
  for (let n = 0; n < count; n++) out[n] = column[n] - out[n];
}

/** Keeps slots `keep` of each of `rows` rows of C interleaved slots, packed to rows of keep.length, in place front to back (slot s of row r moves to r·next + s ≤ r·C + keep[s]). */
function compactSlots(buffer: Float64Array, rows: number, C: number, keep: readonly number[]): void {
  const next = keep.length;
  for (let r = 0; r < rows; r++) for (let s = 0; s < next; s++) buffer[r * next + s] = buffer[r * C + keep[s]];
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

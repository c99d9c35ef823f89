/**
 * The fixed effects of an estimation sample in the layout the projection kernels use.
 *
 * Factor f maps observation n (0..observationCount−1) to level `codes[f][n]` ∈ {0..levelCounts[f]−1}.
 * All factors' coefficients live in one vector α of length `totalLevels`; factor f's level ℓ sits at
 * `α[levelOffsets[f] + ℓ]`. No dense dummy matrix is ever formed: memory is O(N·F + Σ L_f).
 */
export interface FixedEffectStructure {
  observationCount: number;
  codes: Int32Array[];
  levelCounts: number[];
  levelOffsets: Int32Array;
  totalLevels: number;
}

/** Builds the layout from per-factor codes (each of length `observationCount`) and level counts. */
export function fixedEffectStructure(codes: Int32Array[], levelCounts: number[], observationCount: number): FixedEffectStructure {
  const levelOffsets = new Int32Array(codes.length);
  let totalLevels = 0;
  for (let f = 0; f < codes.length; f++) {
    levelOffsets[f] = totalLevels;
    totalLevels += levelCounts[f];
  }
  return { observationCount, codes, levelCounts, levelOffsets, totalLevels };
}

/** Writes `out[n] = Σ_f α[offset_f + codes_f[n]]`, the fixed-effect part of the linear predictor. */
export function sumFixedEffects(structure: FixedEffectStructure, coefficients: Float64Array, out: Float64Array): void {
  out.fill(0);
  for (let f = 0; f < structure.codes.length; f++) {
    const codes = structure.codes[f];
    const offset = structure.levelOffsets[f];
    for (let n = 0; n < structure.observationCount; n++) out[n] += coefficients[offset + codes[n]];
  }
}

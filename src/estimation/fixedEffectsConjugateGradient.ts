import type { FixedEffectStructure } from "./fixedEffectStructure.js";

/**
 * Solves D α = φ in the least-squares sense for the fixed-effect coefficients α with some levels held
 * at 0 (a normalisation), by Jacobi-preconditioned conjugate gradient on the normal equations
 * D'D α = D'φ restricted to the free levels (Hestenes & Stiefel 1952; the sparse solver suggested in
 * spec ppml.md §2.6, and the `accel(cg)` idea of reghdfe/ppmlhdfe). D is never formed: D'D α is a
 * gather (Σ_f α^f per observation) followed by a scatter-add per factor, O(N·F) per iteration.
 *
 * Plain Gauss–Seidel sweeps stall when held levels sit at the end of long chains in the level graph
 * (the AG NAFTA normalisation: DEU importer-year and the pooled domestic pair fixed at 0); CG does not.
 * Stops when ‖D'(φ − Dα)‖ ≤ tolerance · ‖D'φ‖ or after `maxIterations`.
 */
export interface ConjugateGradientOutcome {
  iterations: number;
  relativeResidual: number;
}

export function fixedEffectsConjugateGradient(
  structure: FixedEffectStructure,
  target: Float64Array,
  heldAtZero: Uint8Array,
  coefficients: Float64Array,
  tolerance: number,
  maxIterations: number,
): ConjugateGradientOutcome {
  const levels = structure.totalLevels;
  const observationCount = structure.observationCount;
  const fitted = new Float64Array(observationCount);
  const levelCount = new Float64Array(levels);
  const residual = new Float64Array(levels);
  const preconditioned = new Float64Array(levels);
  const direction = new Float64Array(levels);
  const product = new Float64Array(levels);

  /** out = P D'v for an observation vector v (P zeroes the held levels). */
  const scatter = (values: Float64Array, out: Float64Array): void => {
    out.fill(0);
    for (let f = 0; f < structure.codes.length; f++) {
      const codes = structure.codes[f];
      const offset = structure.levelOffsets[f];
      for (let n = 0; n < observationCount; n++) out[offset + codes[n]] += values[n];
    }
    for (let k = 0; k < levels; k++) if (heldAtZero[k]) out[k] = 0;
  };
  /** fitted = D a. */
  const gather = (a: Float64Array): void => {
    fitted.fill(0);
    for (let f = 0; f < structure.codes.length; f++) {
      const codes = structure.codes[f];
      const offset = structure.levelOffsets[f];
      for (let n = 0; n < observationCount; n++) fitted[n] += a[offset + codes[n]];
    }
  };

  for (let f = 0; f < structure.codes.length; f++) {
    const codes = structure.codes[f];
    for (let n = 0; n < observationCount; n++) levelCount[structure.levelOffsets[f] + codes[n]] += 1;
  }
  for (let k = 0; k < levels; k++) if (heldAtZero[k]) coefficients[k] = 0;
  gather(coefficients);
  for (let n = 0; n < observationCount; n++) fitted[n] = target[n] - fitted[n];
  scatter(fitted, residual);
  scatter(target, product);
  const targetNorm = Math.sqrt(dot(product, product)) || 1;

  let residualDotPreconditioned = 0;
  for (let k = 0; k < levels; k++) {
    preconditioned[k] = levelCount[k] > 0 ? residual[k] / levelCount[k] : 0;
    direction[k] = preconditioned[k];
  }
  residualDotPreconditioned = dot(residual, preconditioned);
  let relativeResidual = Math.sqrt(dot(residual, residual)) / targetNorm;
  let iterations = 0;
  while (iterations < maxIterations && relativeResidual > tolerance) {
    iterations += 1;
    gather(direction);
    scatter(fitted, product);
    const curvature = dot(direction, product);
    if (!(curvature > 0)) break;
    const step = residualDotPreconditioned / curvature;
    for (let k = 0; k < levels; k++) {
      coefficients[k] += step * direction[k];
      residual[k] -= step * product[k];
      preconditioned[k] = levelCount[k] > 0 ? residual[k] / levelCount[k] : 0;
    }
    const next = dot(residual, preconditioned);
    const beta = next / residualDotPreconditioned;
    residualDotPreconditioned = next;
    for (let k = 0; k < levels; k++) direction[k] = preconditioned[k] + beta * direction[k];
    relativeResidual = Math.sqrt(dot(residual, residual)) / targetNorm;
  }
  return { iterations, relativeResidual };
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let k = 0; k < a.length; k++) sum += a[k] * b[k];
  return sum;
}

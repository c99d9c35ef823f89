import { TradewindsInputError, message } from "../messages.js";
import type { Normalisation } from "./estimationSpec.js";
import { fixedEffectStructure } from "./fixedEffectStructure.js";
import type { PpmlFit, RecoveredFixedEffects } from "./ppmlResult.js";
import { fixedEffectsConjugateGradient } from "./fixedEffectsConjugateGradient.js";
import { sumFixedEffects } from "./fixedEffectStructure.js";

/**
 * Individual fixed effects α^f_ℓ from the converged fixed-effect sum φ = η − o − Xβ (spec ppml.md
 * §2.6): φ lies in the span of the dummies, so the least-squares solution of Σ_f α^f_{g_f(n)} = φ_n
 * with the normalised levels removed is exact. Solved by preconditioned conjugate gradient
 * (`fixedEffectsConjugateGradient`): Gauss–Seidel sweeps stall on the AG NAFTA normalisation.
 *
 * The α are identified only up to normalisation. Every level selected by `normalisation` is held at 0,
 * e.g. Stata's convention in the AG: `{factor: "importer", where: {importer: "DEU"}}` (two-way), or
 * for the NAFTA stage 1 `{factor: "importer#year", where: {importer: "DEU"}}` plus
 * `{factor: "pair_id_2", where: {pair_id_2: 0}}`. With too few constraints the result is one of the
 * solutions (the one the sweeps reach from 0); with inconsistent constraints `maxResidual` is not ≈ 0.
 */
export function recoverFixedEffects(
  fit: PpmlFit,
  normalisation: readonly Normalisation[],
  tolerance = 1e-14,
  maxIterations = 20_000,
  where?: { source: string; path: string },
): RecoveredFixedEffects {
  const normalisationError = (index: number, field: string, value: string, text: string) => issueAt(where, index, field, value, text);
  const factors = fit.factors;
  const observationCount = fit.fixedEffectSum.length;
  const structure = fixedEffectStructure(
    factors.map((f) => f.codes),
    factors.map((f) => f.levelCount),
    observationCount,
  );
  const heldAtZero = new Uint8Array(structure.totalLevels);
  normalisation.forEach((rule, index) => {
    const f = factors.findIndex((factor) => factor.name === rule.factor);
    if (f < 0) throw normalisationError(index, "factor", rule.factor, message.unknownFactor(rule.factor, factors.map((x) => x.name)));
    const factor = factors[f];
    const conditions = Object.entries(rule.where).map(([component, wanted]) => {
      const c = factor.componentNames.indexOf(component);
      if (c < 0) throw normalisationError(index, `where.${component}`, component, message.unknownFactor(component, factor.componentNames));
      return { values: factor.components[c], wanted: String(wanted) };
    });
    let matched = 0;
    for (let level = 0; level < factor.levelCount; level++) {
      if (conditions.every((condition) => condition.values[level] === condition.wanted)) {
        heldAtZero[structure.levelOffsets[f] + level] = 1;
        matched += 1;
      }
    }
    if (matched === 0) throw normalisationError(index, "where", JSON.stringify(rule.where), message.normalisationMatchesNothing(rule.factor));
  });
  const coefficients = new Float64Array(structure.totalLevels);
  const outcome = fixedEffectsConjugateGradient(structure, fit.fixedEffectSum, heldAtZero, coefficients, tolerance, maxIterations);
  const fitted = new Float64Array(observationCount);
  sumFixedEffects(structure, coefficients, fitted);
  let maxResidual = 0;
  for (let n = 0; n < observationCount; n++) maxResidual = Math.max(maxResidual, Math.abs(fit.fixedEffectSum[n] - fitted[n]));
  return {
    factors: factors.map((factor, f) => ({
      name: factor.name,
      labels: factor.labels,
      values: coefficients.slice(structure.levelOffsets[f], structure.levelOffsets[f] + factor.levelCount),
    })),
    maxResidual,
    iterations: outcome.iterations,
    normalisation: normalisation.length
      ? normalisation.map((rule) => `${rule.factor}: ${JSON.stringify(rule.where)} = 0`).join("; ")
      : "none (the solution reached from α = 0)",
  };
}

function issueAt(where: { source: string; path: string } | undefined, index: number, field: string, value: string, text: string): TradewindsInputError {
  const path = `normalisation[${index}].${field}`;
  return new TradewindsInputError([{ source: where?.source ?? "estimation spec", path: where?.path ? `${where.path}.${path}` : path, value, message: text }]);
}

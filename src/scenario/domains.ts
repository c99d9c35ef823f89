import { z } from "zod";
import { message } from "../messages.js";

/**
 * The domains of scenario values and model parameters: the ranges a model can solve in double
 * precision, stated once here and quoted by the schemas (and so by the JSON Schema and every error).
 * A value outside is refused at validation with the domain named, instead of ending in an overflow.
 *
 * Why these bounds: trade responds to costs as d̂^(−θ) with θ up to 100 (cp-1993 has θ = 64.85), so
 * d̂ in [0.01, 100] keeps d̂^(−θ) within 1e±200, inside the double range (1e±308) with room for the
 * products the solvers form; a cost increase beyond a hundredfold is an embargo in all but name.
 */

/** Smallest and largest iceberg trade-cost factor d̂ of a `trade-cost` shock (and of stacked shocks' product). */
export const MIN_TRADE_COST_FACTOR = 0.01;
export const MAX_TRADE_COST_FACTOR = 100;

/** Trade elasticity θ (ε): [0.1, 100]; below 0.1 the price index P̂ = (Σ …)^(−1/θ) overflows for ordinary shocks. */
export const MIN_TRADE_ELASTICITY = 0.1;
export const MAX_TRADE_ELASTICITY = 100;

/** CES elasticity of substitution σ = 1 + θ of the structural-gravity models: [1.1, 101]. */
export const MIN_SIGMA = 1 + MIN_TRADE_ELASTICITY;
export const MAX_SIGMA = 1 + MAX_TRADE_ELASTICITY;

/** |value| of a `covariate` shock: covariates are dummies, logs (ln distance ≈ 4–10) or shares. */
export const MAX_COVARIATE_MAGNITUDE = 1000;

/** |β| of a fixed trade-cost coefficient (gravity estimates are O(1); exp(β·x) must stay finite). */
export const MAX_COEFFICIENT_MAGNITUDE = 100;

/** Iteration budgets: a solve that needs more is not converging, and the cap bounds the work one scenario can ask for. */
export const MAX_SOLVER_ITERATIONS = 100_000;
export const MAX_LOOP_PASSES = 10_000;
export { DEFAULT_MAX_BLOC_SETS } from "./limits.js";
/** PPML: IRLS iterations (the Advanced Guide's fits need < 30) and fixed-effect projection sweeps per iteration. */
export const MAX_PPML_ITERATIONS = 10_000;
export const MAX_PROJECTION_SWEEPS = 1_000_000;

/** Stopping tolerances below this cannot be met in double precision (the residuals are O(1)-scaled). */
export const MIN_TOLERANCE = 1e-14;
export const MAX_TOLERANCE = 0.1;

/** Labour-supply elasticity κ of Liberation Day: [0, 10] ((·)^κ of ordinary price changes stays finite). */
export const MAX_LABOR_SUPPLY_ELASTICITY = 10;

/** Scale-elasticity numerator of Liberation Day (ψ = numerator/ε): [0, 1]; the paper uses 0.67. ψ·κ must also stay below 1. */
export const MAX_SCALE_NUMERATOR = 1;

/** Pass-through shift a of Liberation Day (φ = a + φ̃): [0, 5]; the paper uses 1 and 0.25. */
export const MAX_PASS_THROUGH_SHIFT = 5;

/** Why each domain is what it is, as the errors say it (tests compare with message.outOfDomain of these). */
export const DOMAIN_REASONS = {
  tradeCostFactor: "a hundredfold change either way; for a prohibitive cost use type: embargo",
  covariateValue: "covariates are dummies, logs or shares; set the value the covariate would take",
  tradeElasticityCp: "θ in π ∝ cost^(−θ); outside it P̂ = (Σ …)^(−1/θ) under- or overflows",
  tradeElasticityLd: "ε in λ ∝ cost^(−ε); outside it the price index under- or overflows",
} as const;

/** "[min, max]" for schema descriptions and messages. */
export function range(min: number, max: number): string {
  return `[${min}, ${max}]`;
}

/** A number schema bounded to [min, max] whose error states the domain and why. */
export function boundedNumber(what: string, min: number, max: number, why: string): z.ZodNumber {
  const error = message.outOfDomain(what, range(min, max), why);
  return z.number({ error: (issue) => (issue.input === undefined ? undefined : error) }).min(min, { error }).max(max, { error });
}

/** An iteration budget: a positive integer up to `max`. */
export function iterationBudget(what: string, max: number): z.ZodNumber {
  const error = message.outOfDomain(what, range(1, max), "a whole number; a solve that needs more is not converging, and the cap bounds the work one scenario asks for");
  return z.number().int({ error }).min(1, { error }).max(max, { error });
}

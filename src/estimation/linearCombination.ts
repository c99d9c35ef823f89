import { TradewindsInputError, message } from "../messages.js";

/**
 * Linear combinations and smooth functions of estimated coefficients with delta-method standard
 * errors (spec ppml.md §2.7): for a'β the variance is a'Va; for g(β) it is ∇g' V ∇g. Used for the
 * total RTA effect (sum of rta and its lags, Stata `lincom`) and the distance-puzzle % change.
 */
export interface CombinationEstimate {
  name: string;
  estimate: number;
  stdError: number;
  zValue: number;
  pValue: number;
}

/** What lincom needs from a fit: slope names, estimates and the row-major K×K vcov. */
export interface CoefficientTable {
  names: readonly string[];
  estimates: Float64Array;
  vcov: Float64Array;
}

/**
 * Σ_k weights[name_k]·β_k with s.e. √(a'Va). Throws a `TradewindsInputError` if a name is not a kept
 * slope (a silently ignored typo would change the total).
 */
export function linearCombination(table: CoefficientTable, name: string, weights: Record<string, number>, where?: { source: string; path: string }): CombinationEstimate {
  const gradient = gradientFromWeights(table, weights, where);
  let estimate = 0;
  for (let k = 0; k < gradient.length; k++) estimate += gradient[k] * table.estimates[k];
  return withStandardError(table, name, estimate, gradient);
}

/**
 * A smooth function g(β) with its gradient ∂g/∂β_k given by name (the delta method).
 * Example: 100(β_b − β_a)/β_a has gradient {a: −100β_b/β_a², b: 100/β_a}.
 */
export function deltaMethod(table: CoefficientTable, name: string, value: number, gradientByName: Record<string, number>): CombinationEstimate {
  return withStandardError(table, name, value, gradientFromWeights(table, gradientByName));
}

function gradientFromWeights(table: CoefficientTable, weights: Record<string, number>, where?: { source: string; path: string }): Float64Array {
  const gradient = new Float64Array(table.names.length);
  for (const [name, weight] of Object.entries(weights)) {
    const k = table.names.indexOf(name);
    if (k < 0) {
      throw new TradewindsInputError([
        { source: where?.source ?? "linear combination", path: where ? `${where.path}.weights.${name}` : `weights.${name}`, value: name, message: message.unknownSlope(name, [...table.names]) },
      ]);
    }
    gradient[k] = weight;
  }
  return gradient;
}

function withStandardError(table: CoefficientTable, name: string, estimate: number, gradient: Float64Array): CombinationEstimate {
  const size = gradient.length;
  let variance = 0;
  for (let a = 0; a < size; a++) for (let b = 0; b < size; b++) variance += gradient[a] * table.vcov[a * size + b] * gradient[b];
  const stdError = Math.sqrt(Math.max(variance, 0));
  const zValue = stdError > 0 ? estimate / stdError : 0;
  return { name, estimate, stdError, zValue, pValue: twoSidedNormalPValue(zValue) };
}

/**
 * 2(1 − Φ(|z|)) = erfc(|z|/√2), with erfc by the rational approximation `erfcc` of Numerical Recipes
 * in C, 2nd ed. (Press et al. 1992, §6.2; fractional error < 1.2e‑7): ample for a printed p-value.
 */
export function twoSidedNormalPValue(zValue: number): number {
  const x = Math.abs(zValue) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const polynomial =
    -x * x - 1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return Math.min(1, t * Math.exp(polynomial));
}

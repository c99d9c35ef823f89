import type { LeontiefSolver } from "./leontief.js";

/**
 * Value added by origin in each destination's final demand, diag(v)·L·F (spec scenarios-and-strategy.md
 * §5; Johnson & Noguera 2012, "Accounting for intermediates", eq. 5): the gross output L·F_n that n's
 * final demand F_n requires anywhere in the world, times each producer's value-added coefficient.
 * One block solve with N right-hand sides. Layouts: F and the result [(i*S + k)*N + n] (NS×N row-major).
 * Returns the origin table and the gross output x = Σ_n L·F_n.
 */
export function valueAddedByOrigin(
  leontief: LeontiefSolver,
  valueAdded: Float64Array,
  finalDemand: Float64Array,
  N: number,
): { origin: Float64Array; grossOutput: Float64Array } {
  const NS = leontief.n;
  const origin = Float64Array.from(finalDemand);
  leontief.times(origin, N);
  const grossOutput = new Float64Array(NS);
  for (let r = 0; r < NS; r++) {
    let total = 0;
    for (let n = 0; n < N; n++) {
      const required = origin[r * N + n];
      total += required;
      origin[r * N + n] = valueAdded[r] * required;
    }
    grossOutput[r] = total;
  }
  return { origin, grossOutput };
}

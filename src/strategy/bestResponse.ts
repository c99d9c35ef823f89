import type { SolverResult } from "../solver/result.js";

/** One player's best response: its instruments (indices into the policy array) and their new values. */
export interface BestResponse {
  indices: ArrayLike<number>;
  values: ArrayLike<number>;
  /** False when the player's optimisation did not converge (the path records it). */
  converged: boolean;
}

export interface BestResponseRound {
  round: number;
  /** |mean over all entries of (t_new − t_old)| — Ossa's stopping statistic (signed mean, then absolute value). */
  meanChange: number;
  /** max over all entries of |t_new − t_old|. */
  maxChange: number;
  /** Players whose best response did not converge in this round. */
  unconverged: number[];
}

export interface NashOptions {
  /** Stop when meanChange ≤ tolerance. Ossa (2014) `mynashtariff.m`: 1e-2. */
  tolerance: number;
  /** Ossa: 24 rounds. */
  maxRounds: number;
}

/**
 * Nash equilibrium by simultaneous (Jacobi) best-response iteration (spec scenarios-and-strategy.md §4;
 * Ossa 2014 `Tables/mynashtariff.m`, spec caliendo-parro-and-ossa.md §2.4): in each round every player
 * best-responds to the previous round's full policy array; stop when the mean change is within the
 * tolerance or after `maxRounds`. The path of every round is returned; `converged` is false when the
 * budget ran out (the last iterate is still returned).
 */
export function nashByBestResponse(
  players: number,
  initial: Float64Array,
  bestResponse: (player: number, policy: Float64Array, round: number) => BestResponse,
  options: NashOptions,
): SolverResult<{ policy: Float64Array; path: BestResponseRound[] }> {
  let policy = Float64Array.from(initial);
  const path: BestResponseRound[] = [];
  let converged = false;
  for (let round = 1; round <= options.maxRounds; round++) {
    const next = Float64Array.from(policy);
    const unconverged: number[] = [];
    for (let p = 0; p < players; p++) {
      const br = bestResponse(p, policy, round);
      for (let q = 0; q < br.indices.length; q++) next[br.indices[q]] = br.values[q];
      if (!br.converged) unconverged.push(p);
    }
    let sum = 0;
    let maxChange = 0;
    for (let k = 0; k < next.length; k++) {
      sum += next[k] - policy[k];
      maxChange = Math.max(maxChange, Math.abs(next[k] - policy[k]));
    }
    const meanChange = Math.abs(sum / next.length);
    path.push({ round, meanChange, maxChange, unconverged });
    policy = next;
    if (meanChange <= options.tolerance) {
      converged = true;
      break;
    }
  }
  const last = path[path.length - 1];
  const warnings = converged ? [] : [`best-response iteration stopped after ${options.maxRounds} rounds with mean change ${last?.meanChange.toExponential(2)} > ${options.tolerance}`];
  if (path.some((r) => r.unconverged.length)) warnings.push("some best responses did not converge; see path[].unconverged");
  return { converged, iterations: path.length, residual: last?.meanChange ?? Infinity, residualNorm: "|mean(t_new − t_old)|", tolerance: options.tolerance, method: "jacobi-best-response", warnings, value: { policy, path } };
}

/**
 * Stability of membership sets in a bloc-formation game (spec scenarios-and-strategy.md §3; d'Aspremont,
 * Jacquemin, Gabszewicz & Weymark 1983, "On the stability of collusive price leadership", Canadian J.
 * Economics 16(1)): pure functions over a payoff table.
 *
 * Payoffs are `payoff[mask*k + c]`, candidate c's welfare (e.g. % change) when the members are the
 * candidates whose bits are set in `mask` (bit c = candidate c), for all 2^k masks.
 */

/** A deviation "gains" only if it raises the deviator's payoff by more than this (same unit as payoffs). */
export const DEFAULT_INDIFFERENCE = 1e-9;

export interface SetStability {
  mask: number;
  /** No member m gains by leaving: W_m(S) ≥ W_m(S∖{m}) − indifference. */
  internallyStable: boolean;
  /** No outsider o gains by joining: W_o(S) ≥ W_o(S∪{o}) − indifference. */
  externallyStable: boolean;
  stable: boolean;
  /** Members that would gain by leaving. */
  wouldLeave: number[];
  /** Outsiders that would gain by joining. */
  wouldJoin: number[];
}

export type DominantChoice = "join" | "stay-out" | "indifferent" | "none";

export interface MembershipComparison {
  /** The other candidates' membership (mask with bit c clear). */
  others: number;
  joining: number;
  stayingOut: number;
}

/** Internal and external stability of every membership set. */
export function setStability(payoff: Float64Array, k: number, indifference = DEFAULT_INDIFFERENCE): SetStability[] {
  const sets = 1 << k;
  if (payoff.length !== sets * k) throw new Error(`internal: payoff table has ${payoff.length} entries, expected 2^${k}·${k}`);
  const out: SetStability[] = [];
  for (let mask = 0; mask < sets; mask++) {
    const wouldLeave: number[] = [];
    const wouldJoin: number[] = [];
    for (let c = 0; c < k; c++) {
      const bit = 1 << c;
      const here = payoff[mask * k + c];
      const there = payoff[(mask ^ bit) * k + c];
      if (there > here + indifference) (mask & bit ? wouldLeave : wouldJoin).push(c);
    }
    out.push({ mask, internallyStable: wouldLeave.length === 0, externallyStable: wouldJoin.length === 0, stable: !wouldLeave.length && !wouldJoin.length, wouldLeave, wouldJoin });
  }
  return out;
}

/** Candidate c's payoff joining vs staying out, for each of the 2^(k−1) configurations of the others. */
export function membershipComparisons(payoff: Float64Array, k: number, c: number): MembershipComparison[] {
  const bit = 1 << c;
  const out: MembershipComparison[] = [];
  for (let others = 0; others < 1 << k; others++) {
    if (others & bit) continue;
    out.push({ others, joining: payoff[(others | bit) * k + c], stayingOut: payoff[others * k + c] });
  }
  return out;
}

/**
 * Candidate c's dominant choice: "join" if joining is at least as good in every configuration of the
 * others and better (beyond `indifference`) in one; "stay-out" the reverse; "indifferent" if it never
 * matters; "none" if the best choice depends on the others.
 */
export function dominantChoice(payoff: Float64Array, k: number, c: number, indifference = DEFAULT_INDIFFERENCE): DominantChoice {
  let joinBetter = false;
  let outBetter = false;
  for (const row of membershipComparisons(payoff, k, c)) {
    if (row.joining > row.stayingOut + indifference) joinBetter = true;
    if (row.stayingOut > row.joining + indifference) outBetter = true;
  }
  return joinBetter && outBetter ? "none" : joinBetter ? "join" : outBetter ? "stay-out" : "indifferent";
}

/** The candidates (indices) whose bits are set in `mask`. */
export function membersOf(mask: number, k: number): number[] {
  const out: number[] = [];
  for (let c = 0; c < k; c++) if ((mask >> c) & 1) out.push(c);
  return out;
}

import type { CompiledPolicy } from "../types.js";

/**
 * (1+t_ij)^(−ε φ_j) · d̂_ij^(−ε) · a_ij · T̂_i: the policy's factor on λ_ij before isolated links are cut. One
 * formula for the system and for the counterfactual flows formed from the policy after the solve (outcomes.ts),
 * so both give the same numbers bit for bit.
 */
export function policyFactorOf(policy: CompiledPolicy, phi: Float64Array, epsilon: number, i: number, j: number, k: number): number {
  const t = policy.tariffs[k];
  const d = policy.tradeCostFactors[k];
  // pow(1, y) = 1 exactly: skip the call on untouched pairs (most of them; N² pow calls dominate at N = 800).
  const costFactor = d === Infinity ? 0 : d === 1 ? 1 : Math.pow(d, -epsilon);
  // Deal instruments (issue 11): a commitment's demand shifter a and a pledge's productivity T̂ of the exporter multiply a_ij.
  const instrument = (policy.demandShifters ? policy.demandShifters[k] : 1) * (policy.productivity ? policy.productivity[i] : 1);
  return (t === 0 ? 1 : Math.pow(1 + t, -epsilon * phi[j])) * costFactor * instrument;
}

/** 1/(1+t), exactly 1 for an untaxed pair. */
export function tariffExclusiveOf(t: number): number {
  return t === 0 ? 1 : 1 / (1 + t);
}

/** A foreign link that could trade under the policy but is cut because the isolation analysis found no path for it. */
export function isolatedLink(canSell: boolean, links: Uint8Array, k: number, N: number): boolean {
  return canSell && !links[k] && Math.floor(k / N) !== k % N;
}

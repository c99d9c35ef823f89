import type { CompiledPolicy } from "../types.js";

/**
 * f_ij = (1+t_ij)^(−ε φ_j) · d̂_ij^(−ε) · a_ij · T̂_i for every pair into `out` ([i*N + j]): the policy's factor on
 * λ_ij before isolated links are cut. One formula for the system (prepareEquilibrium) and for the counterfactual
 * flows formed from the policy after the solve (outcomes.ts), so both give the same numbers bit for bit. Rates
 * are not checked here (prepareEquilibrium does).
 */
export function policyFactorsInto(policy: CompiledPolicy, phi: Float64Array, epsilon: number, out: Float64Array): void {
  const N = phi.length;
  const { tariffs, tradeCostFactors, demandShifters, productivity } = policy;
  for (let i = 0; i < N; i++) {
    // Deal instruments (issue 11): a pledge's productivity T̂ of the exporter and a commitment's demand shifter a multiply a_ij.
    const pledge = productivity ? productivity[i] : 1;
    for (let j = 0; j < N; j++) {
      const k = i * N + j;
      const t = tariffs[k];
      const d = tradeCostFactors[k];
      // pow(1, y) = 1 exactly: skip the call on untouched pairs (most of them; N² pow calls dominate at N = 800).
      const costFactor = d === Infinity ? 0 : d === 1 ? 1 : Math.pow(d, -epsilon);
      const instrument = (demandShifters ? demandShifters[k] : 1) * pledge;
      out[k] = (t === 0 ? 1 : Math.pow(1 + t, -epsilon * phi[j])) * costFactor * instrument;
    }
  }
}

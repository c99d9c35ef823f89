import { compensatedSum } from "../../util/sum.js";
import { mapToFloat64 } from "../../util/typedArrays.js";

/**
 * A one-sector N-country economy aggregated to two regions, "others" (index 0) and the leader
 * (index 1): flows [a*2 + b] exporter region a → importer region b, and a per-region vector.
 * Liberation Day (Ignatenko, Macedoni, Lashkaripour & Simonovska 2025), `main_baseline.m`
 * `solveNu` and the optimal-retaliation block (spec one-sector.md §3.1 Step 1, §3.4).
 */
export interface TwoRegionAggregate {
  flows: Float64Array;
  totals: Float64Array;
}

/** Region of country i: 1 for the leader, 0 otherwise. */
function regionOf(i: number, leader: number): number {
  return i === leader ? 1 : 0;
}

/**
 * Sums `flows` ([i*N + j], exporter i, importer j) and the per-country `values` (length N) into the
 * two regions, with compensated sums (totals of up to N² terms of very different size).
 */
export function aggregateToTwoRegions(flows: Float64Array, values: Float64Array, N: number, leader: number): TwoRegionAggregate {
  const terms: number[][] = [[], [], [], []];
  for (let i = 0; i < N; i++)
    for (let j = 0; j < N; j++) terms[regionOf(i, leader) * 2 + regionOf(j, leader)].push(flows[i * N + j]);
  const totalTerms: number[][] = [[], []];
  for (let i = 0; i < N; i++) totalTerms[regionOf(i, leader)].push(values[i]);
  return {
    flows: mapToFloat64(terms, (t) => compensatedSum(t)),
    totals: mapToFloat64(totalTerms, (t) => compensatedSum(t)),
  };
}

import type { Factor } from "./factor.js";

/** Why an observation of the sample was not used in the fit. */
export type DropReason = "missing" | "singleton" | "separated-by-fixed-effect";

/** One observation left out of the fit: its row in the input frame, the reason and the level responsible. */
export interface DroppedObservation {
  row: number;
  reason: DropReason;
  /** e.g. "pair_id_2 = 12 has zero outcome in all its observations"; empty for "missing". */
  detail: string;
}

/**
 * Removes singletons and observations separated by a fixed effect, looping to a fixed point
 * (ppmlhdfe's `fe` separation check and reghdfe's singleton rule; Correia, Guimarães & Zylkin 2020,
 * "Fast Poisson estimation with high-dimensional fixed effects", §3; spec ppml.md §2.1 items 2–3):
 *
 * - a level with exactly one observation is a singleton: its α fits that row perfectly and it carries
 *   no information about β;
 * - a level whose outcomes sum to 0 sends α → −∞ (μ = 0 exactly): those rows are separated.
 *
 * `keep[n]` (1 = in the sample) is updated in place; `rows[n]` maps observation n to its frame row
 * for the report. Returns the dropped observations in the order they were found.
 */
export function pruneSingletonsAndSeparation(
  factors: readonly Factor[],
  outcome: Float64Array,
  keep: Uint8Array,
  rows: Int32Array,
  dropSingletons: boolean,
): DroppedObservation[] {
  const dropped: DroppedObservation[] = [];
  const observationCount = outcome.length;
  let changed = true;
  while (changed) {
    changed = false;
    for (const factor of factors) {
      const count = new Int32Array(factor.levelCount);
      const outcomeSum = new Float64Array(factor.levelCount);
      for (let n = 0; n < observationCount; n++) {
        if (!keep[n]) continue;
        const level = factor.codes[n];
        count[level] += 1;
        outcomeSum[level] += outcome[n];
      }
      for (let n = 0; n < observationCount; n++) {
        if (!keep[n]) continue;
        const level = factor.codes[n];
        if (dropSingletons && count[level] === 1) {
          keep[n] = 0;
          changed = true;
          dropped.push({ row: rows[n], reason: "singleton", detail: `${factor.name} = ${factor.labels[level]} has a single observation` });
        } else if (outcomeSum[level] === 0) {
          keep[n] = 0;
          changed = true;
          dropped.push({
            row: rows[n],
            reason: "separated-by-fixed-effect",
            detail: `${factor.name} = ${factor.labels[level]} has zero outcome in all its observations`,
          });
        }
      }
    }
  }
  return dropped;
}

import { TradewindsInputError, message } from "../messages.js";
import { fixedEffectComponents, type ClusterVariable, type EstimationSpec } from "./estimationSpec.js";
import { encodeFactor, encodeUnorderedPair, restrictFactor, type Factor } from "./factor.js";
import { numericColumn, shownValue, type DataFrame } from "./dataFrame.js";
import { pruneSingletonsAndSeparation, type DroppedObservation } from "./pruneSample.js";
import { mapToFloat64 } from "../util/typedArrays.js";

/**
 * The estimation sample: the spec's columns on the rows that survive (spec ppml.md §2.1, in order)
 * 1. missing values in y, X, offset, weights, fixed-effect or cluster ids (dropped, "missing");
 *    a negative outcome is an input error;
 * 2–3. singletons and separation by a fixed effect, to a fixed point (`pruneSingletonsAndSeparation`).
 * All arrays are over the used rows; `rows[n]` is observation n's row in the frame.
 * Without fixed effects an intercept factor "(intercept)" with one level is used.
 */
export interface EstimationSample {
  rows: Int32Array;
  outcome: Float64Array;
  regressors: Float64Array[];
  offset: Float64Array | null;
  priorWeights: Float64Array | null;
  factors: Factor[];
  /** Dense cluster codes over the used rows, or null. */
  clusters: Int32Array | null;
  clusterCount: number;
  inSample: number;
  dropped: DroppedObservation[];
}

export function estimationSample(frame: DataFrame, spec: EstimationSpec, candidateRows: Int32Array): EstimationSample {
  const outcomeAll = numericColumn(frame, spec.outcome, "outcome");
  const regressorsAll = spec.regressors.map((name, k) => numericColumn(frame, name, `regressors[${k}]`));
  const offsetAll = spec.offset ? numericColumn(frame, spec.offset, "offset") : null;
  const weightsAll = spec.weights ? numericColumn(frame, spec.weights, "weights") : null;
  const factorsAll = spec.fixedEffects.map((entry, f) => encodeFactor(frame, fixedEffectComponents(entry), `fixedEffects[${f}]`));
  const clusterAll = spec.vcov.type === "cluster" && spec.vcov.cluster ? clusterFactor(frame, spec.vcov.cluster) : null;

  const dropped: DroppedObservation[] = [];
  const complete: number[] = [];
  for (const row of candidateRows) {
    const y = outcomeAll[row];
    if (y < 0) {
      throw new TradewindsInputError([{ source: frame.source, path: `outcome (${spec.outcome}), row ${row + 1}`, value: shownValue(frame, y), message: message.negativeOutcome(spec.outcome) }]);
    }
    const missing =
      Number.isNaN(y) ||
      regressorsAll.some((column) => !Number.isFinite(column[row])) ||
      (offsetAll !== null && !Number.isFinite(offsetAll[row])) ||
      (weightsAll !== null && !(weightsAll[row] >= 0 && Number.isFinite(weightsAll[row]))) ||
      factorsAll.some((factor) => factor.codes[row] < 0) ||
      (clusterAll !== null && clusterAll.codes[row] < 0);
    if (missing) dropped.push({ row, reason: "missing", detail: "" });
    else complete.push(row);
  }
  const completeRows = Int32Array.from(complete);
  const completeOutcome = mapToFloat64(completeRows, (row) => outcomeAll[row]);
  const keep = new Uint8Array(completeRows.length).fill(1);
  const completeFactors = factorsAll.map((factor) => restrictFactor(factor, completeRows));
  dropped.push(...pruneSingletonsAndSeparation(completeFactors, completeOutcome, keep, completeRows, spec.options.dropSingletons));

  const rows = completeRows.filter((_, k) => keep[k] === 1);
  const pick = (column: Float64Array): Float64Array => mapToFloat64(rows, (row) => column[row]);
  const factors = factorsAll.map((factor) => restrictFactor(factor, rows));
  if (factors.length === 0) {
    factors.push({ name: "(intercept)", componentNames: [], codes: new Int32Array(rows.length), levelCount: 1, labels: ["(intercept)"], components: [] });
  }
  const clusters = clusterAll ? restrictFactor(clusterAll, rows) : null;
  return {
    rows,
    outcome: pick(outcomeAll),
    regressors: regressorsAll.map(pick),
    offset: offsetAll ? pick(offsetAll) : null,
    priorWeights: weightsAll ? pick(weightsAll) : null,
    factors,
    clusters: clusters ? clusters.codes : null,
    clusterCount: clusters ? clusters.levelCount : 0,
    inSample: candidateRows.length,
    dropped,
  };
}

/** The cluster variable as a factor: a column, a combination of columns, or an unordered pair. */
function clusterFactor(frame: DataFrame, cluster: ClusterVariable): Factor {
  if (typeof cluster === "object" && !Array.isArray(cluster)) return encodeUnorderedPair(frame, cluster.pair, "vcov.cluster.pair");
  return encodeFactor(frame, fixedEffectComponents(cluster), "vcov.cluster");
}

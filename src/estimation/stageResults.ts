import { TradewindsInputError, message, show } from "../messages.js";
import { getColumn, numericColumn, type DataFrame } from "./dataFrame.js";
import type { EstimatedStage } from "./estimationStages.js";
import type { EstimationSection } from "./estimationSection.js";
import { fixedEffectComponents } from "./estimationSpec.js";
import { encodeFactor } from "./factor.js";
import { mapToFloat64 } from "../util/typedArrays.js";

/** Reading the results of estimated stages (no I/O: the models use them when they calibrate). */

/** The stage of that name; an unknown name is an input error at `fieldPath`. */
export function requireStage(stages: Map<string, EstimatedStage>, name: string, source: string, fieldPath: string): EstimatedStage {
  const stage = stages.get(name);
  if (!stage) throw new TradewindsInputError([{ source, path: fieldPath, value: show(name), message: message.unknownStage(name, [...stages.keys()]) }]);
  return stage;
}

/**
 * The recovered fixed effect α of `factor` (a factor of `stage`) at every row of `frame`: the row's
 * level is named by the `by` columns (default: the factor's components); NaN where that level was not
 * estimated (e.g. a pair separated by its fixed effect).
 */
export function fixedEffectAtRows(stage: EstimatedStage, factor: string, frame: DataFrame, by: readonly string[] | undefined, source: string, fieldPath: string): Float64Array {
  const recovered = stage.result.value.fixedEffects;
  if (!recovered) throw new TradewindsInputError([{ source, path: fieldPath, value: show(stage.name), message: message.fixedEffectsNotRecovered(stage.name) }]);
  const estimates = recovered.factors.find((f) => f.name === factor);
  if (!estimates) {
    throw new TradewindsInputError([{ source, path: `${fieldPath}.factor`, value: show(factor), message: message.unknownFactor(factor, recovered.factors.map((f) => f.name)) }]);
  }
  const components = by ?? factor.split("#");
  const byLabel = new Map(estimates.labels.map((label, level) => [label, estimates.values[level]]));
  const rowLevels = encodeFactor(frame, components, `${fieldPath}.by`);
  return mapToFloat64(rowLevels.codes, (code) => (code < 0 ? NaN : (byLabel.get(rowLevels.labels[code]) ?? NaN)));
}

/**
 * The stage's fitted linear predictor η = o + x'β + Σ_f α^f at the given rows of its own frame
 * (Stata `predict, xb` with the fixed effects; exp(η) is `predict, mu`), for rows in or out of the
 * estimation sample. NaN where a fixed-effect level was not estimated.
 */
export function linearPredictorAtRows(stage: EstimatedStage, rows: Int32Array, source: string, fieldPath: string): Float64Array {
  const { spec, frame, result } = stage;
  const recovered = result.value.fixedEffects;
  if (!recovered && spec.fixedEffects.length > 0) {
    throw new TradewindsInputError([{ source, path: fieldPath, value: show(stage.name), message: message.fixedEffectsNotRecovered(stage.name) }]);
  }
  const eta = new Float64Array(rows.length);
  if (spec.offset !== undefined) {
    const offset = numericColumn(frame, spec.offset, "offset");
    rows.forEach((r, k) => (eta[k] += offset[r]));
  }
  for (const c of result.value.coefficients) {
    const x = numericColumn(frame, c.name, "regressors");
    rows.forEach((r, k) => (eta[k] += c.estimate * x[r]));
  }
  for (const entry of spec.fixedEffects) {
    const components = fixedEffectComponents(entry);
    const alpha = fixedEffectAtRows(stage, components.join("#"), frame, components, source, fieldPath);
    rows.forEach((r, k) => (eta[k] += alpha[r]));
  }
  return eta;
}

/**
 * The frame rows of the dataset's pairs, [i*N + j] = the row with exporter `countries[i]`, importer
 * `countries[j]` and the `crossSection.where` values. Every pair must have exactly one row.
 */
export function crossSectionRows(frame: DataFrame, crossSection: EstimationSection["crossSection"], countries: readonly string[], source: string): Int32Array {
  const N = countries.length;
  const at = new Map(countries.map((c, k) => [c, k]));
  const exporter = getColumn(frame, crossSection.exporter, "estimation.crossSection.exporter");
  const importer = getColumn(frame, crossSection.importer, "estimation.crossSection.importer");
  const conditions = Object.entries(crossSection.where).map(([name, wanted]) => ({ column: getColumn(frame, name, `estimation.crossSection.where.${name}`), wanted: String(wanted) }));
  const label = (column: ReturnType<typeof getColumn>, r: number): string =>
    column.kind === "factor" ? (column.codes[r] < 0 ? "" : column.levels[column.codes[r]]) : String(column.values[r]);
  const rows = new Int32Array(N * N).fill(-1);
  const where = Object.entries(crossSection.where).map(([k, v]) => `${k} = ${v}`).join(", ") || "no condition";
  for (let r = 0; r < frame.rowCount; r++) {
    if (!conditions.every(({ column, wanted }) => label(column, r) === wanted)) continue;
    const i = at.get(label(exporter, r));
    const j = at.get(label(importer, r));
    if (i === undefined || j === undefined) continue;
    if (rows[i * N + j] >= 0) {
      throw new TradewindsInputError([{ source, path: "estimation.crossSection", value: "", message: message.crossSectionRowDuplicate(countries[i], countries[j], where) }]);
    }
    rows[i * N + j] = r;
  }
  const missing = rows.indexOf(-1);
  if (missing >= 0) {
    throw new TradewindsInputError([
      { source, path: "estimation.crossSection", value: "", message: message.crossSectionRowMissing(countries[Math.floor(missing / N)], countries[missing % N], where) },
    ]);
  }
  return rows;
}

import { dirname } from "node:path";
import { z } from "zod";
import { TradewindsInputError, message, show } from "../messages.js";
import { readSpecReference, resolveDataReference, type FilePolicy } from "../scenario/filePolicy.js";
import { parseYamlText } from "../scenario/parseText.js";
import { estimationSpecSchema, fixedEffectComponents, parseEstimationSpec, type EstimationSpec } from "./estimationSpec.js";
import { encodeFactor } from "./factor.js";
import { fitPpml } from "./fitPpml.js";
import { getColumn, numericColumn, readFrame, withNumericColumn, type DataFrame } from "./frame.js";
import type { PpmlResult } from "./ppmlResult.js";
import { deriveColumns } from "./prepareFrame.js";

/**
 * Estimation stages: a sequence of PPML fits on one panel where a later stage may use an earlier
 * stage's fixed effects as data — the Anderson–Yotov two-stage procedure of the Advanced Guide's
 * NAFTA application (Yotov et al. 2016, Ch. 2, RTAsEffects.do:131–172; spec one-sector.md §1.3):
 * stage 1 estimates pair fixed effects γ_ij, stage 2 regresses exp(γ_ij) on gravity variables.
 * A scenario's `estimation:` section is this schema; the GE model then reads the stages' coefficients,
 * fixed effects and predictions on the `crossSection` rows (one row per dataset exporter–importer pair).
 */

const value = z.union([z.number(), z.string()]);

export const stageColumnSchema = z
  .strictObject({
    name: z.string().min(1).describe("The new column's name"),
    fixedEffect: z
      .strictObject({
        stage: z.string().min(1).describe("An earlier stage"),
        factor: z.string().min(1).describe('A fixed-effect factor of that stage, by its name (e.g. "pair_id_2", "exporter#year")'),
        by: z
          .array(z.string().min(1))
          .min(1)
          .optional()
          .describe("Columns of this stage's data whose values name the level (default: the factor's own component columns)"),
      })
      .describe("The recovered fixed effect of the row's level; missing where the level was not estimated"),
    exp: z.boolean().default(false).describe("Take exp() of the fixed effect (e.g. t̄_ij = exp(γ_ij))"),
  })
  .describe("A column built from an earlier stage before this stage's spec is applied");

export const estimationStageSchema = z
  .strictObject({
    name: z.string().min(1).describe("The stage's name, used by later stages and by the model's `estimated` parameters"),
    columns: z.array(stageColumnSchema).default([]),
    spec: z
      .union([z.string().min(1), estimationSpecSchema])
      .describe("An estimation spec (see `tradewinds estimate` and examples/estimate/), inline or as a file path relative to the scenario"),
  })
  .describe("One PPML fit");

export const estimationSectionSchema = z
  .strictObject({
    data: z.string().min(1).describe("The panel CSV: panel:<name> (embedded, e.g. panel:ag-rta-1986-2006) or a path relative to the scenario file"),
    crossSection: z
      .strictObject({
        exporter: z.string().min(1).default("exporter").describe("The data column holding the exporter code"),
        importer: z.string().min(1).default("importer").describe("The data column holding the importer code"),
        where: z.record(z.string(), value).default({}).describe("Column values that pick the GE baseline rows, e.g. { year: 1994 }"),
      })
      .describe("The data rows that are the dataset's exporter–importer pairs (exactly one per pair): where fixed effects and predictions are read"),
    stages: z.array(estimationStageSchema).min(1),
  })
  .describe(
    "Estimation stages run before calibration (PPML with high-dimensional fixed effects); the advanced-guide model's `estimated` parameters take trade costs from them (Advanced Guide ch. 2 NAFTA, spec one-sector.md §1.3)",
  );

export type EstimationSectionInput = z.input<typeof estimationSectionSchema>;
export type EstimationSection = z.output<typeof estimationSectionSchema>;

export interface EstimatedStage {
  name: string;
  spec: EstimationSpec;
  /** The stage's data: the panel with the stage's `columns` and its spec's `derive` columns added. */
  frame: DataFrame;
  result: PpmlResult;
}

export interface EstimationStages {
  section: EstimationSection;
  source: string;
  /** The section's `data` as written (`panel:<name>` or a path): how messages name the panel. */
  dataPath: string;
  stages: Map<string, EstimatedStage>;
}

/**
 * Runs the stages in order. `files` says which files the section may name (see FilePolicy): under
 * "deny" the panel must be embedded and every spec inline; with a folder, paths resolve against it.
 */
export function runEstimationStages(section: EstimationSection, files: FilePolicy, source: string): EstimationStages {
  const data = resolveDataReference(section.data, files, source, "estimation.data");
  const panel = readFrame(data.path, { label: data.label, showContent: data.embedded });
  const stages = new Map<string, EstimatedStage>();
  section.stages.forEach((stage, s) => {
    const path = `estimation.stages[${s}]`;
    if (stages.has(stage.name)) throw new TradewindsInputError([{ source, path: `${path}.name`, value: show(stage.name), message: message.duplicateStage(stage.name) }]);
    const { spec, files: specFiles } = stageSpec(stage.spec, files, source, `${path}.spec`);
    // Every stage reads the section's panel: the cross-section rows index it. A spec's own data must name the same file.
    if (spec.data !== undefined) {
      const own = resolveDataReference(spec.data, specFiles, source, `${path}.spec.data`);
      if (own.path !== data.path) throw new TradewindsInputError([{ source, path: `${path}.spec.data`, value: show(spec.data), message: message.stageDataDiffers(spec.data, section.data) }]);
    }
    let frame = panel;
    stage.columns.forEach((column, c) => {
      const from = requireStage(stages, column.fixedEffect.stage, source, `${path}.columns[${c}].fixedEffect.stage`);
      const values = fixedEffectAtRows(from, column.fixedEffect.factor, frame, column.fixedEffect.by, source, `${path}.columns[${c}].fixedEffect`);
      if (column.exp) for (let r = 0; r < values.length; r++) values[r] = Math.exp(values[r]);
      frame = withNumericColumn(frame, column.name, values);
    });
    // Errors about the spec's normalisation or combinations name the scenario and the stage's spec field.
    const result = fitPpml(frame, spec, { specSource: { source, path: `${path}.spec` } });
    stages.set(stage.name, { name: stage.name, spec, frame: deriveColumns(frame, spec.derive), result });
  });
  return { section, source, dataPath: data.label, stages };
}

/**
 * A stage's spec: inline, or read from the file it names (never quoted in errors: the messages give
 * the field, the line and the count of unknown keys). A spec file's own `data` resolves against its folder.
 */
function stageSpec(spec: string | EstimationSpec, files: FilePolicy, source: string, fieldPath: string): { spec: EstimationSpec; files: FilePolicy } {
  if (typeof spec !== "string") return { spec, files };
  const file = readSpecReference(spec, files, source, fieldPath);
  const label = `${source}: ${fieldPath} (${spec})`;
  return { spec: parseEstimationSpec(parseYamlText(file.text, label, { echo: false }), label, { echo: false }), files: { baseDir: dirname(file.path) } };
}

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
  return Float64Array.from(rowLevels.codes, (code) => (code < 0 ? NaN : (byLabel.get(rowLevels.labels[code]) ?? NaN)));
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

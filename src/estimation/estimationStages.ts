import { dirname } from "node:path";
import { TradewindsInputError, message, show } from "../messages.js";
import { readSpecReference, resolveDataReference, type FilePolicy } from "../scenario/filePolicy.js";
import { parseYamlText } from "../scenario/parseText.js";
import { parseEstimationSpec, type EstimationSpec } from "./estimationSpec.js";
import { fitPpml } from "./fitPpml.js";
import { readFrame, withNumericColumn, type DataFrame } from "./frame.js";
import type { PpmlResult } from "./ppmlResult.js";
import { deriveColumns } from "./prepareFrame.js";
import { crossSectionRows, fixedEffectAtRows, linearPredictorAtRows, requireStage } from "./stageResults.js";

/**
 * Estimation stages: a sequence of PPML fits on one panel where a later stage may use an earlier
 * stage's fixed effects as data — the Anderson–Yotov two-stage procedure of the Advanced Guide's
 * NAFTA application (Yotov et al. 2016, Ch. 2, RTAsEffects.do:131–172; spec one-sector.md §1.3):
 * stage 1 estimates pair fixed effects γ_ij, stage 2 regresses exp(γ_ij) on gravity variables.
 * A scenario's `estimation:` section is this schema; the GE model then reads the stages' coefficients,
 * fixed effects and predictions on the `crossSection` rows (one row per dataset exporter–importer pair).
 */

export { stageColumnSchema, estimationStageSchema, estimationSectionSchema, type EstimationSectionInput, type EstimationSection } from "./estimationSection.js";
import type { EstimationSection } from "./estimationSection.js";

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

export { requireStage, fixedEffectAtRows, linearPredictorAtRows, crossSectionRows };

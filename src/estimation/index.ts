/**
 * The PPML-HDFE estimator's public names (for `src/index.ts`, the CLI `tradewinds estimate` and the
 * scenario estimation stage). Entry points: `readFrame` → `parseEstimationSpec` → `fitPpml` →
 * `PpmlResult`; `recoverFixedEffects` and `linearCombination` on a result.
 */
export { readFrame, frameFromColumns, withNumericColumn, selectRows, numericColumn, type DataFrame, type Column, type NumericColumn, type FactorColumn } from "./frame.js";
export {
  estimationSpecSchema,
  parseEstimationSpec,
  type EstimationSpec,
  type EstimationSpecInput,
  type SampleCondition,
  type DerivedColumn,
  type Normalisation,
  type EstimationOptions,
} from "./estimationSpec.js";
export { fitPpml, PpmlNotConvergedError, type FitPpmlOptions } from "./fitPpml.js";
export { recoverFixedEffects } from "./recoverFixedEffects.js";
export { linearCombination, deltaMethod, type CombinationEstimate, type CoefficientTable } from "./linearCombination.js";
export { estimateFile, readEstimationSpecFile, resolveDataPath, listEmbeddedPanels, EMBEDDED_PANEL_PREFIX, type EstimationSpecFile } from "./estimationFile.js";
export { estimationReport, formatEstimationTable, type EstimationReport } from "./estimationReport.js";
export { checkScoreEquations, type ScoreCheck } from "./scoreCheck.js";
export type { DropReason, DroppedObservation } from "./pruneSample.js";
export type { VcovType, SmallSampleConvention } from "./ppmlVcov.js";
export type {
  PpmlResult,
  PpmlEstimates,
  PpmlFit,
  CoefficientEstimate,
  DroppedRegressor,
  ObservationCounts,
  FixedEffectSummary,
  FixedEffectEstimates,
  RecoveredFixedEffects,
} from "./ppmlResult.js";

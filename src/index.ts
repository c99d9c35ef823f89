/**
 * Tradewinds — the public library entry. Every exported name is listed here explicitly.
 */
export { runScenario, runValidatedScenario, VERSION, type RunOptions } from "./run.js";
export { validateScenarioText, validateScenarioObject, readScenarioFile } from "./scenario/validate.js";
export { scenarioSchema, shockSchema, phaseSchema, type ScenarioInput, type ShockInput, type PhaseInput } from "./scenario/schema.js";
export { scenarioJsonSchema } from "./scenario/jsonSchema.js";
export { normalizeScenario, type NormalizedScenario } from "./scenario/normalize.js";
export { compilePhase, type CompiledPhase } from "./scenario/compile.js";
export { loadDataset, loadDatasetFile, listEmbeddedDatasets, datasetFromFile } from "./data/load.js";
export { withBaselineTariffs, nullPrototypeRecord, type Dataset, type Country, type Sector, type DatasetMeta, type InputOutput, type TariffSetInfo } from "./data/dataset.js";
export { describeDataset, formatDatasetDescription, type DatasetDescription } from "./data/describeDataset.js";
export { BINARY_FORMAT } from "./data/binaryFormat.js";
export { modelCatalog } from "./models/available.js";
export type { Model, ModelOutcome, CompiledPolicy, RunContext } from "./models/types.js";
export { registry, definitionOf, type QuantityDefinition } from "./report/registry.js";
export { formatReport, type OutputFormat } from "./report/format.js";
export type { RunReport, PhaseReport, ResultRow } from "./report/types.js";
export { TradewindsInputError, type InputIssue } from "./messages.js";
export type { SolverResult } from "./solver/result.js";
export { exposureTables, type ExposureLabels } from "./exposure/exposureTables.js";
export { exposureOf, datasetExposure, scenarioExposure, type ExposureReport } from "./exposure/exposureReport.js";
export { formatExposureReport } from "./exposure/format.js";
export { accountingInputOf, buildAccountingSystem, type AccountingInput, type AccountingSystem } from "./exposure/accountingSystem.js";
export type { ExposureTables, TivaIndicators, AccountingChecks } from "./exposure/types.js";
export type { ExposureSelection, ExposureView } from "./exposure/view.js";
export { icioDatasetFile, type IcioImportOptions } from "./data/icio.js";
export * from "./estimation/index.js";
export { runBloc, type BlocRunOptions } from "./strategy/runBloc.js";
export type { BlocRequest } from "./strategy/blocSolve.js";
export type { BlocReport } from "./report/blocReport.js";
export { formatBlocReport } from "./report/formatBloc.js";
export { runTariffWar, SIGMA_SETS, type TariffWarOptions, type TariffWarReport } from "./strategy/tariffWar.js";
export { formatTariffWar } from "./strategy/formatTariffWar.js";
export { ossaBaseline, type OssaSigmaSet } from "./models/ossa/baseline.js";
export { optimalTariffs, instrumentIndices, type OptimalTariffResult } from "./models/ossa/optimalTariffs.js";
export { ossaNashTariffs, OSSA_NASH } from "./models/ossa/nashTariffs.js";
export { nashByBestResponse, type BestResponseRound } from "./strategy/bestResponse.js";

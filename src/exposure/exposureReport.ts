import type { Dataset } from "../data/dataset.js";
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { readInputFile } from "../util/inputFile.js";
import { datasetFromFile, listEmbeddedDatasets, loadDataset, loadDatasetFile } from "../data/load.js";
import { BINARY_FORMAT } from "../data/binaryFormat.js";
import { TradewindsInputError, message, show, type InputIssue } from "../messages.js";
import { definitionOf, type QuantityDefinition, type QuantityKey } from "../report/registry.js";
import type { RunReport } from "../report/types.js";
import { runScenario } from "../run.js";
import { loadScenarioDatasetSync } from "../data/datasetFile.js";
import { validateScenarioText } from "../scenario/validate.js";
import type { FilePolicy } from "../scenario/filePolicy.js";
import { accountingInputOf, type AccountingInput } from "./accountingSystem.js";
import { exposureTables } from "./exposureTables.js";
import type { ExposureTables } from "./types.js";
import { exposureView, spendingShares, type ExposureSelection, type ExposureView } from "./view.js";

/**
 * The `exposure` command's result: the value-added accounting of spec scenarios-and-strategy.md §5 for
 * a dataset's data year, or for a scenario the same measures before and after each phase beside the
 * general-equilibrium result. JSON-serialisable; src/exposure/format.ts renders it.
 */
export interface ExposureReport {
  dataset: { name: string; title: string; year: number; units: string; attribution: string };
  /** Plain statement of the data year, shown first in every output. */
  notice: string;
  scenario?: { name: string; description?: string; model: string; source: string };
  /** How the supplier was chosen when the command line named none (a scenario's embargoing country). */
  supplierNote?: string;
  view: ExposureView;
  /** GE result of each phase for the focus country (country keys) and its selected sectors. */
  ge?: { phase: string; description?: string; converged: boolean; solver: string; country: Record<string, number>; sectors: { sector: string; values: Record<string, number> }[] }[];
  /** Definitions of every key shown. */
  definitions: Record<string, QuantityDefinition>;
}

/** Keys of the exposure tables (report/registry.ts). */
const EXPOSURE_KEYS = ["vaOriginShare", "foreignVaInExports", "foreignVaShareOfExports", "domesticVaInForeignFinalDemand", "directExposure", "totalExposure", "vaContentShare", "chokepointOutputShare", "importSourceShare"];
/** Sector keys of the GE result shown beside the exposure (when the model reports them). */
const GE_SECTOR_KEYS: QuantityKey[] = ["grossOutputChangePct", "sectorPriceChangePct", "sectorImportsChangePct"];

function labelsOf(data: Dataset) {
  return { countries: data.countries.map((c) => c.code), sectors: data.sectors.map((s) => s.code) };
}

/** Checks the selection's codes against the dataset; every bad code is reported. */
export function checkSelection(data: Dataset, selection: ExposureSelection, source = "command line"): void {
  const codes = data.countries.map((c) => c.code);
  const sectorCodes = data.sectors.map((s) => s.code);
  const issues: InputIssue[] = [];
  if (selection.country !== undefined && !codes.includes(selection.country)) issues.push({ source, path: "--country", value: show(selection.country), message: message.unknownCountry(selection.country, codes, []) });
  if (selection.supplier !== undefined && selection.supplier !== ALL_SUPPLIERS && !codes.includes(selection.supplier)) issues.push({ source, path: "--supplier", value: show(selection.supplier), message: message.unknownCountry(selection.supplier, codes, []) });
  for (const s of selection.sectors ?? []) if (!sectorCodes.includes(s)) issues.push({ source, path: "--sector", value: show(s), message: message.unknownSector(s, sectorCodes) });
  if (issues.length) throw new TradewindsInputError(issues);
}

function requireIo(data: Dataset): AccountingInput {
  const input = accountingInputOf(data);
  if (!input) throw new TradewindsInputError([{ source: `dataset ${data.meta.name}`, path: "io", value: "", message: message.exposureNeedsIo(data.meta.name) }]);
  return input;
}

function datasetMeta(data: Dataset): ExposureReport["dataset"] {
  const { name, title, year, units, attribution } = data.meta;
  return { name, title, year, units, attribution };
}

/** The accounting of a dataset in its data year (flows under the baseline tariff set). */
export function datasetExposure(data: Dataset, selection: ExposureSelection): ExposureReport {
  if (selection.supplier === ALL_SUPPLIERS) selection = { ...selection, supplier: undefined };
  checkSelection(data, selection);
  const input = requireIo(data);
  const tables = exposureTables(input, labelsOf(data));
  const view = exposureView([`data ${data.meta.year}`], [tables], [spendingShares(input.flows, input.tariffs, input.N, input.S)], selection);
  return { dataset: datasetMeta(data), notice: dataYearNotice(data), view, definitions: definitions(EXPOSURE_KEYS) };
}

/**
 * A scenario's exposure before and after each phase: runs the scenario (its model must report bilateral
 * flows, e.g. caliendo-parro) and applies the same accounting to the model's baseline equilibrium
 * ("before": baseline flows and tariffs) and to each phase's counterfactual ("after": its flows and
 * tariff levels). γ, β, α are Cobb–Douglas shares, unchanged by the shock.
 */
export function scenarioExposure(text: string, source: string, selection: ExposureSelection, dataset?: Dataset, files: FilePolicy = "deny"): ExposureReport {
  const solved: { name: string; tariffs: Float64Array; tradeCostFactors: Float64Array; baselineFlows: Float64Array; flows: Float64Array }[] = [];
  let missingFlows = false;
  // The dataset the scenario names (embedded, or a dataset file under `files`), loaded once for the run and the accounting.
  const data = dataset ?? loadScenarioDatasetSync(validateScenarioText(text, source).dataset, files, source).dataset;
  const report: RunReport = runScenario(text, {
    source,
    dataset: data,
    files,
    onPhaseSolved: (phase, outcome) => {
      if (!outcome.flows) missingFlows = true;
      else solved.push({ name: phase.name, tariffs: phase.policy.tariffs, tradeCostFactors: phase.policy.tradeCostFactors, baselineFlows: outcome.flows.baseline, flows: outcome.flows.counterfactual });
    },
  });
  if (missingFlows) throw new TradewindsInputError([{ source, path: "model.type", value: show(report.model.type), message: message.exposureNeedsFlows(report.model.type) }]);
  checkSelection(data, selection);
  const base = requireIo(data);
  const labels = labelsOf(data);
  let supplierNote: string | undefined;
  const { country } = selection;
  if (country !== undefined && selection.supplier === undefined) {
    const embargoing = supplierCutOffInEveryPhase(solved, labels.countries.indexOf(country), base.N, base.S);
    if (embargoing !== undefined) {
      selection = { ...selection, supplier: labels.countries[embargoing] };
      supplierNote = message.exposureSupplierChosen(labels.countries[embargoing], country);
    }
  }
  if (selection.supplier === ALL_SUPPLIERS) selection = { ...selection, supplier: undefined };
  const state = (flows: Float64Array, tariffs: Float64Array): [ExposureTables, Float64Array] => [
    exposureTables({ ...base, flows, tariffs }, labels),
    spendingShares(flows, tariffs, base.N, base.S),
  ];

  // "before" once per distinct baseline (phases with other model parameters have their own).
  const names: string[] = [];
  const tables: ExposureTables[] = [];
  const shares: Float64Array[] = [];
  let lastBaseline: Float64Array | undefined;
  for (const phase of solved) {
    if (!lastBaseline || !sameValues(lastBaseline, phase.baselineFlows)) {
      const [t, pi] = state(phase.baselineFlows, base.tariffs);
      names.push(solved.length > 1 && lastBaseline ? `before (${phase.name})` : "before");
      tables.push(t);
      shares.push(pi);
      lastBaseline = phase.baselineFlows;
    }
    const [t, pi] = state(phase.flows, phase.tariffs);
    names.push(`after ${phase.name}`);
    tables.push(t);
    shares.push(pi);
  }
  const view = exposureView(names, tables, shares, selection);

  // The model's table keys (the first is the exact welfare change in every model).
  const geCountryKeys = [...report.tableKeys];
  const keys = [...EXPOSURE_KEYS, ...geCountryKeys];
  let ge: ExposureReport["ge"];
  if (selection.country !== undefined) {
    const shownSectors = selection.sectors?.length ? selection.sectors : [];
    ge = report.phases.map((phase) => {
      const row = phase.countries.find((c) => c.code === selection.country)!;
      const sectors = (phase.sectors ?? [])
        .filter((r) => r.country === selection.country && shownSectors.includes(r.sector))
        .map((r) => ({ sector: r.sector, values: Object.fromEntries(GE_SECTOR_KEYS.filter((k) => k in r.values).map((k) => [k, r.values[k]])) }));
      return {
        phase: phase.name,
        description: phase.description,
        converged: phase.converged,
        solver: `${phase.solver.method}, ${phase.solver.iterations} iterations, residual ${phase.solver.residual.toExponential(1)}`,
        country: Object.fromEntries(geCountryKeys.map((k) => [k, row.values[k]])),
        sectors,
      };
    });
    if (ge.some((p) => p.sectors.length)) keys.push(...GE_SECTOR_KEYS);
  }
  return {
    dataset: datasetMeta(data),
    notice: dataYearNotice(data),
    scenario: { name: report.scenario.name, description: report.scenario.description, model: report.model.type, source },
    supplierNote,
    view: { ...view, warnings: [...view.warnings, ...report.warnings] },
    ge,
    definitions: definitions(keys),
  };
}

/** `--supplier all`: every foreign supplier together (the default unless a scenario embargoes one country). */
export const ALL_SUPPLIERS = "all";

/**
 * The exporter whose sales to country n are embargoed (trade-cost factor ∞ in some sector) in every
 * solved phase, when exactly one country is; undefined otherwise.
 */
function supplierCutOffInEveryPhase(phases: { tradeCostFactors: Float64Array }[], n: number, N: number, S: number): number | undefined {
  if (!phases.length) return undefined;
  const candidates = [...Array(N).keys()].filter(
    (i) => i !== n && phases.every((p) => [...Array(S).keys()].some((s) => p.tradeCostFactors[(s * N + i) * N + n] === Infinity)),
  );
  return candidates.length === 1 ? candidates[0] : undefined;
}

function dataYearNotice(data: Dataset): string {
  const year = data.meta.year;
  return `DATA YEAR ${year}: every number below describes the supply chains of ${year}, which may differ greatly from today's.`;
}

function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

function definitions(keys: string[]): Record<string, QuantityDefinition> {
  return Object.fromEntries([...new Set(keys)].map((k) => [k, definitionOf(k)]));
}

/**
 * The `exposure` command's dispatch: `target` is an embedded dataset name, a dataset file
 * (tradewinds-dataset/1 JSON, e.g. from `tradewinds import-icio`, or the header of the binary form
 * tradewinds-dataset/2 with its chunks beside it) or a scenario file.
 */
export function exposureOf(target: string, selection: ExposureSelection): ExposureReport {
  if (listEmbeddedDatasets().includes(target)) return datasetExposure(loadDataset(target), selection);
  if (!existsSync(target)) {
    throw new TradewindsInputError([{ source: "command line", path: "<target>", value: show(target), message: message.exposureTargetUnknown(target, listEmbeddedDatasets()) }]);
  }
  const text = readInputFile(target, { source: "command line", field: "<target>", what: "dataset or scenario file" });
  if (target.endsWith(".json")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const format = parsed && typeof parsed === "object" ? (parsed as { format?: unknown }).format : undefined;
    if (format === "tradewinds-dataset/1") return datasetExposure(datasetFromFile(parsed, target), selection);
    if (format === BINARY_FORMAT) return datasetExposure(loadDatasetFile(target), selection);
  }
  return scenarioExposure(text, target, selection, undefined, { baseDir: dirname(resolve(target)) });
}

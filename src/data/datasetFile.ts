import { basename, dirname } from "node:path";
import { TradewindsInputError, message, type InputIssue } from "../messages.js";
import { resolveDatasetReference, type DatasetReference, type FilePolicy } from "../scenario/filePolicy.js";
import { readInputFile } from "../util/inputFile.js";
import { BINARY_FORMAT } from "./binaryFormat.js";
import { datasetFromBinary } from "./binaryRead.js";
import type { Dataset } from "./dataset.js";
import type { DatasetFile } from "./format.js";
import { readDatasetManifest } from "./import/datasetManifest.js";
import { readFlowFile } from "./import/readFlowFile.js";
import { datasetFromFile, loadDataset } from "./load.js";

/**
 * The dataset a scenario's `dataset:` names, under a file policy (scenario/filePolicy.ts): an embedded
 * dataset by name, or — when the policy names a folder (the CLI: the scenario's folder) — a file:
 *
 *   .json                 a dataset file (tradewinds-dataset/1, as `tradewinds import` writes it)
 *   .csv, .csv.gz, .parquet   a long-format flows table (import/flowTable.ts), read through DuckDB
 *   .yaml, .yml           a dataset manifest: a flows table, a countries table and their units (import/datasetManifest.ts)
 *
 * Errors name the field and the path as written. A file that is not a dataset is refused without quoting
 * it; a flows table's errors name rows and the project's column names, never a code or value it holds.
 */
export interface LoadedDataset {
  dataset: Dataset;
  /** What the caller should pass on (e.g. units assumed for a flows table). */
  warnings: string[];
}

/** Units of a flows table a scenario names directly (it states none; `tradewinds import --units` states them). */
export const FLOWS_FILE_UNITS = "current USD (assumed: the flows file states no units)";

/** Loads any dataset reference; CSV and Parquet tables go through DuckDB, asynchronously. */
export async function loadScenarioDataset(dataset: string, files: FilePolicy = "deny", source = "scenario"): Promise<LoadedDataset> {
  const reference = resolveDatasetReference(dataset, files, source);
  if (reference.kind === "file" && reference.format === "manifest") {
    return { dataset: checked(await readDatasetManifest(reference.path, reference.label, nameFromPath(reference.path)), reference.label), warnings: [] };
  }
  if (reference.kind === "file" && reference.format !== "json") {
    const file = await readFlowFile(reference.path, {
      source: reference.label,
      showContent: false,
      name: nameFromPath(reference.path),
      units: FLOWS_FILE_UNITS,
      provenance: { source: `the flows file ${reference.label}`, licence: "not stated (the user's own file)", attribution: `the flows file ${reference.label} (the user's own data)` },
    });
    return { dataset: checked(file, reference.label), warnings: [message.datasetUnitsAssumed(reference.label)] };
  }
  return loadScenarioDatasetSync(dataset, files, source, reference);
}

/** The same for embedded datasets and dataset JSON files, which are read synchronously; a flows table is an input error saying to use the asynchronous form. */
export function loadScenarioDatasetSync(dataset: string, files: FilePolicy = "deny", source = "scenario", resolved?: DatasetReference): LoadedDataset {
  const reference = resolved ?? resolveDatasetReference(dataset, files, source);
  if (reference.kind === "embedded") return { dataset: loadDataset(reference.name, source), warnings: [] };
  if (reference.format !== "json") throw new TradewindsInputError([{ source, path: "dataset", value: JSON.stringify(dataset), message: message.datasetFileNeedsAsync() }]);
  const text = readInputFile(reference.path, { source, field: "dataset", what: "dataset file" });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = undefined;
  }
  const format = raw !== null && typeof raw === "object" ? (raw as { format?: unknown }).format : undefined;
  if (format !== "tradewinds-dataset/1" && format !== BINARY_FORMAT) {
    throw new TradewindsInputError([{ source, path: "dataset", value: JSON.stringify(dataset), message: message.datasetFileNotDataset() }]);
  }
  const data = format === BINARY_FORMAT ? datasetFromBinary(raw, dirname(reference.path), reference.label) : datasetFromFile(raw, reference.label);
  return { dataset: data, warnings: [] };
}

/** Validates a converted dataset file (the same checks as every dataset file) into a Dataset. */
function checked(file: DatasetFile, label: string): Dataset {
  try {
    return datasetFromFile(file, label);
  } catch (err) {
    // The converter checked what the file holds; what remains names dataset fields, not file content.
    if (err instanceof TradewindsInputError) throw new TradewindsInputError(err.issues.map((i): InputIssue => ({ ...i, value: "" })));
    throw err;
  }
}

/** A dataset name from a file name: lower-case letters, digits and hyphens (data/format.ts). */
export function nameFromPath(path: string): string {
  const stem = basename(path).replace(/(\.csv\.gz|\.dataset\.ya?ml|\.[A-Za-z0-9]+)$/i, "");
  return stem.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "dataset-file";
}

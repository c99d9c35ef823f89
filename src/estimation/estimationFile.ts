import { dirname, resolve } from "node:path";
import { TradewindsInputError, message } from "../messages.js";
import { resolveDataReference } from "../scenario/filePolicy.js";
import { parseYamlText } from "../scenario/parseText.js";
import { readInputFile } from "../util/inputFile.js";
import { parseEstimationSpec, type EstimationSpec } from "./estimationSpec.js";
import { fitPpml, type FitPpmlOptions } from "./fitPpml.js";
import type { DataFrame } from "./frame.js";
import type { PpmlResult } from "./ppmlResult.js";
import { readFrameWithDuckDb } from "./readFrameDuckDb.js";

/**
 * Estimation spec files (`tradewinds estimate <spec-file>`): YAML or JSON holding one estimation spec
 * (estimationSpec.ts). Its `data:` names the panel (CSV, or Parquet for `estimate`), either a path relative to the spec file or an
 * embedded panel `panel:<name>` (data/panels/<name>.csv, shipped with the package).
 */

export { EMBEDDED_PANEL_PREFIX, listEmbeddedPanels } from "../scenario/filePolicy.js";

/**
 * The CSV that a spec file's `data` names: `panel:<name>` → data/panels/<name>.csv, else a path
 * relative to `baseDir` (the spec file's folder).
 */
export function resolveDataPath(data: string, baseDir: string, source: string, fieldPath = "data"): string {
  return resolveDataReference(data, { baseDir }, source, fieldPath).path;
}

/** Parses YAML/JSON text as an object, naming the source on a syntax error (the scenario parser's rules and limits). */
export function parseYamlObject(text: string, source: string): unknown {
  return parseYamlText(text, source);
}

/** A spec file read and validated, with its data file resolved. */
export interface EstimationSpecFile {
  source: string;
  spec: EstimationSpec;
  /** Absolute path of the CSV the spec's `data` names. */
  dataPath: string;
  /** The `data` reference as written, for messages. */
  dataLabel: string;
  /** Whether it is an embedded panel (messages may quote its columns). */
  dataEmbedded: boolean;
}

export function readEstimationSpecFile(path: string): EstimationSpecFile {
  const spec = parseEstimationSpec(parseYamlText(readInputFile(path, { what: "estimation spec file" }), path), path);
  if (spec.data === undefined) throw new TradewindsInputError([{ source: path, path: "data", value: "", message: message.estimationDataRequired() }]);
  const data = resolveDataReference(spec.data, { baseDir: dirname(resolve(path)) }, path, "data");
  return { source: path, spec, dataPath: data.path, dataLabel: data.label, dataEmbedded: data.embedded };
}

/**
 * Reads a spec file and its data (CSV or Parquet, through DuckDB: readFrameDuckDb.ts), and fits it (`fitPpml`).
 * Only the columns whose names the spec holds anywhere are read into the frame (`namesInSpec`).
 */
export async function estimateFile(path: string, options: FitPpmlOptions = {}): Promise<EstimationSpecFile & { frame: DataFrame; result: PpmlResult }> {
  const file = readEstimationSpecFile(path);
  const frame = await readFrameWithDuckDb(file.dataPath, { label: file.dataLabel, showContent: file.dataEmbedded, only: namesInSpec(file.spec) });
  return { ...file, frame, result: fitPpml(frame, file.spec, { specSource: { source: path, path: "" }, ...options }) };
}

/**
 * Every string in a spec, values and keys alike, at any depth: a superset of the columns it names (outcome,
 * regressors, fixed effects and their components, derive inputs, sample conditions, cluster, offset, weights,
 * normalisation keys), whatever field names them, so the reader may leave every other column unread. Words
 * that are not columns ("same", "stata", a derived column's name) select nothing.
 */
export function namesInSpec(spec: EstimationSpec): Set<string> {
  const names = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === "string") names.add(value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === "object") {
      for (const [key, entry] of Object.entries(value)) {
        names.add(key);
        visit(entry);
      }
    }
  };
  visit(spec);
  return names;
}

import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseDocument } from "yaml";
import { embeddedDataDir } from "../data/load.js";
import { TradewindsInputError, message, show } from "../messages.js";
import { readInputFile } from "../util/inputFile.js";
import { parseEstimationSpec, type EstimationSpec } from "./estimationSpec.js";
import { fitPpml, type FitPpmlOptions } from "./fitPpml.js";
import { readFrame, type DataFrame } from "./frame.js";
import type { PpmlResult } from "./ppmlResult.js";

/**
 * Estimation spec files (`tradewinds estimate <spec-file>`): YAML or JSON holding one estimation spec
 * (estimationSpec.ts). Its `data:` names the CSV panel, either a path relative to the spec file or an
 * embedded panel `panel:<name>` (data/panels/<name>.csv, shipped with the package).
 */

/** Prefix of an embedded panel reference, e.g. `panel:ag-rta-1986-2006`. */
export const EMBEDDED_PANEL_PREFIX = "panel:";

/** The CSV file that `data` names: `panel:<name>` → data/panels/<name>.csv, else a path relative to `baseDir`. */
export function resolveDataPath(data: string, baseDir: string, source: string, fieldPath = "data"): string {
  if (data.startsWith(EMBEDDED_PANEL_PREFIX)) {
    const name = data.slice(EMBEDDED_PANEL_PREFIX.length);
    const file = join(embeddedDataDir(), "panels", `${name}.csv`);
    if (!existsSync(file)) throw new TradewindsInputError([{ source, path: fieldPath, value: show(data), message: message.unknownPanel(name, listEmbeddedPanels()) }]);
    return file;
  }
  const file = resolve(baseDir, data);
  if (!existsSync(file)) throw new TradewindsInputError([{ source, path: fieldPath, value: show(data), message: message.estimationDataMissing(file) }]);
  return file;
}

/** Names of the embedded panels (data/panels/*.csv). */
export function listEmbeddedPanels(): string[] {
  const dir = join(embeddedDataDir(), "panels");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".csv"))
    .map((f) => f.slice(0, -4))
    .sort();
}

/** Parses YAML/JSON text as an object, naming the source on a syntax error. */
export function parseYamlObject(text: string, source: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length) {
    throw new TradewindsInputError(
      doc.errors.map((e) => ({ source, path: e.linePos ? `line ${e.linePos[0].line}` : "", value: "", message: message.yamlSyntax(e.message.split("\n")[0]) })),
    );
  }
  return doc.toJS();
}

/** A spec file read and validated, with its data file resolved. */
export interface EstimationSpecFile {
  source: string;
  spec: EstimationSpec;
  /** Absolute path of the CSV the spec's `data` names. */
  dataPath: string;
}

export function readEstimationSpecFile(path: string): EstimationSpecFile {
  const spec = parseEstimationSpec(parseYamlObject(readInputFile(path, { what: "estimation spec file" }), path), path);
  if (spec.data === undefined) throw new TradewindsInputError([{ source: path, path: "data", value: "", message: message.estimationDataRequired() }]);
  return { source: path, spec, dataPath: resolveDataPath(spec.data, dirname(resolve(path)), path) };
}

/** Reads a spec file and its data, and fits it (`fitPpml`). */
export function estimateFile(path: string, options: FitPpmlOptions = {}): EstimationSpecFile & { frame: DataFrame; result: PpmlResult } {
  const file = readEstimationSpecFile(path);
  const frame = readFrame(file.dataPath);
  return { ...file, frame, result: fitPpml(frame, file.spec, { specSource: { source: path, path: "" }, ...options }) };
}

import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { embeddedDataDir, listEmbeddedDatasets } from "../data/load.js";
import { TradewindsInputError, message, show, type InputIssue } from "../messages.js";
import type { EstimationSection } from "../estimation/estimationStages.js";

/**
 * Which files a scenario may make the library read (its `dataset` may name a dataset file; its
 * estimation section names a panel and may name spec files):
 *
 * - `"deny"` — none: data only by embedded name (`panel:<name>`), specs inline. The HTTP API runs
 *   every scenario so, and it is the library's default. A path of any kind is refused, naming the field.
 * - `{ baseDir }` — paths resolve against `baseDir` (the CLI passes the scenario file's folder).
 *
 * Either way, errors name the field and the value as written, never what a file holds.
 */
export type FilePolicy = "deny" | { baseDir: string };

/** Prefix of an embedded panel reference, e.g. `panel:ag-rta-1986-2006`. */
export const EMBEDDED_PANEL_PREFIX = "panel:";

/** A data file a field names: where it is, how messages name it, and whether it is embedded. */
export interface DataReference {
  path: string;
  /** The reference as written (`panel:<name>` or the path given): messages name the file so. */
  label: string;
  /** An embedded panel (shipped with the package, so errors may quote its columns). */
  embedded: boolean;
}

/**
 * The CSV a `data` field names: `panel:<name>` is an embedded panel, looked up by name among
 * data/panels/*.csv (never joined into a path, so `panel:../x` is just an unknown name); anything
 * else is a path, refused under "deny", else resolved against the policy's folder.
 */
export function resolveDataReference(data: string, files: FilePolicy, source: string, field: string): DataReference {
  if (data.startsWith(EMBEDDED_PANEL_PREFIX)) {
    const name = data.slice(EMBEDDED_PANEL_PREFIX.length);
    const known = listEmbeddedPanels();
    if (!known.includes(name)) throw new TradewindsInputError([{ source, path: field, value: show(data), message: message.unknownPanel(name, known) }]);
    return { path: join(embeddedDataDir(), "panels", `${name}.csv`), label: data, embedded: true };
  }
  if (files === "deny") throw new TradewindsInputError([{ source, path: field, value: show(data), message: message.dataPathDenied(listEmbeddedPanels()) }]);
  const path = resolve(files.baseDir, data);
  requireRegularFile(path, data, source, field, message.estimationDataMissing(path));
  return { path, label: data, embedded: false };
}

/**
 * The text of a spec file a field names (a path relative to the policy's folder); refused under
 * "deny". The caller parses it without quoting it (parseYamlText with echo: false).
 */
export function readSpecReference(spec: string, files: FilePolicy, source: string, field: string): { path: string; text: string } {
  if (files === "deny") throw new TradewindsInputError([{ source, path: field, value: show(spec), message: message.specPathDenied() }]);
  const path = resolve(files.baseDir, spec);
  requireRegularFile(path, spec, source, field, message.fileMissing(path));
  return { path, text: readFileSync(path, "utf8") };
}

/** A dataset a scenario's `dataset` names: an embedded one by name, or a file (a flows table or a dataset JSON). */
export type DatasetReference = { kind: "embedded"; name: string } | { kind: "file"; path: string; label: string; format: DatasetFileFormat };
export type DatasetFileFormat = "json" | "csv" | "parquet" | "manifest";

/**
 * Whether a `dataset` value is a path rather than an embedded name: embedded names are lower-case letters,
 * digits and hyphens, so anything with a folder separator or a file extension is a path.
 */
export function isDatasetPath(dataset: string): boolean {
  return /[/\\]/.test(dataset) || /\.[A-Za-z0-9]+$/.test(dataset);
}

/** The format of a dataset file by its extension, or undefined. */
export function datasetFileFormat(path: string): DatasetFileFormat | undefined {
  if (/\.json$/i.test(path)) return "json";
  if (/\.csv(\.gz)?$/i.test(path)) return "csv";
  if (/\.parquet$/i.test(path)) return "parquet";
  if (/\.ya?ml$/i.test(path)) return "manifest";
  return undefined;
}

/**
 * The dataset a `dataset` field names: a name is an embedded dataset (checked when it is loaded); a path
 * is refused under "deny", else resolved against the policy's folder and must be a regular file of a
 * format Tradewinds reads (.csv, .csv.gz, .parquet flows tables; .json dataset files; .yaml dataset manifests).
 */
export function resolveDatasetReference(dataset: string, files: FilePolicy, source: string, field = "dataset"): DatasetReference {
  if (!isDatasetPath(dataset)) return { kind: "embedded", name: dataset };
  if (files === "deny") throw new TradewindsInputError([{ source, path: field, value: show(dataset), message: message.datasetPathDenied(listEmbeddedDatasets()) }]);
  const format = datasetFileFormat(dataset);
  if (!format) throw new TradewindsInputError([{ source, path: field, value: show(dataset), message: message.datasetFileType() }]);
  const path = resolve(files.baseDir, dataset);
  requireRegularFile(path, dataset, source, field, message.fileMissing(path));
  return { kind: "file", path, label: dataset, format };
}

/** A regular file, or an input error naming the field (a folder, FIFO or device is never opened for reading). */
function requireRegularFile(path: string, written: string, source: string, field: string, missing: string): void {
  if (!existsSync(path)) throw new TradewindsInputError([{ source, path: field, value: show(written), message: missing }]);
  if (!statSync(path).isFile()) throw new TradewindsInputError([{ source, path: field, value: show(written), message: message.notARegularFile(path) }]);
}

/**
 * Every file reference of a scenario that "deny" refuses — a dataset path, an estimation section's data
 * and spec paths (or a panel name that names no embedded panel) — as issues: the server checks them with
 * the scenario, before a run is queued (nothing is read).
 */
export function scenarioFileIssues(input: { dataset: string; estimation?: EstimationSection }, source: string, datasetNames: () => string[] = listEmbeddedDatasets): InputIssue[] {
  const dataset = isDatasetPath(input.dataset) ? [{ source, path: "dataset", value: show(input.dataset), message: message.datasetPathDenied(datasetNames()) }] : [];
  return [...dataset, ...fileReferenceIssues(input.estimation, source)];
}

/**
 * Every reference of an estimation section that "deny" refuses or that names no embedded panel, as
 * issues (nothing is read).
 */
export function fileReferenceIssues(section: EstimationSection | undefined, source: string): InputIssue[] {
  if (!section) return [];
  const issues: InputIssue[] = [];
  const check = (resolve: () => unknown) => {
    try {
      resolve();
    } catch (err) {
      if (!(err instanceof TradewindsInputError)) throw err;
      issues.push(...err.issues);
    }
  };
  check(() => resolveDataReference(section.data, "deny", source, "estimation.data"));
  section.stages.forEach((stage, s) => {
    const field = `estimation.stages[${s}].spec`;
    if (typeof stage.spec === "string") issues.push({ source, path: field, value: show(stage.spec), message: message.specPathDenied() });
    else if (stage.spec.data !== undefined) check(() => resolveDataReference((stage.spec as { data: string }).data, "deny", source, `${field}.data`));
  });
  return issues;
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

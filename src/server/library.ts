import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Dataset } from "../data/dataset.js";
import { embeddedDataDir, listEmbeddedDatasets, loadDataset } from "../data/load.js";
import { TradewindsInputError, message, show } from "../messages.js";
import { modelCatalog } from "../models/available.js";
import type { ModelCatalog } from "../models/catalog.js";

/**
 * What the server solves with: a model catalog and datasets chosen by name. By default the
 * library's own (`modelCatalog`, the embedded data/ folder); a catalog module — a server option,
 * never a client's — can replace both (tests use a tiny fake model). The solve workers load the
 * same module, so both sides agree.
 */
export interface ServerLibrary {
  catalog: ModelCatalog;
  /** Whether the datasets are the package's embedded ones (the dashboard can then fetch their files and solve in the browser). */
  embedded: boolean;
  datasetNames(): string[];
  /** The dataset of that name; an unknown name is an input error naming the field `dataset`. */
  dataset(name: string): Dataset;
}

/** A catalog module exports `catalog` and optionally `datasets` (used instead of the embedded ones). */
export interface CatalogModule {
  catalog: ModelCatalog;
  datasets?: Record<string, Dataset>;
}

/** Loaded libraries by catalog module: each module is imported once per thread (its catalog and datasets are immutable). */
const loaded = new Map<string, Promise<ServerLibrary>>();

export function loadLibrary(catalogModule?: string): Promise<ServerLibrary> {
  const key = catalogModule ?? "";
  let library = loaded.get(key);
  if (!library) {
    library = importLibrary(catalogModule);
    loaded.set(key, library);
    library.catch(() => loaded.delete(key));
  }
  return library;
}

async function importLibrary(catalogModule?: string): Promise<ServerLibrary> {
  if (!catalogModule) return { catalog: modelCatalog, embedded: true, datasetNames: listEmbeddedDatasets, dataset: loadDataset };
  const mod = (await importModule(catalogModule)) as CatalogModule;
  const own = mod.datasets;
  // A catalog module's own models may not run in the browser: its datasets are solved on the server only.
  if (!own) return { catalog: mod.catalog, embedded: false, datasetNames: listEmbeddedDatasets, dataset: loadDataset };
  const names = Object.keys(own).sort();
  return {
    catalog: mod.catalog,
    embedded: false,
    datasetNames: () => names,
    dataset(name) {
      if (Object.hasOwn(own, name)) return own[name];
      throw new TradewindsInputError([{ source: "scenario", path: "dataset", value: show(name), message: message.unknownDataset(name, names) }]);
    },
  };
}

/**
 * Imports a catalog module. A TypeScript one (the tests' fake catalog) that the thread cannot load
 * (solve threads have no TypeScript loader for modules imported at run time) goes through tsx (a dev
 * dependency).
 */
async function importModule(path: string): Promise<unknown> {
  const url = pathToFileURL(path).href;
  try {
    return await import(url);
  } catch (err) {
    if (!path.endsWith(".ts") || (err as { code?: string }).code !== "ERR_UNKNOWN_FILE_EXTENSION") throw err;
    const { tsImport } = await import("tsx/esm/api");
    return tsImport(url, import.meta.url);
  }
}

/** The package's examples/ folder (beside data/). */
export function defaultExamplesDir(): string {
  return join(dirname(embeddedDataDir()), "examples");
}

export interface ExampleInfo {
  name: string;
  file: string;
  text: string;
}

/** The example scenarios (`*.yaml`, `*.yml`, `*.json`) of a folder, by name without extension. */
export function listExamples(dir: string): ExampleInfo[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((file) => ({ name: file.replace(/\.(ya?ml|json)$/, ""), file, text: readFileSync(join(dir, file), "utf8") }));
}

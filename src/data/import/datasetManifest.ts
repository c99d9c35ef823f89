import { dirname, resolve } from "node:path";
import { z } from "zod";
import { TradewindsInputError, message, type InputIssue } from "../../messages.js";
import { parseYamlText } from "../../scenario/parseText.js";
import { checkInputFile, readInputFile } from "../../util/inputFile.js";
import type { DatasetFile } from "../format.js";
import { DOMESTIC_RULES } from "./countryTable.js";
import { readFlowFile } from "./readFlowFile.js";

/**
 * A dataset manifest (`dataset: ./mine.dataset.yaml`): a flows table and, optionally, a countries table
 * with their units stated, so that a scenario runs on one's own tables with country data and no import
 * step. Paths are relative to the manifest's folder.
 *
 *   flows: flows.csv                       # exporter, importer, [sector], value, [tariff], [year], pair covariates
 *   countries: countries.csv               # country, [name], [gdp], [deficit] — in the flows' units
 *   units: millions of current USD
 *   year: 2023                             # default: the flows' year column
 *   domestic: gdp-minus-imports            # default require: how missing domestic sales are filled
 */
export const datasetManifestSchema = z.strictObject({
  flows: z.string().min(1),
  countries: z.string().min(1).optional(),
  units: z.string().min(1),
  year: z.number().int().optional(),
  title: z.string().optional(),
  source: z.string().optional(),
  licence: z.string().optional(),
  attribution: z.string().optional(),
  domestic: z.enum(DOMESTIC_RULES).optional(),
});

/** Reads a manifest and the tables it names (never quoting any of them in a message). */
export async function readDatasetManifest(path: string, label: string, name: string): Promise<DatasetFile> {
  const raw = parseYamlText(readInputFile(path, { source: label, what: "dataset manifest" }), label, { echo: false });
  const parsed = datasetManifestSchema.safeParse(raw);
  if (!parsed.success) {
    throw new TradewindsInputError(
      parsed.error.issues.map((i): InputIssue => ({ source: label, path: i.path.map(String).join("."), value: "", message: i.code === "unrecognized_keys" ? message.manifestKeys() : i.message })),
    );
  }
  const manifest = parsed.data;
  const folder = dirname(path);
  const table = (written: string, field: string) => {
    const at = resolve(folder, written);
    checkInputFile(at, { source: label, field, what: `${field} table`, maxBytes: Infinity });
    return at;
  };
  const flows = table(manifest.flows, "flows");
  const countries = manifest.countries !== undefined ? table(manifest.countries, "countries") : undefined;
  return readFlowFile(flows, {
    source: `${label}: flows ${manifest.flows}`,
    showContent: false,
    name,
    title: manifest.title,
    year: manifest.year,
    units: manifest.units,
    provenance: { source: manifest.source ?? `the tables of ${label}`, licence: manifest.licence ?? "not stated (the user's own data)", attribution: manifest.attribution ?? `the tables of ${label} (the user's own data)` },
    countriesPath: countries,
    countriesLabel: countries ? `${label}: countries ${manifest.countries}` : undefined,
    domestic: manifest.domestic,
  });
}

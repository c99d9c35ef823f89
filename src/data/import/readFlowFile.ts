import { readFrameWithDuckDb } from "../../estimation/readFrameDuckDb.js";
import type { DatasetFile } from "../format.js";
import { countryTableFromFrame, type CountryTable, type DomesticRule } from "./countryTable.js";
import { flowTableToDatasetFile, type FlowTableOptions } from "./flowTable.js";

/** Columns read as text whatever they hold (codes such as "01" or 840 stay as written). */
const FLOW_TEXT_COLUMNS = ["exporter", "importer", "sector"];

export interface FlowFileOptions extends Omit<FlowTableOptions, "csv" | "countries" | "domestic"> {
  /** A countries table (CSV or Parquet) with names, GDP, deficits; needed by a domestic fill rule. */
  countriesPath?: string;
  countriesLabel?: string;
  domestic?: DomesticRule;
}

/** Reads a long-format flows table (CSV, gzip CSV or Parquet, through DuckDB) and converts it (flowTable.ts). */
export async function readFlowFile(path: string, options: FlowFileOptions): Promise<DatasetFile> {
  const frame = await readFrameWithDuckDb(path, { label: options.source, showContent: options.showContent, text: FLOW_TEXT_COLUMNS });
  let countries: CountryTable | undefined;
  if (options.countriesPath) {
    const label = options.countriesLabel ?? options.countriesPath;
    const table = await readFrameWithDuckDb(options.countriesPath, { label, showContent: options.showContent, text: ["country", "name"] });
    countries = countryTableFromFrame(table, label);
  }
  return flowTableToDatasetFile(frame, { ...options, csv: !/\.parquet$/i.test(path), countries, domestic: options.domestic });
}

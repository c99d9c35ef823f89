import type { DataFrame, FactorColumn } from "../../estimation/frame.js";
import { TradewindsInputError, message, show, type InputIssue } from "../../messages.js";
import { RESERVED_NAMES } from "../../util/ownNames.js";
import type { DatasetFile } from "../format.js";
import { countryTableIssues, fillDomestic, type CountryTable, type DomesticRule } from "./countryTable.js";

/**
 * A long-format table of bilateral flows → the project's dataset (data/format.ts). One row per flow:
 *
 *   exporter, importer, [sector], value, [tariff], [year], [numeric pair covariates …]
 *
 * - countries: the exporter and importer codes in order of first appearance; sectors likewise (no sector
 *   column: one sector, ALL);
 * - flows[(s*N + i)*N + j] = value of the row (exporter i, importer j, sector s), in the file's units; a
 *   cell without a row is 0 (tables list the flows that exist);
 * - tariff: the ad valorem rate importer j levies on exporter i (a share, 0.1 = 10%), the dataset's
 *   baseline tariff set "file"; year: one value, the dataset's year;
 * - any other numeric column: a gravity covariate of the pair exporter i → importer j (one value per pair
 *   whatever the sector; every pair, domestic ones included, needs it once there are covariates).
 *
 * Checked, every problem named by its row and how to fix it: the required columns; no empty or negative
 * value, no duplicate cell; tariffs in [0, 10] and none on domestic sales; square (every country both
 * exports and imports); domestic flows present for every country — or filled by a stated rule from a
 * countries table's GDP (countryTable.ts). When `showContent` is false (a file a scenario names) messages
 * name rows and the project's own column names only, never a code or value from the file.
 */
export interface FlowTableOptions {
  /** How messages name the file (the path as written). */
  source: string;
  showContent: boolean;
  /** Rows are named by their line in a CSV (header on line 1), else by their row number. */
  csv: boolean;
  name: string;
  title?: string;
  /** Default: the year column, else this. */
  year?: number;
  units: string;
  /** How the file came to be, for the dataset's provenance. */
  provenance: { source: string; licence: string; attribution: string };
  countries?: CountryTable;
  domestic?: DomesticRule;
}

/** Largest dataset a flows file may make: countries² × sectors cells (ICIO 2022 is 81² × 28 ≈ 184 thousand). */
export const MAX_DATASET_FILE_CELLS = 4_000_000;
/** At most this many problems are listed (a damaged file would otherwise list every row). */
const MAX_LISTED_ISSUES = 20;
const KNOWN_COLUMNS = ["exporter", "importer", "sector", "value", "tariff", "year"];
/** The tariff set a flows file's tariff column becomes. */
export const FILE_TARIFF_SET = "file";

export function flowTableToDatasetFile(frame: DataFrame, options: FlowTableOptions): DatasetFile {
  const { source, showContent } = options;
  const issues: InputIssue[] = [];
  const fail = (): never => {
    throw new TradewindsInputError(issues.slice(0, MAX_LISTED_ISSUES));
  };
  const add = (path: string, value: unknown, text: string) => issues.length < MAX_LISTED_ISSUES && issues.push({ source, path, value: showContent && value !== undefined ? show(value) : "", message: text });
  const at = (r: number) => (options.csv ? `line ${r + 2}` : `row ${r + 1}`);

  // 1. Columns: the required ones, their kinds; other numeric columns are pair covariates.
  const text = (name: string, required: boolean): FactorColumn | undefined => {
    const column = frame.columns.get(name);
    if (!column) {
      if (required) add("header", undefined, message.flowColumnMissing(name));
      return undefined;
    }
    if (column.kind !== "factor") throw new Error(`internal: ${name} must be read as text`);
    return column;
  };
  const numbers = (name: string, required: boolean): Float64Array | undefined => {
    const column = frame.columns.get(name);
    if (!column) {
      if (required) add("header", undefined, message.flowColumnMissing(name));
      return undefined;
    }
    if (column.kind !== "numeric") add(`column ${name}`, undefined, message.flowColumnNotNumeric(name));
    return column.kind === "numeric" ? column.values : undefined;
  };
  const exporter = text("exporter", true);
  const importer = text("importer", true);
  const sector = text("sector", false);
  const value = numbers("value", true);
  const tariff = numbers("tariff", false);
  const year = numbers("year", false);
  const covariates: [string, Float64Array][] = [];
  [...frame.columns].forEach(([name, column], position) => {
    if (KNOWN_COLUMNS.includes(name)) return;
    if (column.kind === "factor") add(`column ${position + 1}`, undefined, message.flowExtraTextColumn(position + 1, showContent ? name : undefined));
    else if (RESERVED_NAMES.has(name)) add(`column ${position + 1}`, name, message.reservedName(name));
    else covariates.push([name, column.values]);
  });
  if (issues.length || !exporter || !importer || !value) return fail();

  // 2. Countries and sectors in order of first appearance; "all" is no code.
  const countryOf = new Map<string, number>();
  const codes: string[] = [];
  const firstSeen: number[] = [];
  const countryAt = (column: FactorColumn, r: number, name: string): number => {
    const level = column.codes[r];
    if (level < 0) {
      add(at(r), undefined, message.flowCellMissing(name));
      return -1;
    }
    const code = column.levels[level];
    let k = countryOf.get(code);
    if (k === undefined) {
      if (code === "all") add(at(r), code, message.flowReservedCode());
      countryOf.set(code, (k = codes.push(code) - 1));
      firstSeen.push(r);
    }
    return k;
  };
  const sectorOf = new Map<string, number>();
  const sectorCodes: string[] = sector ? [] : ["ALL"];
  const rows = frame.rowCount;
  const rowExporter = new Int32Array(rows);
  const rowImporter = new Int32Array(rows);
  const rowSector = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    rowExporter[r] = countryAt(exporter, r, "exporter");
    rowImporter[r] = countryAt(importer, r, "importer");
    if (!sector) continue;
    const level = sector.codes[r];
    if (level < 0) {
      add(at(r), undefined, message.flowCellMissing("sector"));
      rowSector[r] = -1;
      continue;
    }
    const code = sector.levels[level];
    let s = sectorOf.get(code);
    if (s === undefined) sectorOf.set(code, (s = sectorCodes.push(code) - 1));
    rowSector[r] = s;
  }
  if (issues.length) return fail();
  const N = codes.length;
  const S = sectorCodes.length;
  if (N * N * S > MAX_DATASET_FILE_CELLS) {
    add("", undefined, message.flowTooLarge(N, S, MAX_DATASET_FILE_CELLS));
    return fail();
  }
  const countryLabel = (k: number) => (showContent ? codes[k] : `the country first seen at ${at(firstSeen[k])}`);

  // 3. Cells: value ≥ 0, once each; tariffs in [0, 10], none on domestic sales; covariates once per pair.
  const flows = new Array<number>(S * N * N).fill(0);
  const rowOfCell = new Int32Array(S * N * N).fill(-1);
  const rowOfPair = new Int32Array(N * N).fill(-1);
  const tariffs: [string, string, string, number][] = [];
  const covariateValues = covariates.map(() => new Array<number>(N * N).fill(0));
  const years = new Set<number>();
  for (let r = 0; r < rows; r++) {
    const i = rowExporter[r];
    const j = rowImporter[r];
    const s = rowSector[r];
    const cell = (s * N + i) * N + j;
    const v = value[r];
    if (Number.isNaN(v)) add(at(r), undefined, message.flowCellMissing("value"));
    else if (!Number.isFinite(v)) add(at(r), v, message.flowNotFinite("value"));
    else if (v < 0) add(at(r), v, message.flowNegative());
    if (rowOfCell[cell] >= 0) add(at(r), undefined, message.flowDuplicate(at(rowOfCell[cell])));
    rowOfCell[cell] = r;
    flows[cell] = v;
    if (tariff) {
      const t = tariff[r];
      if (Number.isNaN(t)) add(at(r), undefined, message.flowCellMissing("tariff"));
      else if (!(t >= 0 && t <= 10)) add(at(r), t, message.flowTariffRange());
      else if (i === j && t !== 0) add(at(r), t, message.flowTariffOnDomestic());
      else if (t !== 0) tariffs.push([codes[j], codes[i], sectorCodes[s], t]);
    }
    if (year) years.add(year[r]);
    const first = rowOfPair[i * N + j];
    covariates.forEach(([name, column], c) => {
      const x = column[r];
      if (!Number.isFinite(x)) add(at(r), undefined, Number.isNaN(x) ? message.flowCellMissing(name) : message.flowNotFinite(name));
      else if (first >= 0 && x !== covariateValues[c][i * N + j]) add(at(r), x, message.flowCovariateVaries(name, at(first)));
      covariateValues[c][i * N + j] = x;
    });
    if (first < 0) rowOfPair[i * N + j] = r;
  }
  if (years.size > 1 || years.has(NaN)) add("column year", undefined, message.flowYearVaries());
  if (issues.length) return fail();
  if (covariates.length) {
    for (let i = 0; i < N; i++)
      for (let j = 0; j < N; j++) if (rowOfPair[i * N + j] < 0) add("", undefined, message.flowCovariatePairMissing(`${countryLabel(i)} → ${countryLabel(j)}`, covariates[0][0]));
  }

  // 4. Square, then domestic flows present or filled.
  const exports = new Uint8Array(N);
  const imports = new Uint8Array(N);
  for (let r = 0; r < rows; r++) {
    exports[rowExporter[r]] = 1;
    imports[rowImporter[r]] = 1;
  }
  for (let k = 0; k < N; k++) {
    if (!imports[k]) add("", undefined, message.flowNotSquare(countryLabel(k), "exporter"));
    else if (!exports[k]) add("", undefined, message.flowNotSquare(countryLabel(k), "importer"));
  }
  if (issues.length) return fail();
  const withoutDomestic: number[] = [];
  for (let k = 0; k < N; k++) {
    let domestic = 0;
    for (let s = 0; s < S; s++) domestic += flows[(s * N + k) * N + k];
    if (!(domestic > 0)) withoutDomestic.push(k);
  }
  const table = options.countries;
  if (table) issues.push(...countryTableIssues(table, codes, (k) => (showContent ? JSON.stringify(codes[k]) : countryLabel(k))).slice(0, MAX_LISTED_ISSUES));
  if (issues.length) return fail();
  const rule = options.domestic ?? "require";
  let filledNotes: string[] = [];
  if (withoutDomestic.length && rule === "require") withoutDomestic.forEach((k) => add("", undefined, message.flowDomesticMissing(countryLabel(k))));
  if (issues.length) return fail();
  if (withoutDomestic.length) filledNotes = fillDomestic(flows, N, S, withoutDomestic, codes, rule, table, source);

  const yearOfFile = years.size === 1 ? [...years][0] : undefined;
  const countries = codes.map((code) => ({ code, name: table?.names.get(code) ?? code }));
  const gdp = table?.gdp ? codes.map((c) => table.gdp!.get(c)!) : undefined;
  const deficits = table?.deficits ? codes.map((c) => table.deficits!.get(c)!) : undefined;
  return {
    format: "tradewinds-dataset/1",
    meta: {
      name: options.name,
      title: options.title ?? `Bilateral flows from ${source}: ${N} countries × ${S} sector(s)`,
      year: yearOfFile ?? options.year ?? 0,
      units: options.units,
      source: options.provenance.source,
      licence: options.provenance.licence,
      attribution: options.provenance.attribution,
      derivation: [
        `read ${source}: one row per flow (exporter, importer${sector ? ", sector" : ""}, value${tariff ? ", tariff" : ""}${year ? ", year" : ""}${covariates.length ? `, covariates ${covariates.map(([c]) => c).join(", ")}` : ""})`,
        "flows[(s*N+i)*N+j] = value of the row exporter i, importer j, sector s; a cell without a row is 0",
        ...(tariff ? [`tariff → tariff set "${FILE_TARIFF_SET}" (the baseline): the rate importer j levies on exporter i`] : []),
        ...(table ? [`country names${table.gdp ? ", gdp" : ""}${table.deficits ? ", deficits" : ""} from the countries table ${table.source}`] : []),
      ],
      notes: [...filledNotes, ...(yearOfFile === undefined && options.year === undefined ? ["the year is not stated (0)"] : [])],
    },
    countries,
    sectors: sectorCodes.map((code, s) => ({ code, name: sector ? code : "All sectors", tradable: hasCrossBorderFlow(flows, N, s) })),
    flows,
    tariffs: tariffs.length ? { [FILE_TARIFF_SET]: tariffs } : {},
    ...(tariffs.length ? { baselineTariffs: FILE_TARIFF_SET } : {}),
    covariates: Object.fromEntries(covariates.map(([name], c) => [name, covariateValues[c]])),
    ...(gdp ? { gdp } : {}),
    ...(deficits ? { deficits } : {}),
    groups: {},
    parameters: {},
  };
}

function hasCrossBorderFlow(flows: number[], N: number, s: number): boolean {
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) if (i !== j && flows[(s * N + i) * N + j] > 0) return true;
  return false;
}

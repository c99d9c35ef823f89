import { TradewindsInputError, message, show, type InputIssue } from "../../messages.js";
import { parseCsv } from "../../util/csv.js";
import type { DatasetFile } from "../format.js";
import { ioTableToDatasetFile } from "./ioTable.js";

/**
 * Import of a World Input-Output Table (WIOD, Timmer et al. 2015, "An Illustrated User Guide to the World
 * Input–Output Database", Review of International Economics; 2016 release: 43 countries and ROW × 56
 * industries) in the flat layout of the release's R and Stata files (WIOT2014_October16_ROW.RData
 * written with write.csv, or the .dta exported), one table per year:
 *
 *   columns IndustryCode, IndustryDescription, Country, RNr, Year, then <COUNTRY><c> for every country and
 *           column number c — c = the RNr of an industry row (1–56): intermediate use of that industry;
 *           any other c (57–61: CONS_h, CONS_np, CONS_g, GFCF, INVEN): final demand — and TOT (row total)
 *   rows    one per country and industry (Country an ISO code, RNr its number, IndustryCode e.g. A01), then
 *           the total rows, Country TOT: II_fob, TXSP, EXP_adj, PURR, PURNR, VA, IntTTM, GO (gross output)
 *
 * Column names are matched case-insensitively; an empty cell is 0. Value added for β is what the table's
 * gross output leaves after intermediate inputs, GO − Σ_{i,k} Z (= VA + TXSP + EXP_adj + PURR + PURNR +
 * IntTTM in a balanced table), so that Σ_k γ + β = 1. The table then becomes a dataset by
 * ioTableToDatasetFile (ioTable.ts).
 */
export interface WiotImportOptions {
  source: string;
  name: string;
  /** Default: the Year column (one value). */
  year?: number;
  /** WIOD: "millions of current USD". */
  units: string;
}

const OUTPUT_ROW = "GO";
/** Total rows besides GO, read past (their content is in GO − Σ Z). */
const TOTAL_ROWS = new Set(["II_FOB", "TXSP", "EXP_ADJ", "PURR", "PURNR", "VA", "INTTTM", "GO"]);

export function wiotDatasetFile(csvText: string, options: WiotImportOptions): DatasetFile {
  const { source } = options;
  const records = parseCsv(csvText, { skip_empty_lines: true, relax_column_count: false, bom: true }, { source, what: "WIOD table" });
  const issues: InputIssue[] = [];
  const fail = (): never => {
    throw new TradewindsInputError(issues);
  };
  const header = (records[0] ?? []).map((h) => h.trim());
  const columnOf = (name: string) => header.findIndex((h) => h.toUpperCase() === name.toUpperCase());
  const [codeColumn, countryColumn, numberColumn, yearColumn, totalColumn] = ["IndustryCode", "Country", "RNr", "Year", "TOT"].map(columnOf);
  for (const [at, name] of [[codeColumn, "IndustryCode"], [countryColumn, "Country"], [numberColumn, "RNr"], [totalColumn, "TOT"]] as const) {
    if (at < 0) issues.push({ source, path: "header", value: "", message: message.wiotMissingColumn(name) });
  }
  if (issues.length) fail();
  const body = records.slice(1);
  const line = (r: number) => `line ${r + 2}`;
  const cell = (r: number, c: number): number => {
    const text = (body[r][c] ?? "").trim();
    if (text === "") return 0;
    const value = Number(text);
    if (!Number.isFinite(value)) issues.push({ source, path: `${line(r)}, ${header[c]}`, value: show(text), message: message.icioNotNumeric(line(r), header[c], text) });
    return Number.isFinite(value) ? value : 0;
  };

  // Industry rows: countries in order, industries by RNr (codes from the first country's rows).
  const countries: string[] = [];
  const industryByNumber = new Map<number, string>();
  const industryRows: { r: number; country: string; number: number }[] = [];
  let outputRow = -1;
  body.forEach((row, r) => {
    const code = row[codeColumn].trim();
    const country = row[countryColumn].trim();
    if (TOTAL_ROWS.has(code.toUpperCase()) || country.toUpperCase() === "TOT") {
      if (code.toUpperCase() === OUTPUT_ROW) outputRow = r;
      return;
    }
    const number = Number(row[numberColumn]);
    if (!/^[A-Z]{3}$/i.test(country) || !Number.isInteger(number) || number < 1) {
      issues.push({ source, path: line(r), value: show(`${country} ${row[numberColumn]}`), message: message.wiotBadRow(line(r)) });
      return;
    }
    if (!countries.includes(country)) countries.push(country);
    if (!industryByNumber.has(number)) industryByNumber.set(number, code);
    industryRows.push({ r, country, number });
  });
  if (outputRow < 0) issues.push({ source, path: "", value: "", message: message.wiotMissingRow(OUTPUT_ROW) });
  if (issues.length) fail();
  const numbers = [...industryByNumber.keys()].sort((a, b) => a - b);
  const industries = numbers.map((n) => industryByNumber.get(n)!);
  const N = countries.length;
  const S = numbers.length;
  const NS = N * S;
  const countryAt = new Map(countries.map((c, k) => [c, k]));
  const industryAt = new Map(numbers.map((n, k) => [n, k]));

  // Columns: <COUNTRY><c>: intermediate (c an industry number) or final demand; others (the descriptors) ignored.
  type Role = { kind: "intermediate"; at: number } | { kind: "final"; country: number } | { kind: "other" };
  const roles: Role[] = header.map((label) => {
    const match = /^([A-Za-z]{3})(\d+)$/.exec(label);
    const n = match ? countryAt.get(match[1]) : undefined;
    if (!match || n === undefined) return { kind: "other" };
    const k = industryAt.get(Number(match[2]));
    return k !== undefined ? { kind: "intermediate", at: n * S + k } : { kind: "final", country: n };
  });
  const seenColumns = new Set(roles.flatMap((role) => (role.kind === "intermediate" ? [role.at] : [])));
  const seenRows = new Set(industryRows.map((row) => countryAt.get(row.country)! * S + industryAt.get(row.number)!));
  for (let at = 0; at < NS; at++) {
    if (!seenColumns.has(at) || !seenRows.has(at)) issues.push({ source, path: "", value: "", message: message.icioIncompleteGrid(countries[Math.floor(at / S)], industries[at % S]) });
  }
  if (!roles.some((role) => role.kind === "final")) issues.push({ source, path: "header", value: "", message: message.wiotMissingColumn("final demand (<COUNTRY>57 … <COUNTRY>61)") });
  if (issues.length) fail();

  const intermediate = new Float64Array(NS * NS);
  const finalUse = new Float64Array(NS * N);
  const rowTotal = new Float64Array(NS);
  for (const { r, country, number } of industryRows) {
    const row = countryAt.get(country)! * S + industryAt.get(number)!;
    roles.forEach((role, c) => {
      if (role.kind === "other") return;
      const value = cell(r, c);
      if (role.kind === "intermediate") {
        if (value < 0) issues.push({ source, path: `${line(r)}, ${header[c]}`, value: show(value), message: message.icioNegative(`${country}_${industries[industryAt.get(number)!]}`, header[c], value) });
        intermediate[row * NS + role.at] += value;
      } else finalUse[row * N + role.country] += value;
    });
    rowTotal[row] = cell(r, totalColumn);
  }
  const output = new Float64Array(NS);
  const valueAdded = new Float64Array(NS);
  roles.forEach((role, c) => {
    if (role.kind !== "intermediate") return;
    const out = cell(outputRow, c);
    if (out < 0) issues.push({ source, path: `${line(outputRow)}, ${header[c]}`, value: show(out), message: message.icioNegative(OUTPUT_ROW, header[c], out) });
    output[role.at] = out;
    let inputs = 0;
    for (let row = 0; row < NS; row++) inputs += intermediate[row * NS + role.at];
    valueAdded[role.at] = out - inputs;
  });
  if (issues.length) fail();
  const years = yearColumn >= 0 ? new Set(industryRows.map(({ r }) => body[r][yearColumn].trim())) : new Set<string>();
  const year = options.year ?? (years.size === 1 ? Number([...years][0]) : NaN);
  if (!Number.isInteger(year)) {
    issues.push({ source, path: "Year", value: "", message: message.wiotYear() });
    fail();
  }

  return ioTableToDatasetFile(
    { countries, industries, intermediate, finalUse, output, rowTotal, valueAdded, rowTotalLabel: "TOT" },
    {
      source,
      name: options.name,
      year,
      units: options.units,
      title: `World Input-Output Table ${year}: ${N} economies × ${S} industries`,
      sourceText: `World Input-Output Database (WIOD), imported from ${source} by tradewinds import wiod`,
      licence: "CC BY 4.0 (WIOD 2016 release; attribute)",
      attribution: "Timmer, M. P., Dietzenbacher, E., Los, B., Stehrer, R. and de Vries, G. J. (2015), An Illustrated User Guide to the World Input–Output Database: the Case of Global Automotive Production, Review of International Economics 23: 575–605",
      read: [`read ${source} (WIOT flat layout: IndustryCode, Country, RNr rows; <COUNTRY><c> columns, c ≤ ${numbers[numbers.length - 1]} intermediate, others final demand; TOT column; GO row)`],
      valueAddedFormula: "(GO − Σ Z)",
      notes: ["value added for β is gross output less intermediate inputs (VA, net taxes TXSP, and the cif/fob and purchases adjustments EXP_adj, PURR, PURNR, IntTTM together)"],
    },
  );
}

import { parseCsv } from "../util/csv.js";
import { TradewindsInputError, message, show, type InputIssue } from "../messages.js";
import type { DatasetFile } from "./format.js";
import { ioTableToDatasetFile } from "./import/ioTable.js";

/**
 * Import of an OECD Inter-Country Input-Output (ICIO) table in its CSV layout into the project's dataset
 * format (data/format.ts), so the value-added accounting and the Caliendo–Parro model can run on current
 * tables (OECD, "OECD Inter-Country Input-Output Database", http://oe.cd/icio; layout of the 2021 and
 * 2023 releases):
 *
 *   first column: row labels; header row: column labels
 *   rows    COUNTRY_INDUSTRY (e.g. JPN_C24) intermediate supply, then TLS or TAXSUB (net taxes on
 *           products), VA or VALU (value added), OUT or OUTPUT (gross output)
 *   columns COUNTRY_INDUSTRY intermediate use, COUNTRY_<final-demand code> (HFCE, NPISH, GGFC, GFCF,
 *           INVNT, DPABR, …: any suffix that is not an industry), OUT or TOTAL (row total)
 *
 * CN1/CN2 and MX1/MX2 (China and Mexico split by processing trade in some releases) are summed into
 * CHN and MEX. The table then becomes a dataset in the Caliendo–Parro layout by ioTableToDatasetFile
 * (import/ioTable.ts), with β = (VA + TLS)/OUT: net product taxes on inputs count with value added.
 */
export interface IcioImportOptions {
  /** Where the CSV came from (error messages, provenance). */
  source: string;
  name: string;
  year: number;
  /** Units of the table; OECD ICIO: "millions of current USD". */
  units: string;
}

const VALUE_ADDED_ROWS = ["VA", "VALU"];
const TAX_ROWS = ["TLS", "TAXSUB"];
const OUTPUT_ROWS = ["OUT", "OUTPUT"];
const OUTPUT_COLUMNS = ["OUT", "TOTAL", "OUTPUT"];
/** Country codes of split economies and the economy they belong to. */
const MERGED_COUNTRIES: Record<string, string> = { CN1: "CHN", CN2: "CHN", MX1: "MEX", MX2: "MEX" };

function splitLabel(label: string): { country: string; code: string } | undefined {
  const at = label.indexOf("_");
  if (at <= 0 || at === label.length - 1) return undefined;
  const country = label.slice(0, at);
  return { country: MERGED_COUNTRIES[country] ?? country, code: label.slice(at + 1) };
}

export function icioDatasetFile(csvText: string, options: IcioImportOptions): DatasetFile {
  const { source } = options;
  const records = parseCsv(csvText, { skip_empty_lines: true, relax_column_count: false, bom: true }, { source, what: "ICIO table" });
  const fail = (issues: InputIssue[]): never => {
    throw new TradewindsInputError(issues);
  };
  if (records.length < 2) fail([{ source, path: "", value: "", message: message.icioMissingRow("intermediate", "JPN_C24") }]);
  const header = records[0].map((h) => h.trim());
  const rowLabels = records.slice(1).map((r) => r[0].trim());

  // Industries and countries from the intermediate rows (COUNTRY_INDUSTRY before the VA/TLS/OUT rows).
  const special = new Set([...VALUE_ADDED_ROWS, ...TAX_ROWS, ...OUTPUT_ROWS]);
  const countries: string[] = [];
  const industries: string[] = [];
  const issues: InputIssue[] = [];
  const rowKey: ({ country: string; code: string } | undefined)[] = rowLabels.map((label, r) => {
    if (special.has(label)) return undefined;
    const parts = splitLabel(label);
    if (!parts) {
      issues.push({ source, path: `row ${r + 2}`, value: show(label), message: message.icioBadLabel(label) });
      return undefined;
    }
    if (!countries.includes(parts.country)) countries.push(parts.country);
    if (!industries.includes(parts.code)) industries.push(parts.code);
    return parts;
  });
  if (issues.length) fail(issues);
  const N = countries.length;
  const S = industries.length;
  const NS = N * S;
  const countryAt = new Map(countries.map((c, k) => [c, k]));
  const industryAt = new Map(industries.map((c, k) => [c, k]));
  const industrySet = new Set(industries);

  const findRow = (names: string[], what: string): number => {
    const r = rowLabels.findIndex((l) => names.includes(l));
    if (r < 0) fail([{ source, path: "", value: "", message: message.icioMissingRow(what, names.join(" or ")) }]);
    return r;
  };
  const valueAddedRow = findRow(VALUE_ADDED_ROWS, "value-added");
  const outputRow = findRow(OUTPUT_ROWS, "output");
  const taxRow = rowLabels.findIndex((l) => TAX_ROWS.includes(l));

  // Column roles: intermediate (n*S + j), final demand of country n, the output column, or ignored.
  type Role = { kind: "intermediate"; at: number } | { kind: "final"; country: number } | { kind: "output" } | { kind: "other" };
  const roles: Role[] = header.map((label, c) => {
    if (c === 0) return { kind: "other" };
    if (OUTPUT_COLUMNS.includes(label)) return { kind: "output" };
    const parts = splitLabel(label);
    if (!parts) return { kind: "other" };
    const n = countryAt.get(parts.country);
    if (n === undefined) return { kind: "other" };
    if (industrySet.has(parts.code)) return { kind: "intermediate", at: n * S + industryAt.get(parts.code)! };
    return { kind: "final", country: n };
  });
  if (!roles.some((r) => r.kind === "intermediate")) fail([{ source, path: "header", value: "", message: message.icioMissingColumn("intermediate-use", "JPN_C24") }]);
  if (!roles.some((r) => r.kind === "final")) fail([{ source, path: "header", value: "", message: message.icioMissingColumn("final-demand", "JPN_HFCE") }]);
  const seenColumns = new Set(roles.flatMap((r) => (r.kind === "intermediate" ? [r.at] : [])));
  const seenRows = new Set(rowKey.flatMap((k) => (k ? [countryAt.get(k.country)! * S + industryAt.get(k.code)!] : [])));
  for (let at = 0; at < NS; at++) {
    if (!seenColumns.has(at) || !seenRows.has(at)) issues.push({ source, path: "", value: "", message: message.icioIncompleteGrid(countries[Math.floor(at / S)], industries[at % S]) });
  }
  if (issues.length) fail(issues);

  const cell = (r: number, c: number): number => {
    const text = (records[r + 1][c] ?? "").trim();
    if (text === "") return 0;
    const value = Number(text);
    if (!Number.isFinite(value)) issues.push({ source, path: `${rowLabels[r]}, ${header[c]}`, value: show(text), message: message.icioNotNumeric(rowLabels[r], header[c], text) });
    return Number.isFinite(value) ? value : 0;
  };

  // Accumulate (merged countries add up).
  const intermediate = new Float64Array(NS * NS); // [(i,k) row][(n,j) column]
  const finalUse = new Float64Array(NS * N); // [(i,k)][n]
  const outputColumn = new Float64Array(NS);
  let hasOutputColumn = false;
  rowKey.forEach((key, r) => {
    if (!key) return;
    const row = countryAt.get(key.country)! * S + industryAt.get(key.code)!;
    roles.forEach((role, c) => {
      if (role.kind === "other") return;
      const value = cell(r, c);
      if (role.kind === "intermediate") {
        if (value < 0) issues.push({ source, path: `${rowLabels[r]}, ${header[c]}`, value: show(value), message: message.icioNegative(rowLabels[r], header[c], value) });
        intermediate[row * NS + role.at] += value;
      } else if (role.kind === "final") finalUse[row * N + role.country] += value;
      else {
        hasOutputColumn = true;
        outputColumn[row] += value;
      }
    });
  });
  const valueAdded = new Float64Array(NS);
  const taxes = new Float64Array(NS);
  const output = new Float64Array(NS);
  roles.forEach((role, c) => {
    if (role.kind !== "intermediate") return;
    valueAdded[role.at] += cell(valueAddedRow, c);
    if (taxRow >= 0) taxes[role.at] += cell(taxRow, c);
    const out = cell(outputRow, c);
    if (out < 0) issues.push({ source, path: `${rowLabels[outputRow]}, ${header[c]}`, value: show(out), message: message.icioNegative(rowLabels[outputRow], header[c], out) });
    output[role.at] += out;
  });
  if (issues.length) fail(issues);

  return ioTableToDatasetFile(
    { countries, industries, intermediate, finalUse, output, rowTotal: hasOutputColumn ? outputColumn : output, valueAdded: valueAdded.map((v, k) => v + taxes[k]), rowTotalLabel: "OUT" },
    {
      source,
      name: options.name,
      year: options.year,
      units: options.units,
      title: `OECD Inter-Country Input-Output table ${options.year}: ${N} economies × ${S} industries`,
      sourceText: `OECD Inter-Country Input-Output Database (ICIO), imported from ${source} by tradewinds import icio`,
      licence: "OECD terms and conditions (attribute the OECD)",
      attribution: `OECD (${options.year} table), OECD Inter-Country Input-Output Database, http://oe.cd/icio`,
      read: [
        `read ${source} (ICIO CSV layout: COUNTRY_INDUSTRY rows and columns, final-demand columns, TLS/VA/OUT rows)`,
        "CN1/CN2 summed into CHN and MX1/MX2 into MEX where present",
      ],
      valueAddedFormula: "(VA + TLS)",
      notes: ["net taxes on intermediate products (TLS) are counted with value added so that Σ_k γ + β = 1"],
    },
  );
}

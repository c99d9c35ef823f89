import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Small readers shared by the structural-gravity dataset builders (ag-1994, ag-2006, gegravity-2006, the AG panel).
 * The source files are plain comma-separated tables without quoted fields, so split(",") suffices;
 * a quoted field is rejected rather than misread.
 */

/** Reads a header + rows CSV into records of strings; fails naming the path when the file is missing. */
export function readPlainCsv(path: string): Record<string, string>[] {
  if (!existsSync(path)) throw new Error(`shared data file missing: ${path}`);
  const lines = readFileSync(path, "utf8").split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = lines[0].split(",");
  return lines.slice(1).map((line, row) => {
    if (line.includes('"')) throw new Error(`${path}: row ${row + 2} has a quoted field; this reader handles plain CSV only`);
    const cells = line.split(",");
    if (cells.length !== header.length) throw new Error(`${path}: row ${row + 2} has ${cells.length} fields, header has ${header.length}`);
    return Object.fromEntries(header.map((h, k) => [h, cells[k]]));
  });
}

/** Parses a numeric cell; fails naming the file, row and column for anything that is not a finite number. */
export function numberCell(record: Record<string, string>, column: string, where: string): number {
  const value = Number(record[column]);
  if (record[column] === undefined || record[column] === "" || !Number.isFinite(value)) {
    throw new Error(`${where}: column ${column} is not a finite number (got ${JSON.stringify(record[column])})`);
  }
  return value;
}

/** Codes that the AG data spell differently from ISO 3166-1 (used only to look up a display name). */
const NAME_ALIASES: Record<string, string> = { ROM: "ROU" };

/** Country display names from liberation-day/country_labels.csv (ISO3 → name); unknown codes map to themselves. */
export function countryNames(sharedDataDir: string, codes: string[]): Map<string, string> {
  const labels = new Map(readPlainCsv(join(sharedDataDir, "liberation-day", "country_labels.csv")).map((r) => [r.iso3, r.CountryName]));
  return new Map(codes.map((c) => [c, labels.get(NAME_ALIASES[c] ?? c) ?? c]));
}

/** Provenance of every dataset derived from the Advanced Guide's files (pachadotdev/tradepolicy @ 342a655). */
export const ADVANCED_GUIDE = {
  source: (what: string) =>
    `Yotov, Piermartini, Monteiro & Larch (2016), An Advanced Guide to Trade Policy Analysis: The Structural Gravity Model (WTO/UNCTAD), ${what}, via pachadotdev/tradepolicy @ 342a655`,
  licence: "CC BY 4.0 (United Nations)",
  attribution:
    "Yotov, Y.V., Piermartini, R., Monteiro, J.-A. and Larch, M. (2016). An Advanced Guide to Trade Policy Analysis: The Structural Gravity Model. Geneva: WTO and UNCTAD. CC BY 4.0. Trade data by Thomas Zylkin (UN COMTRADE, CEPII TradeProd, UNIDO INDSTAT); gravity variables CEPII GeoDist.",
  /** Notes every AG cross-section carries. */
  notes: [
    "Romania keeps the source's code ROM (not ISO ROU) so that rows match the published result files.",
    "Output Y_i and expenditure E_j are the row and column totals of flows (domestic included), as in the AG do-files.",
  ],
} as const;

/**
 * One year of an AG panel as a square cross-section: the sorted country codes and, for each row, its
 * (exporter, importer) index k = i·N + j. Fails unless the year has exactly N² rows.
 */
export function crossSection(path: string, year: number): { rows: Record<string, string>[]; codes: string[]; N: number; indexOf: (r: Record<string, string>) => number } {
  const rows = readPlainCsv(path).filter((r) => numberCell(r, "year", path) === year);
  const codes = [...new Set(rows.map((r) => r.exporter))].sort();
  const N = codes.length;
  const at = new Map(codes.map((c, k) => [c, k]));
  if (rows.length !== N * N) throw new Error(`${path}: ${rows.length} rows for ${year}, expected ${N}² = ${N * N}`);
  const indexOf = (r: Record<string, string>) => {
    const i = at.get(r.exporter);
    const j = at.get(r.importer);
    if (i === undefined || j === undefined) throw new Error(`${path}: importer ${r.importer} is not among the exporters`);
    return i * N + j;
  };
  return { rows, codes, N, indexOf };
}

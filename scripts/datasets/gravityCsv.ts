import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Small readers shared by the structural-gravity dataset builders (ag-2006, gegravity-2006).
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

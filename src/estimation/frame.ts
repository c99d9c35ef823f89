import { readFileSync, existsSync } from "node:fs";
import { CsvError, parse } from "csv-parse/sync";
import { TradewindsInputError, message } from "../messages.js";
import { columnFromCells, type Column, type DataFrame } from "./dataFrame.js";

// The frame itself lives in dataFrame.ts (no I/O, so the models load in the browser); this module reads CSV files into it.
export * from "./dataFrame.js";

/**
 * Reads a CSV file with a header row into a `DataFrame`. Throws a `TradewindsInputError` if it is
 * missing or not a CSV (naming the line, never quoting it). `label` names the file in messages (default
 * its path); `showContent` as in DataFrame.
 */
export function readFrame(csvPath: string, options: { label?: string; showContent?: boolean } = {}): DataFrame {
  const source = options.label ?? csvPath;
  if (!existsSync(csvPath)) {
    throw new TradewindsInputError([{ source, path: "", value: "", message: message.fileMissing(source) }]);
  }
  let records: string[][];
  try {
    records = parse(readFileSync(csvPath, "utf8"), { relax_quotes: false, skip_empty_lines: true }) as string[][];
  } catch (err) {
    // csv-parse's messages quote the offending field: report its code and line only.
    if (err instanceof CsvError) throw new TradewindsInputError([{ source, path: "", value: "", message: message.csvUnreadable(err.code, (err as CsvError & { lines?: number }).lines) }]);
    throw err;
  }
  const header = records[0] ?? [];
  const rowCount = records.length - 1;
  const columns = new Map<string, Column>();
  header.forEach((name, columnIndex) => {
    const cells = new Array<string>(rowCount);
    for (let r = 0; r < rowCount; r++) cells[r] = records[r + 1][columnIndex] ?? "";
    columns.set(name, columnFromCells(cells));
  });
  return { source, showContent: options.showContent ?? false, rowCount, columns };
}


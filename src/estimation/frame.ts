import { parseCsv } from "../util/csv.js";
import { MAX_CSV_FILE_BYTES, readInputFile } from "../util/inputFile.js";
import { columnFromCells, type Column, type DataFrame } from "./dataFrame.js";

// The frame itself lives in dataFrame.ts (no I/O, so the models load in the browser); this module reads CSV files into it.
export * from "./dataFrame.js";

/**
 * Reads a CSV file with a header row into a `DataFrame`. Throws a `TradewindsInputError` if it is
 * missing, not a regular file, or not a CSV (naming the line and the problem, never quoting it). `label`
 * names the file in messages (default its path); `showContent` as in DataFrame.
 */
export function readFrame(csvPath: string, options: { label?: string; showContent?: boolean } = {}): DataFrame {
  const source = options.label ?? csvPath;
  const text = readInputFile(csvPath, { source, what: "data file", maxBytes: MAX_CSV_FILE_BYTES });
  const records = parseCsv(text, { relax_quotes: false, skip_empty_lines: true }, { source, what: "data file" });
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


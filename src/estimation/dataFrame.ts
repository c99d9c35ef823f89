import { TradewindsInputError, message } from "../messages.js";

/**
 * The estimator's own column-oriented data frame. Row r of every column is observation r.
 *
 * - numeric columns: `Float64Array`, a missing entry is NaN;
 * - factor (string) columns: dense codes `Int32Array` into `levels`, a missing entry is −1.
 *
 * A column is numeric when every non-empty entry parses as a finite number; otherwise it is a factor.
 */
export interface NumericColumn {
  kind: "numeric";
  values: Float64Array;
}

export interface FactorColumn {
  kind: "factor";
  codes: Int32Array;
  levels: string[];
}

export type Column = NumericColumn | FactorColumn;

export interface DataFrame {
  /** Where the frame came from (a file path as written, `panel:<name>`, or "in-memory frame"); used in error messages. */
  source: string;
  /**
   * Whether error messages may quote the data (column names, values): true for embedded panels and
   * in-memory frames; false for a file the user named, so that pointing a field at a file never shows
   * what the file holds (absent: false).
   */
  showContent?: boolean;
  rowCount: number;
  columns: Map<string, Column>;
  /**
   * Every column of the source in its order, where the reader left some unread because the caller named the ones
   * it needs (`tradewinds estimate` reads the columns its spec names: a wide file's other columns cost neither
   * time nor memory). "Unknown column" messages list these; asking for an unread one is an internal error.
   */
  columnNames?: readonly string[];
}

/** Entries that mean "missing" (after trimming), in every reader. */
export const MISSING_MARKERS: ReadonlySet<string> = new Set(["", "NA", "na", "NaN", "."]);

/** Builds a frame from in-memory columns (numbers → numeric, strings → factor). */
export function frameFromColumns(columns: Record<string, ArrayLike<number> | readonly string[]>): DataFrame {
  const out = new Map<string, Column>();
  let rowCount = -1;
  for (const [name, data] of Object.entries(columns)) {
    if (rowCount >= 0 && data.length !== rowCount) {
      throw new TradewindsInputError([
        { source: "in-memory frame", path: name, value: String(data.length), message: message.shapeMismatch(name, rowCount, data.length, "one entry per row") },
      ]);
    }
    rowCount = data.length;
    const first = data[0];
    out.set(name, typeof first === "string" ? factorFromStrings(data as readonly string[]) : { kind: "numeric", values: Float64Array.from(data as ArrayLike<number>) });
  }
  return { source: "in-memory frame", showContent: true, rowCount: Math.max(rowCount, 0), columns: out };
}

export function columnFromCells(cells: string[]): Column {
  const values = new Float64Array(cells.length);
  for (let r = 0; r < cells.length; r++) {
    const cell = cells[r].trim();
    if (MISSING_MARKERS.has(cell)) {
      values[r] = NaN;
      continue;
    }
    const value = Number(cell);
    if (!Number.isFinite(value)) return factorFromStrings(cells);
    values[r] = value;
  }
  return { kind: "numeric", values };
}

function factorFromStrings(cells: readonly string[]): FactorColumn {
  const codes = new Int32Array(cells.length);
  const index = new Map<string, number>();
  const levels: string[] = [];
  for (let r = 0; r < cells.length; r++) {
    const cell = cells[r].trim();
    if (MISSING_MARKERS.has(cell)) {
      codes[r] = -1;
      continue;
    }
    let code = index.get(cell);
    if (code === undefined) {
      code = levels.length;
      index.set(cell, code);
      levels.push(cell);
    }
    codes[r] = code;
  }
  return { kind: "factor", codes, levels };
}

/** The column `name`, or a `TradewindsInputError` naming the frame and (where the content may be shown) the known columns. */
export function getColumn(frame: DataFrame, name: string, fieldPath: string): Column {
  const column = frame.columns.get(name);
  if (!column) {
    const known = frame.columnNames ?? [...frame.columns.keys()];
    if (known.includes(name)) throw new Error(`internal: column ${JSON.stringify(name)} (${fieldPath}) was left unread by the reader`);
    const msg = frame.showContent ? message.unknownColumn(name, [...known]) : message.unknownColumnInFile(name, known.length);
    throw new TradewindsInputError([{ source: frame.source, path: fieldPath, value: name, message: msg }]);
  }
  return column;
}

/** The numeric values of column `name`; a factor column here is an input error. */
export function numericColumn(frame: DataFrame, name: string, fieldPath: string): Float64Array {
  const column = getColumn(frame, name, fieldPath);
  if (column.kind !== "numeric") {
    throw new TradewindsInputError([{ source: frame.source, path: fieldPath, value: name, message: message.columnNotNumeric(name) }]);
  }
  return column.values;
}

/** Returns a new frame with `name` set to the given numeric values (the input frame is unchanged). */
export function withNumericColumn(frame: DataFrame, name: string, values: Float64Array): DataFrame {
  const columns = new Map(frame.columns);
  columns.set(name, { kind: "numeric", values });
  return { ...frame, columns };
}

/** Returns a new frame holding only the rows listed in `rows` (in that order). */
export function selectRows(frame: DataFrame, rows: Int32Array): DataFrame {
  const columns = new Map<string, Column>();
  for (const [name, column] of frame.columns) {
    if (column.kind === "numeric") {
      const values = new Float64Array(rows.length);
      for (let k = 0; k < rows.length; k++) values[k] = column.values[rows[k]];
      columns.set(name, { kind: "numeric", values });
    } else {
      const codes = new Int32Array(rows.length);
      for (let k = 0; k < rows.length; k++) codes[k] = column.codes[rows[k]];
      columns.set(name, { kind: "factor", codes, levels: column.levels });
    }
  }
  return { source: frame.source, showContent: frame.showContent, rowCount: rows.length, columns, columnNames: frame.columnNames };
}

/** A data value for an error message: shown only where the frame's content may be (DataFrame.showContent). */
export function shownValue(frame: DataFrame, value: number): string {
  return frame.showContent ? String(value) : "";
}

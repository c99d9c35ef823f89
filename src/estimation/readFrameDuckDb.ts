import { checkInputFile } from "../util/inputFile.js";
import { existsSync } from "node:fs";
import type { DuckDBConnection } from "@duckdb/node-api";
import { TradewindsInputError, message } from "../messages.js";
import { MISSING_MARKERS, type Column, type DataFrame } from "./frame.js";
import { mapToFloat64 } from "../util/typedArrays.js";
import { importDuckDb } from "../util/importDuckDb.js";

/**
 * Reads a CSV (header row, comma-separated, RFC 4180 quoting) or Parquet file (by its `.parquet`
 * extension) into a `DataFrame` through DuckDB, which parses in native code: the `estimate` command's
 * reader. DuckDB is imported here, on first use, so that no other command pays for loading it.
 *
 * The frame is the one `readFrame` (csv-parse) builds, by the same rule: a column is numeric when every
 * non-missing entry, trimmed, is a finite JavaScript number; otherwise a factor whose levels are the
 * trimmed strings in order of first appearance; "", NA, na, NaN and "." are missing.
 *   - Columns DuckDB types as numbers arrive as doubles (DuckDB and JavaScript both round decimal
 *     strings correctly, so the values are the same); a non-finite one (DuckDB reads "inf") sends the
 *     column down the string path, where JavaScript's rule decides.
 *   - Every other column is decided on its distinct raw strings, which DuckDB lists in order of first
 *     appearance with a code per row (the rule is per entry, so deciding on distinct entries is exact);
 *     columns DuckDB gave another type (dates, booleans) are re-read as text first.
 * Rows keep the file's order (DuckDB preserves insertion order). Unreadable files are input errors that
 * never quote the file (DuckDB's own messages do, so they are not passed on). `label` names the file in
 * messages (default its path); `showContent` as in DataFrame. Columns named in `text` are kept as text
 * (factors) whatever they hold — codes such as "01" or 840 stay the labels written in the file. With `only`,
 * the columns not in it are left in DuckDB (all names in `columnNames`): reading 10 columns of an 80-column
 * panel converts and holds 10.
 */
export async function readFrameWithDuckDb(path: string, options: { label?: string; showContent?: boolean; text?: readonly string[]; only?: ReadonlySet<string> } = {}): Promise<DataFrame> {
  const label = options.label ?? path;
  if (!existsSync(path)) throw new TradewindsInputError([{ source: label, path: "", value: "", message: message.fileMissing(label) }]);
  // A folder, FIFO or device is refused before DuckDB opens it (no size cap: DuckDB streams the file).
  checkInputFile(path, { source: label, what: "data file", maxBytes: Infinity });
  const { DuckDBInstance } = await importDuckDb();
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    const parquet = /\.parquet$/i.test(path);
    const file = sqlString(path);
    const nulls = `nullstr = [${[...MISSING_MARKERS].map(sqlString).join(", ")}]`;
    const source = (extra: string) => (parquet ? `read_parquet(${file})` : `read_csv(${file}, header = true, skip = 0, delim = ',', quote = '"', escape = '"', ${nulls}${extra})`);
    try {
      await connection.run(`CREATE TEMP TABLE frame AS SELECT * FROM ${source("")}`);
    } catch {
      // The type sniffer reads a sample; a later entry that does not fit its guess fails the read. Sniff it all.
      try {
        await connection.run(`CREATE OR REPLACE TEMP TABLE frame AS SELECT * FROM ${source(", sample_size = -1")}`);
      } catch {
        throw new TradewindsInputError([{ source: label, path: "", value: "", message: message.tableUnreadable() }]);
      }
    }
    const described = (await connection.runAndReadAll("DESCRIBE frame")).getRowObjects();
    const names = described.map((row) => String(row.column_name));
    const types = described.map((row) => String(row.column_type));
    const rowCount = Number((await connection.runAndReadAll("SELECT count(*) FROM frame")).getRows()[0][0]);
    const columns = new Map<string, Column>();
    const keepText = new Set(options.text ?? []);
    const wanted = (name: string) => !options.only || options.only.has(name);
    const numeric = names.filter((name, c) => wanted(name) && NUMERIC_TYPE.test(types[c]) && !keepText.has(name));
    const numbers = await numericColumns(connection, numeric, rowCount);
    const textual: string[] = [];
    for (const name of names.filter(wanted)) {
      const values = numbers.get(name);
      if (values) columns.set(name, { kind: "numeric", values });
      else textual.push(name);
    }
    // Columns DuckDB typed as neither number nor text (or whose numbers JavaScript would not accept) are re-read as text.
    const retyped = textual.filter((name) => types[names.indexOf(name)] !== "VARCHAR");
    if (retyped.length) {
      const asText = parquet ? retyped.map((name) => `CAST(${sqlName(name)} AS VARCHAR) AS ${sqlName(name)}`).join(", ") : retyped.map(sqlName).join(", ");
      const typesOption = `, types = {${retyped.map((name) => `${sqlString(name)}: 'VARCHAR'`).join(", ")}}, sample_size = -1`;
      await connection.run(`CREATE TEMP TABLE text_frame AS SELECT ${asText} FROM ${source(typesOption)}`);
    }
    for (const name of textual) columns.set(name, await textColumn(connection, retyped.includes(name) ? "text_frame" : "frame", name, rowCount, keepText.has(name)));
    // Header order, as readFrame keeps it.
    return {
      source: label,
      showContent: options.showContent ?? false,
      rowCount,
      columns: new Map(names.filter(wanted).map((name) => [name, columns.get(name)!])),
      ...(names.every(wanted) ? {} : { columnNames: names }),
    };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const NUMERIC_TYPE = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL.*)$/;

/** The numeric columns as doubles (NULL → NaN), in one query; a column holding ±inf or NaN is left out. */
async function numericColumns(connection: DuckDBConnection, names: string[], rowCount: number): Promise<Map<string, Float64Array>> {
  const out = new Map<string, Float64Array>();
  if (!names.length) return out;
  const arrays = names.map(() => new Float64Array(rowCount));
  const finite = names.map(() => true);
  const result = await connection.run(`SELECT ${names.map((name) => `CAST(${sqlName(name)} AS DOUBLE)`).join(", ")} FROM frame`);
  let row = 0;
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    const size = chunk.rowCount;
    for (let c = 0; c < names.length; c++) {
      const vector = chunk.getColumnVector(c);
      const values = arrays[c];
      for (let r = 0; r < size; r++) {
        const value = vector.getItem(r) as number | null;
        if (value === null) values[row + r] = NaN;
        else {
          values[row + r] = value;
          if (!Number.isFinite(value)) finite[c] = false;
        }
      }
    }
    row += size;
  }
  names.forEach((name, c) => finite[c] && out.set(name, arrays[c]));
  return out;
}

/** A text column by readFrame's rule, decided on its distinct raw entries (first-appearance order) and a code per row. */
async function textColumn(connection: DuckDBConnection, table: string, name: string, rowCount: number, keepText = false): Promise<Column> {
  const column = sqlName(name);
  const distinct = `SELECT ${column} AS entry, row_number() OVER (ORDER BY min(rowid)) - 1 AS code FROM ${table} WHERE ${column} IS NOT NULL GROUP BY ${column}`;
  await connection.run(`CREATE OR REPLACE TEMP TABLE entries AS ${distinct}`);
  const entries = (await connection.runAndReadAll("SELECT entry FROM entries ORDER BY code")).getRows().map((row) => String(row[0]));
  const codes = new Int32Array(rowCount).fill(-1);
  const result = await connection.run(`SELECT e.code FROM ${table} t LEFT JOIN entries e ON t.${column} = e.entry ORDER BY t.rowid`);
  let row = 0;
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    const vector = chunk.getColumnVector(0);
    for (let r = 0; r < chunk.rowCount; r++) {
      const code = vector.getItem(r);
      if (code !== null) codes[row + r] = Number(code);
    }
    row += chunk.rowCount;
  }
  // readFrame's rule on each distinct entry: trimmed; a missing marker; else numeric if every one is a finite number.
  const trimmed = entries.map((entry) => entry.trim());
  const numbers = trimmed.map((entry) => (MISSING_MARKERS.has(entry) ? NaN : Number(entry)));
  if (!keepText && trimmed.every((entry, k) => MISSING_MARKERS.has(entry) || Number.isFinite(numbers[k]))) {
    return { kind: "numeric", values: mapToFloat64(codes, (code) => (code < 0 ? NaN : numbers[code])) };
  }
  const levelOf = new Map<string, number>();
  const levels: string[] = [];
  const levelCode = trimmed.map((entry) => {
    if (MISSING_MARKERS.has(entry)) return -1;
    let level = levelOf.get(entry);
    if (level === undefined) {
      level = levels.length;
      levelOf.set(entry, level);
      levels.push(entry);
    }
    return level;
  });
  return { kind: "factor", codes: codes.map((code) => (code < 0 ? -1 : levelCode[code])), levels };
}

function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function sqlName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

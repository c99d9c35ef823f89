import { TradewindsInputError, message } from "../messages.js";
import type { DerivedColumn, SampleCondition } from "./estimationSpec.js";
import { getColumn, numericColumn, shownValue, withNumericColumn, type Column, type DataFrame } from "./dataFrame.js";

/**
 * The spec's `derive` and `sample` steps on a data frame: pure functions, the input frame unchanged.
 * A comparison of values uses the column's text for factor columns and its number for numeric ones.
 */

/** Row r's value of a column as a comparable key (factor label or number; missing → null). */
function cellKey(column: Column, row: number): string | number | null {
  if (column.kind === "factor") return column.codes[row] < 0 ? null : column.levels[column.codes[row]];
  const value = column.values[row];
  return Number.isNaN(value) ? null : value;
}

/** Whether row r's value is in `wanted` (values compared as text: 1994 matches "1994" and 1994.0). */
function matchesValue(column: Column, row: number, wanted: ReadonlySet<string>): boolean {
  const key = cellKey(column, row);
  return key !== null && wanted.has(String(key));
}

/** Adds the derived columns in order; each may use columns derived before it. */
export function deriveColumns(frame: DataFrame, derived: readonly DerivedColumn[]): DataFrame {
  let out = frame;
  derived.forEach((entry, index) => {
    const path = `derive[${index}]`;
    const values = new Float64Array(out.rowCount);
    if ("log" in entry) {
      const source = numericColumn(out, entry.log, `${path}.log`);
      for (let r = 0; r < values.length; r++) {
        if (source[r] <= 0) {
          throw new TradewindsInputError([{ source: out.source, path: `${path}.log`, value: shownValue(out, source[r]), message: message.logOfNonPositive(entry.log, r) }]);
        }
        values[r] = Math.log(source[r]);
      }
    } else if ("product" in entry) {
      values.fill(1);
      entry.product.forEach((name, c) => {
        const factor = numericColumn(out, name, `${path}.product[${c}]`);
        for (let r = 0; r < values.length; r++) values[r] *= factor[r];
      });
    } else if ("indicator" in entry) {
      const column = getColumn(out, entry.indicator.column, `${path}.indicator.column`);
      const wanted = new Set([String(entry.indicator.equals)]);
      for (let r = 0; r < values.length; r++) values[r] = cellKey(column, r) === null ? NaN : matchesValue(column, r, wanted) ? 1 : 0;
    } else if ("differ" in entry || "same" in entry) {
      const [a, b] = "differ" in entry ? entry.differ : entry.same;
      const same = rowsEqual(out, a, b, path);
      for (let r = 0; r < values.length; r++) values[r] = ("differ" in entry ? !same[r] : same[r]) ? 1 : 0;
    } else {
      const source = numericColumn(out, entry.pool.column, `${path}.pool.column`);
      const same = rowsEqual(out, entry.pool.columns[0], entry.pool.columns[1], `${path}.pool`);
      const poolWhenSame = entry.pool.when === "same";
      for (let r = 0; r < values.length; r++) values[r] = same[r] === poolWhenSame ? entry.pool.level : source[r];
    }
    out = withNumericColumn(out, entry.name, values);
  });
  return out;
}

/** 1 where columns a and b hold the same value (by label for factors, by number otherwise). */
function rowsEqual(frame: DataFrame, a: string, b: string, path: string): boolean[] {
  const left = getColumn(frame, a, `${path}[0]`);
  const right = getColumn(frame, b, `${path}[1]`);
  const out = new Array<boolean>(frame.rowCount);
  for (let r = 0; r < frame.rowCount; r++) {
    const x = cellKey(left, r);
    out[r] = x !== null && String(x) === String(cellKey(right, r));
  }
  return out;
}

/** Frame rows that satisfy every sample condition, in frame order. */
export function sampleRows(frame: DataFrame, conditions: readonly SampleCondition[]): Int32Array {
  const keep = new Uint8Array(frame.rowCount).fill(1);
  conditions.forEach((condition, index) => {
    const path = `sample[${index}]`;
    if ("differ" in condition || "same" in condition) {
      const pair = "differ" in condition ? condition.differ : condition.same;
      const same = rowsEqual(frame, pair[0], pair[1], path);
      for (let r = 0; r < frame.rowCount; r++) if (same[r] === "differ" in condition) keep[r] = 0;
      return;
    }
    const column = getColumn(frame, condition.column, `${path}.column`);
    const listed = "in" in condition ? condition.in : condition.notIn;
    const wanted = new Set(listed.map(String));
    const keepMatches = "in" in condition;
    for (let r = 0; r < frame.rowCount; r++) if (matchesValue(column, r, wanted) !== keepMatches) keep[r] = 0;
  });
  let count = 0;
  for (let r = 0; r < keep.length; r++) count += keep[r];
  const rows = new Int32Array(count);
  for (let r = 0, k = 0; r < keep.length; r++) if (keep[r]) rows[k++] = r;
  return rows;
}

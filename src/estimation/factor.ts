import { getColumn, type Column, type DataFrame } from "./dataFrame.js";

/**
 * A fixed-effect factor: every observation mapped to a dense level code.
 *
 * `codes[n]` ∈ {0..levelCount−1}, or −1 when any component is missing. `labels[ℓ]` joins the component
 * values with "|" (e.g. "DEU|1994" for ["importer","year"]); `components[c][ℓ]` is component c's value
 * of level ℓ, used to select levels for a normalisation.
 */
export interface Factor {
  name: string;
  componentNames: string[];
  codes: Int32Array;
  levelCount: number;
  labels: string[];
  components: string[][];
}

/** The display name of an interaction, e.g. ["exporter","year"] → "exporter#year". */
export function factorName(componentNames: readonly string[]): string {
  return componentNames.join("#");
}

/** Per-row level codes of one column, with a label per level (numbers printed with `String`). */
function columnCodes(column: Column): { codes: Int32Array; labels: string[] } {
  if (column.kind === "factor") return { codes: column.codes, labels: column.levels };
  const codes = new Int32Array(column.values.length);
  const index = new Map<number, number>();
  const labels: string[] = [];
  for (let r = 0; r < codes.length; r++) {
    const value = column.values[r];
    if (Number.isNaN(value)) {
      codes[r] = -1;
      continue;
    }
    let code = index.get(value);
    if (code === undefined) {
      code = labels.length;
      index.set(value, code);
      labels.push(String(value));
    }
    codes[r] = code;
  }
  return { codes, labels };
}

/**
 * Encodes the interaction of the named columns as one dense factor. Levels are numbered in order of
 * first appearance; only combinations that occur get a level (no Cartesian blow-up).
 */
export function encodeFactor(frame: DataFrame, componentNames: readonly string[], fieldPath: string): Factor {
  const parts = componentNames.map((name, c) => columnCodes(getColumn(frame, name, `${fieldPath}[${c}]`)));
  const rowCount = frame.rowCount;
  const codes = new Int32Array(rowCount);
  const components: string[][] = componentNames.map(() => []);
  const labels: string[] = [];
  // A combination's key is its mixed-radix number Σ_c code_c·stride_c: a table index when the Cartesian
  // product is small (exporter × year: 69 × 21), else a Map key. Same first-appearance order as ever.
  const strides: number[] = [];
  let product = 1;
  for (const part of parts) {
    strides.push(product);
    product *= Math.max(1, part.labels.length);
  }
  const table = product <= DENSE_KEY_LIMIT ? new Int32Array(product).fill(-1) : null;
  // Beyond 2^53 the number would not be exact: the components' codes joined as text instead.
  const numericKeys = product <= Number.MAX_SAFE_INTEGER;
  const index = new Map<number | string, number>();
  for (let r = 0; r < rowCount; r++) {
    let key = 0;
    let missing = false;
    for (let c = 0; c < parts.length; c++) {
      const levelCode = parts[c].codes[r];
      if (levelCode < 0) missing = true;
      key += levelCode * strides[c];
    }
    if (missing) {
      codes[r] = -1;
      continue;
    }
    const mapKey = numericKeys ? key : parts.map((part) => part.codes[r]).join(",");
    let code = table ? table[key] : (index.get(mapKey) ?? -1);
    if (code < 0) {
      code = labels.length;
      if (table) table[key] = code;
      else index.set(mapKey, code);
      const values = parts.map((part, c) => part.labels[part.codes[r]]);
      values.forEach((value, c) => components[c].push(value));
      labels.push(values.join("|"));
    }
    codes[r] = code;
  }
  return { name: factorName(componentNames), componentNames: [...componentNames], codes, levelCount: labels.length, labels, components };
}

/**
 * The unordered pair of two columns as one factor: rows (a, b) and (b, a) share a level — the
 * Advanced Guide's `pair_id`, one cluster per country pair whichever way the goods go. Values are
 * compared as text (labels), so the two columns may be coded alike (ISO codes). Level labels are the
 * two values in sorted order joined by "|", numbered in order of first appearance.
 */
export function encodeUnorderedPair(frame: DataFrame, columns: readonly [string, string], fieldPath: string): Factor {
  const [first, second] = columns.map((name, c) => columnCodes(getColumn(frame, name, `${fieldPath}[${c}]`)));
  const codes = new Int32Array(frame.rowCount);
  const index = new Map<string, number>();
  const labels: string[] = [];
  const components: string[][] = [[], []];
  for (let r = 0; r < frame.rowCount; r++) {
    if (first.codes[r] < 0 || second.codes[r] < 0) {
      codes[r] = -1;
      continue;
    }
    const a = first.labels[first.codes[r]];
    const b = second.labels[second.codes[r]];
    const [low, high] = a <= b ? [a, b] : [b, a];
    const label = `${low}|${high}`;
    let code = index.get(label);
    if (code === undefined) {
      code = labels.length;
      index.set(label, code);
      labels.push(label);
      components[0].push(low);
      components[1].push(high);
    }
    codes[r] = code;
  }
  return { name: `pair(${columns.join(", ")})`, componentNames: [...columns], codes, levelCount: labels.length, labels, components };
}

/** Largest Cartesian product of component levels keyed through a dense table (16 MB of Int32). */
const DENSE_KEY_LIMIT = 1 << 22;

/**
 * Re-codes a factor on a subset of rows (`rows[k]` is the original row of new observation k) so
 * that only levels present in the subset remain, densely numbered.
 */
export function restrictFactor(factor: Factor, rows: Int32Array): Factor {
  const newCode = new Int32Array(factor.levelCount).fill(-1);
  const labels: string[] = [];
  const components: string[][] = factor.componentNames.map(() => []);
  const codes = new Int32Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const old = factor.codes[rows[k]];
    if (newCode[old] < 0) {
      newCode[old] = labels.length;
      labels.push(factor.labels[old]);
      factor.components.forEach((values, c) => components[c].push(values[old]));
    }
    codes[k] = newCode[old];
  }
  return { ...factor, codes, levelCount: labels.length, labels, components };
}

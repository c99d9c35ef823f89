import type { DataFrame } from "../../estimation/frame.js";
import { TradewindsInputError, message, type InputIssue } from "../../messages.js";

/**
 * Country covariates beside a flows table (`tradewinds import … --countries <file>`): one row per
 * country, columns `country` (codes as in the flows), and optionally `name`, `gdp` and `deficit`
 * (expenditure − output), in the flows' units.
 */
export interface CountryTable {
  /** How messages name the file. */
  source: string;
  /** Whether messages may quote its codes (false for a table a scenario names through a manifest). */
  showContent: boolean;
  codes: string[];
  names: Map<string, string>;
  gdp?: Map<string, number>;
  deficits?: Map<string, number>;
}

/**
 * How domestic sales (X_ii) missing from a table are filled (one sector; GDP from the countries table):
 * - "require": they are not — every country needs its domestic row (the default);
 * - "gdp-minus-imports": X_ii = max(0, GDP_i − Σ_{k≠i} X_ki), so expenditure equals GDP — Liberation Day's
 *   rule (Ignatenko et al. 2025, spec one-sector.md §3.1 Step 2) with every local share ν = 1 (no transfer);
 * - "gdp-minus-exports": X_ii = max(0, GDP_i − Σ_{j≠i} X_ij), so gross output equals GDP.
 * A country whose fill would be negative gets 0 and is named in the dataset's notes.
 */
export const DOMESTIC_RULES = ["require", "gdp-minus-imports", "gdp-minus-exports"] as const;
export type DomesticRule = (typeof DOMESTIC_RULES)[number];

const COLUMNS = ["country", "name", "gdp", "deficit"];

/** A countries table read from a frame (country and name read as text); every problem named. */
export function countryTableFromFrame(frame: DataFrame, source: string): CountryTable {
  const showContent = frame.showContent ?? false;
  const issues: InputIssue[] = [];
  const add = (path: string, text: string) => issues.push({ source, path, value: "", message: text });
  const country = frame.columns.get("country");
  if (!country || country.kind !== "factor") {
    add("header", message.countryTableColumn("country"));
    throw new TradewindsInputError(issues);
  }
  [...frame.columns.keys()].forEach((name, position) => COLUMNS.includes(name) || add(`column ${position + 1}`, message.countryTableUnknownColumn(position + 1, showContent ? name : undefined)));
  const name = frame.columns.get("name");
  const numeric = (column: string): Float64Array | undefined => {
    const found = frame.columns.get(column);
    if (found && found.kind !== "numeric") add(`column ${column}`, message.flowColumnNotNumeric(column));
    return found?.kind === "numeric" ? found.values : undefined;
  };
  const gdp = numeric("gdp");
  const deficit = numeric("deficit");
  const table: CountryTable = { source, showContent, codes: [], names: new Map(), gdp: gdp && new Map(), deficits: deficit && new Map() };
  const shown = (code: string, r: number) => (showContent ? JSON.stringify(code) : `the country of row ${r + 1}`);
  const rowOf = new Map<string, number>();
  for (let r = 0; r < frame.rowCount; r++) {
    if (country.codes[r] < 0) {
      add(`row ${r + 1}`, message.flowCellMissing("country"));
      continue;
    }
    const code = country.levels[country.codes[r]];
    if (rowOf.has(code)) add(`row ${r + 1}`, message.countryTableDuplicate(shown(code, r), r + 1));
    rowOf.set(code, r);
    table.codes.push(code);
    if (name && name.kind === "factor" && name.codes[r] >= 0) table.names.set(code, name.levels[name.codes[r]]);
    for (const [values, target, column] of [[gdp, table.gdp, "gdp"], [deficit, table.deficits, "deficit"]] as const) {
      if (!values || !target) continue;
      if (!Number.isFinite(values[r])) add(`row ${r + 1}`, message.countryTableValue(shown(code, r), column));
      target.set(code, values[r]);
    }
  }
  if (issues.length) throw new TradewindsInputError(issues);
  return table;
}

/** The table covers exactly the flows' countries: each one present, none extra. `label` names a flows country in messages. */
export function countryTableIssues(table: CountryTable, codes: readonly string[], label: (k: number) => string): InputIssue[] {
  const inFlows = new Set(codes);
  const inTable = new Set(table.codes);
  const issues: InputIssue[] = [];
  codes.forEach((code, k) => inTable.has(code) || issues.push({ source: table.source, path: "", value: "", message: message.countryTableMissing(label(k)) }));
  table.codes.forEach((code, r) => inFlows.has(code) || issues.push({ source: table.source, path: `row ${r + 1}`, value: "", message: message.countryTableExtra(table.showContent ? JSON.stringify(code) : `the country of row ${r + 1}`, r + 1) }));
  return issues;
}

/**
 * Fills the domestic flows of `missing` countries in place by `rule` (one sector: flows[i*N + j]); returns
 * the notes that say so in the dataset. Input errors when the rule cannot apply.
 */
export function fillDomestic(flows: number[], N: number, S: number, missing: number[], codes: readonly string[], rule: DomesticRule, table: CountryTable | undefined, source: string): string[] {
  const fail = (text: string): never => {
    throw new TradewindsInputError([{ source, path: "--domestic", value: JSON.stringify(rule), message: text }]);
  };
  if (rule === "require") return [];
  if (S !== 1) fail(message.domesticRuleNeedsOneSector(rule, S));
  const gdp = table?.gdp;
  if (!gdp) return fail(message.domesticRuleNeedsGdp(rule));
  const clipped: string[] = [];
  for (const i of missing) {
    let foreign = 0;
    for (let k = 0; k < N; k++) if (k !== i) foreign += rule === "gdp-minus-imports" ? flows[k * N + i] : flows[i * N + k];
    const domestic = gdp.get(codes[i])! - foreign;
    if (domestic < 0) clipped.push(codes[i]);
    flows[i * N + i] = Math.max(0, domestic);
  }
  const formula = rule === "gdp-minus-imports" ? "X_ii = max(0, GDP_i − Σ_{k≠i} X_ki) (expenditure = GDP: Liberation Day's rule with ν = 1)" : "X_ii = max(0, GDP_i − Σ_{j≠i} X_ij) (gross output = GDP)";
  return [
    `domestic sales of ${missing.length} countr${missing.length === 1 ? "y" : "ies"} (${missing.map((i) => codes[i]).join(", ")}) filled by rule ${rule}: ${formula}`,
    ...(clipped.length ? [`domestic sales clipped at 0 (GDP below the foreign flows): ${clipped.join(", ")}; models that need X_ii > 0 reject them`] : []),
  ];
}

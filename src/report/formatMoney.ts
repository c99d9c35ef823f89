import { dollarsOf, formatDollars } from "./money.js";
import type { QuantityDefinition, QuantityKey } from "./registry.js";
import { textTable, type TextTableOptions } from "./textTable.js";
import type { PhaseReport, ResultRow, RunReport } from "./types.js";

/**
 * The money and tariff-level table of a phase (report/accountQuantities.ts): one row per report row, each
 * before → after pair in one cell so that the table stays narrow. Returns "" when the run has none of them.
 */
export function moneyTable(report: RunReport, phase: PhaseReport, options: TextTableOptions = {}): string {
  const has = (key: string) => Object.hasOwn(report.definitions, key);
  const columns: { head: string; cell: (row: ResultRow) => string; keys: string[] }[] = [];
  const value = (row: ResultRow, key: QuantityKey) => (Object.hasOwn(row.values, key) ? row.values[key] : undefined);
  const show = (row: ResultRow, key: QuantityKey) => {
    const x = value(row, key);
    return x === undefined ? "" : formatLevel(x, report.definitions[key]);
  };
  const pair = (before: QuantityKey, after: QuantityKey, change?: QuantityKey) => (row: ResultRow) => {
    const a = show(row, before);
    const b = show(row, after);
    if (a === "" && b === "") return "";
    return `${a} → ${b}${change && value(row, change) !== undefined ? ` (${show(row, change)})` : ""}`;
  };
  if (has("equivalentVariationUsd")) columns.push({ head: "Welfare change\n(equivalent variation)", cell: (row) => show(row, "equivalentVariationUsd"), keys: ["equivalentVariationUsd"] });
  if (has("equivalentVariationPerPersonUsd")) columns.push({ head: "per person", cell: (row) => show(row, "equivalentVariationPerPersonUsd"), keys: ["equivalentVariationPerPersonUsd"] });
  if (has("effectiveTariffRate")) columns.push({ head: "Effective tariff rate\nbefore → after", cell: pair("baselineEffectiveTariffRate", "effectiveTariffRate"), keys: ["baselineEffectiveTariffRate", "effectiveTariffRate"] });
  if (has("tariffRevenueUsd")) columns.push({ head: "Tariff revenue\nbefore → after", cell: pair("baselineTariffRevenueUsd", "tariffRevenueUsd"), keys: ["baselineTariffRevenueUsd", "tariffRevenueUsd"] });
  if (has("tradeBalanceUsd")) columns.push({ head: "Trade balance (+ surplus)\nbefore → after (change)", cell: pair("baselineTradeBalanceUsd", "tradeBalanceUsd", "tradeBalanceChangeUsd"), keys: ["baselineTradeBalanceUsd", "tradeBalanceUsd", "tradeBalanceChangeUsd"] });
  if (columns.length === 0) return "";
  const rows = phase.summary.map((row) => [row.members > 1 ? `${row.code} (${row.members})` : row.code, ...columns.map((c) => (phase.status === "solved" ? c.cell(row) : "—"))]);
  const money = report.dataset.money;
  const units = money ? `${dollarsOf(money)}${money.flows.prices === "current USD" ? " (current prices)" : `, ${money.flows.prices}`}` : "rates only: the dataset's units give no dollar scale";
  return `In dollars and tariff rates — ${units}; effective tariff = import-weighted at baseline imports:\n${textTable(["", ...columns.map((c) => c.head)], rows, options)}`;
}

/** The keys the money table shows, for the definitions list. */
export const MONEY_TABLE_KEYS = [
  "equivalentVariationUsd",
  "equivalentVariationPerPersonUsd",
  "baselineEffectiveTariffRate",
  "effectiveTariffRate",
  "baselineTariffRevenueUsd",
  "tariffRevenueUsd",
  "baselineTradeBalanceUsd",
  "tradeBalanceUsd",
  "tradeBalanceChangeUsd",
];

function formatLevel(x: number, def: QuantityDefinition): string {
  if (def.unit === "USD") return formatDollars(x, def.change);
  if (def.unit === "rate") return `${(100 * x).toFixed(1)}%`;
  return x.toFixed(2);
}

import { formatDollars } from "./money.js";
import type { QuantityDefinition } from "./registry.js";
import type { ResultRow } from "./types.js";

/** Digits shown for a quantity in tables (JSON and CSV keep full precision). */
export function digits(def: QuantityDefinition): number {
  return def.unit === "%" || def.unit === "pp" ? 2 : def.unit === "share" || def.unit === "ratio" ? 4 : 1;
}

/**
 * A number as the tables show it (CLI and dashboard alike): `digits` decimals, rates in %, "+" on a
 * rise in %; a value that rounds to zero prints as plain zero ("0.00", never "-0.00" or "+0.00"), so
 * that no change is not shown as a loss or a gain. Dollars (unit "USD") print as $141.4 bn (report/money.ts).
 */
export function formatNumber(value: number | undefined, def: QuantityDefinition): string {
  if (value === undefined) return "";
  if (def.unit === "USD") return formatDollars(value, def.change);
  const text = def.unit === "rate" ? (100 * value).toFixed(1) : value.toFixed(digits(def));
  const zero = !/[1-9]/.test(text);
  const shown = zero ? text.replace("-", "") : def.unit === "%" && value > 0 ? "+" + text : text;
  return def.unit === "rate" ? `${shown}%` : shown;
}


/** A summary row's label: "JPN Japan", "EU27 (27)" for a group, the code alone where the data names no country (a flows file). */
export function rowLabel(row: ResultRow): string {
  if (row.members > 1) return `${row.code} (${row.members})`;
  return row.name && row.name !== row.code ? `${row.code} ${row.name}` : row.code;
}

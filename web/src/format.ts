import type { QuantityDefinition } from "./api.js";

/**
 * Numbers as the CLI's tables show them (src/report/format.ts formatNumber: rates in % with 1 decimal, 2 decimals for % and
 * pp, 4 for shares and ratios, 1 otherwise, "+" on gains), kept in step by the browser test.
 */
export function formatValue(value: number | null | undefined, def: QuantityDefinition | undefined): string {
  if (value === null || value === undefined) return "";
  if (!def) return String(value);
  if (def.unit === "rate") return `${(100 * value).toFixed(1)}%`;
  const digits = def.unit === "%" || def.unit === "pp" ? 2 : def.unit === "share" || def.unit === "ratio" ? 4 : 1;
  const text = value.toFixed(digits);
  return def.unit === "%" && value > 0 ? "+" + text : text === "-0.00" ? "0.00" : text;
}

/** The hover text of a number: its definition from the results registry. */
export function definitionText(def: QuantityDefinition | undefined): string {
  if (!def) return "";
  return `${def.label} (${def.unit})\n${def.formula}\nSign: ${def.sign}`;
}

export function axisLabel(def: QuantityDefinition | undefined): string {
  return def ? `${def.label} (${def.unit})` : "";
}

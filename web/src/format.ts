import { formatNumber } from "../../src/report/formatNumber.js";
import type { QuantityDefinition } from "./api.js";

/** Numbers as the CLI's tables show them: the library's own formatter (src/report/formatNumber.ts). */
export function formatValue(value: number | null | undefined, def: QuantityDefinition | undefined): string {
  if (value === null || value === undefined) return "";
  if (!def) return String(value);
  return formatNumber(value, def);
}

/** The hover text of a number: its definition from the results registry. */
export function definitionText(def: QuantityDefinition | undefined): string {
  if (!def) return "";
  return `${def.label} (${def.unit})\n${def.formula}\nSign: ${def.sign}`;
}

export function axisLabel(def: QuantityDefinition | undefined): string {
  return def ? `${def.label} (${def.unit})` : "";
}

import { isQuantityKey, type QuantityDefinition, type QuantityKey } from "./registry.js";
import type { RunReport } from "./types.js";

/** One quantity of one country in two runs. `difference` = b − a, in the quantity's unit. */
export interface ComparedValue {
  a: number | null;
  b: number | null;
  difference: number | null;
}

export interface ComparedPhase {
  /** Phases are paired by position; both names are shown. */
  a: string | null;
  b: string | null;
  rows: { code: string; name: string; values: Record<string, ComparedValue> }[];
}

export interface ReportComparison {
  a: { scenario: string; dataset: string; model: string };
  b: { scenario: string; dataset: string; model: string };
  /** Keys reported by both runs, in run a's table order. */
  keys: string[];
  definitions: Record<string, QuantityDefinition>;
  phases: ComparedPhase[];
}

/**
 * Two run reports side by side: phases paired by position, countries by code (a country in only
 * one run gets nulls on the other side), the keys both runs report. No model logic: a table diff.
 */
export function compareReports(a: RunReport, b: RunReport): ReportComparison {
  const keys = Object.keys(a.definitions).filter((k): k is QuantityKey => isQuantityKey(k) && Object.hasOwn(b.definitions, k));
  keys.sort((x, y) => rank(a.tableKeys, x) - rank(a.tableKeys, y));
  const phases: ComparedPhase[] = [];
  for (let k = 0; k < Math.max(a.phases.length, b.phases.length); k++) {
    const pa = a.phases[k];
    const pb = b.phases[k];
    const rowsB = new Map((pb?.countries ?? []).map((r) => [r.code, r]));
    const codes = [...new Set([...(pa?.countries ?? []).map((r) => r.code), ...rowsB.keys()])];
    const rowsA = new Map((pa?.countries ?? []).map((r) => [r.code, r]));
    phases.push({
      a: pa?.name ?? null,
      b: pb?.name ?? null,
      rows: codes.map((code) => {
        const ra = rowsA.get(code);
        const rb = rowsB.get(code);
        const values: Record<string, ComparedValue> = {};
        for (const key of keys) {
          const va = ra && Object.hasOwn(ra.values, key) ? ra.values[key] : null;
          const vb = rb && Object.hasOwn(rb.values, key) ? rb.values[key] : null;
          values[key] = { a: va, b: vb, difference: va !== null && vb !== null ? vb - va : null };
        }
        return { code, name: (ra ?? rb)!.name, values };
      }),
    });
  }
  const side = (r: RunReport) => ({ scenario: r.scenario.name, dataset: r.dataset.name, model: r.model.type });
  return { a: side(a), b: side(b), keys, definitions: Object.fromEntries(keys.map((k) => [k, a.definitions[k]])), phases };
}

function rank(order: string[], key: string): number {
  const at = order.indexOf(key);
  return at < 0 ? order.length : at;
}

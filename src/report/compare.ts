import { isQuantityKey, type QuantityDefinition, type QuantityKey } from "./registry.js";
import { message } from "../messages.js";
import type { PhaseReport, RunReport } from "./types.js";

/** One quantity of one country in two runs. `difference` = b − a, in the quantity's unit. */
export interface ComparedValue {
  a: number | null;
  b: number | null;
  difference: number | null;
}

export interface ComparedPhase {
  /** Phases are paired by name (by position when no name matches); a phase without a partner has null on the other side. */
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
  /** Phases without a partner of the same name, and whether pairing fell back to positions (message catalog texts). */
  warnings: string[];
}

/**
 * Two run reports side by side: phases paired by name in run a's order (then b's unmatched phases;
 * by position when no name matches, with a warning), countries by code (a country in only one run gets
 * nulls on the other side), the keys both runs report. No model logic: a table diff.
 */
export function compareReports(a: RunReport, b: RunReport): ReportComparison {
  const keys = Object.keys(a.definitions).filter((k): k is QuantityKey => isQuantityKey(k) && Object.hasOwn(b.definitions, k));
  keys.sort((x, y) => rank(a.tableKeys, x) - rank(a.tableKeys, y));
  const phases: ComparedPhase[] = [];
  const warnings: string[] = [];
  const namesA = a.phases.map((p) => p.name);
  const namesB = b.phases.map((p) => p.name);
  const byName = namesA.some((name) => namesB.includes(name));
  const pairs: [PhaseReport | undefined, PhaseReport | undefined][] = [];
  if (byName) {
    for (const pa of a.phases) {
      const pb = b.phases.find((p) => p.name === pa.name);
      if (!pb) warnings.push(message.comparePhaseUnmatched(pa.name, "A", namesB));
      pairs.push([pa, pb]);
    }
    for (const pb of b.phases.filter((p) => !namesA.includes(p.name))) {
      warnings.push(message.comparePhaseUnmatched(pb.name, "B", namesA));
      pairs.push([undefined, pb]);
    }
  } else {
    if (a.phases.length > 1 || b.phases.length > 1) warnings.push(message.comparePairedByPosition());
    for (let k = 0; k < Math.max(a.phases.length, b.phases.length); k++) pairs.push([a.phases[k], b.phases[k]]);
  }
  for (const [pa, pb] of pairs) {
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
  return { a: side(a), b: side(b), keys, definitions: Object.fromEntries(keys.map((k) => [k, a.definitions[k]])), phases, warnings };
}

function rank(order: string[], key: string): number {
  const at = order.indexOf(key);
  return at < 0 ? order.length : at;
}

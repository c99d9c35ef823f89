import { valueEntries } from "../../src/report/registry.js";
import { expect } from "vitest";
import type { PhaseReport } from "../../src/report/types.js";

/**
 * Left out of phase-to-phase comparisons: the key only a phase with quantity targets reports (its targets' own
 * effect), and the amounts in dollars (keys ending in "Usd": equivalent variation, trade balances, revenue) —
 * products and differences of the compared percent changes and flows with GDP- or trade-sized levels, so an
 * absolute 1e-8 of them is far below the 1e-8 the percent changes and flows are compared to.
 */
const TARGET_ONLY_KEYS = new Set(["instrumentWelfareEffectPct", "instrumentWelfareEffectValue"]);
const isDollarAmount = (key: string) => key.endsWith("Usd");

/**
 * Asserts that two solved phases are the same equilibrium: every country value, every country × sector value
 * and every reported bilateral flow agree to `tolerance` (absolute for percent changes, relative to max(1, |x|)
 * for levels). The failure message names the first quantity that differs, with both values.
 */
export function expectSameOutcome(a: PhaseReport, b: PhaseReport, tolerance: number, what: string): void {
  const misses: string[] = [];
  const check = (x: number, y: number, label: string) => {
    const scale = Math.max(1, Math.abs(x), Math.abs(y));
    if (!(Math.abs(x - y) <= tolerance * scale)) misses.push(`${label}: ${x} vs ${y}`);
  };
  expect(a.countries.length).toBe(b.countries.length);
  a.countries.forEach((row, n) => {
    for (const [key, value] of valueEntries(row.values)) if (!TARGET_ONLY_KEYS.has(key) && !isDollarAmount(key)) check(value, b.countries[n].values[key], `${row.code} ${key}`);
  });
  (a.sectors ?? []).forEach((row, k) => {
    for (const [key, value] of valueEntries(row.values)) check(value, b.sectors![k].values[key], `${row.country}/${row.sector} ${key}`);
  });
  a.bilateral.forEach((row, k) => check(row.counterfactual, b.bilateral[k].counterfactual, `${row.exporter}→${row.importer} ${row.sector}`));
  expect(misses.slice(0, 5), `${what}: ${misses.length} quantities differ by more than ${tolerance}`).toEqual([]);
}

/** The counterfactual (or baseline) flow exporter → importer of one sector from a phase's bilateral rows. */
export function bilateralFlow(phase: PhaseReport, exporter: string, importer: string, sector: string, which: "baseline" | "counterfactual" = "counterfactual"): number {
  const row = phase.bilateral.find((b) => b.exporter === exporter && b.importer === importer && b.sector === sector);
  if (!row) throw new Error(`no bilateral row ${exporter} → ${importer} ${sector}`);
  return row[which];
}

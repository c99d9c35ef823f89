import { relativeTo } from "./compareRules.js";
import { definitionOf, valueEntries, valuesOf, type QuantityDefinition, type QuantityKey } from "./registry.js";
import type { PhaseComparison, PhaseReport, ResultRow } from "./types.js";

/**
 * `compareWith`: a phase's results relative to another phase of the same run — the deal relative to no deal —
 * for every country, every summary row (groups and WORLD by their own rows) and every country × sector, each
 * key by its registry `compare` rule: a change 100·(x̂ − 1) by ratio, 100·((1 + a/100) ⁄ (1 + b/100) − 1) =
 * 100·(x_a ⁄ x_b − 1); additive quantities by difference. Both phases are relative to the same baseline, so
 * the ratio is exactly the effect of going from the other phase's policy to this one's.
 */
export function comparePhases(phase: PhaseReport, other: PhaseReport, definitions: Record<string, QuantityDefinition>): PhaseComparison {
  const relative = (row: ResultRow, base: ResultRow | undefined): ResultRow => ({
    ...row,
    values: valuesOf(
      valueEntries(row.values).flatMap(([key, value]): [QuantityKey, number][] => {
        if (!base || !Object.hasOwn(base.values, key)) return [];
        return [[key, relativeTo((definitions[key] ?? definitionOf(key)).compare ?? "difference", value, base.values[key])]];
      }),
    ),
  });
  const byCode = (rows: ResultRow[]) => new Map(rows.map((r) => [r.code, r]));
  const otherCountries = byCode(other.countries);
  const otherSummary = byCode(other.summary);
  const comparison: PhaseComparison = {
    phase: other.name,
    converged: phase.converged && other.converged,
    countries: phase.countries.map((row) => relative(row, otherCountries.get(row.code))),
    summary: phase.summary.map((row) => relative(row, otherSummary.get(row.code))),
  };
  if (phase.sectors && other.sectors) {
    const otherSectors = new Map(other.sectors.map((r) => [`${r.country}/${r.sector}`, r]));
    comparison.sectors = phase.sectors.map((row) => {
      const base = otherSectors.get(`${row.country}/${row.sector}`);
      const asRow = relative({ code: row.country, name: row.sectorName, members: 1, values: row.values }, base && { code: base.country, name: base.sectorName, members: 1, values: base.values });
      return { ...row, values: asRow.values };
    });
  }
  return comparison;
}

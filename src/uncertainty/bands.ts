import { quantileSorted } from "d3-array";
import { forEachCell, type PointResult } from "../sweep/pointResult.js";
import type { Band, ResultRow, RunReport, UncertaintySummary } from "../report/types.js";
import { BAND, QUANTILE_METHOD, type UncertainParameter } from "./spec.js";

/** The band of sorted values: 5th percentile, median, 95th percentile, by type-7 quantiles (d3-array quantileSorted). */
export function bandOf(sorted: ArrayLike<number>): Band {
  const values = Array.from(sorted);
  return { lower: quantileSorted(values, BAND.lower)!, median: quantileSorted(values, 0.5)!, upper: quantileSorted(values, BAND.upper)! };
}

/**
 * The point-estimate report with a band on every number the draws kept (each report row's table keys,
 * every country's headline key): quantiles over the draws whose every phase converged. Draws that did
 * not converge or failed are left out of the bands and listed in `uncertainty`, never dropped silently.
 */
export function attachBands(report: RunReport, results: PointResult[], how: { seed: number; parameters: UncertainParameter[] }): RunReport {
  const kept = results.filter((r) => r.converged);
  const bandsByPhase = new Map<string, Map<string, Map<string, Band>>>();
  for (const phase of report.phases) {
    const samples = new Map<string, Float64Array>();
    kept.forEach((result, d) => {
      const cells = result.phases.find((p) => p.phase === phase.name);
      if (!cells) return;
      forEachCell(cells, (row, key, value) => {
        const id = `${row}\u0000${key}`;
        let values = samples.get(id);
        if (!values) samples.set(id, (values = new Float64Array(kept.length).fill(Number.NaN)));
        values[d] = value;
      });
    });
    const rows = new Map<string, Map<string, Band>>();
    for (const [id, values] of samples) {
      if (values.some(Number.isNaN)) throw new Error(`internal: a converged draw lacks ${id.replace("\u0000", " ")} of phase ${phase.name}`);
      const [row, key] = id.split("\u0000");
      if (!rows.has(row)) rows.set(row, new Map());
      rows.get(row)!.set(key, bandOf(values.sort()));
    }
    bandsByPhase.set(phase.name, rows);
  }
  const withBands = (row: ResultRow, bands: Map<string, Map<string, Band>> | undefined): ResultRow => {
    const own = bands?.get(row.code);
    return own && own.size ? { ...row, bands: Object.fromEntries(own) } : row;
  };
  const uncertainty: UncertaintySummary = {
    draws: results.length,
    seed: how.seed,
    parameters: how.parameters,
    band: { ...BAND },
    quantileMethod: QUANTILE_METHOD,
    converged: kept.length,
    notConverged: results.filter((r) => !r.converged && r.error === undefined).map((r) => r.point),
    failed: results.filter((r) => r.error !== undefined).map((r) => ({ draw: r.point, message: r.error! })),
  };
  return {
    ...report,
    phases: report.phases.map((phase) => {
      const bands = kept.length ? bandsByPhase.get(phase.name) : undefined;
      return { ...phase, countries: phase.countries.map((row) => withBands(row, bands)), summary: phase.summary.map((row) => withBands(row, bands)) };
    }),
    uncertainty,
  };
}

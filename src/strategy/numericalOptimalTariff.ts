import type { Dataset } from "../data/dataset.js";
import type { ModelEntry } from "../models/catalog.js";
import { newRunContext, type CompiledPolicy } from "../models/types.js";
import { solveWithTargets } from "../models/instruments/solveTargets.js";
import { maximizeScalar, type ScalarMaximum } from "../solver/goldenSection.js";
import type { SolverResult } from "../solver/result.js";

/**
 * Optimal tariffs by search (spec scenarios-and-strategy.md §4): the uniform rate importer j levies on
 * every exporter (all sectors) that maximises j's welfare, others' tariffs as in `policy`. Used to check
 * a model's closed form (Liberation Day, one-sector.md §3.4) against the optimum of the same model.
 */

/** j's welfare change (%) when j's tariff on every exporter and sector is `rate`, the rest as in `policy`. */
export function welfareAtUniformTariff(entry: ModelEntry, baseline: unknown, data: Dataset, policy: CompiledPolicy, importer: number, rate: number): number {
  const N = data.countries.length;
  const tariffs = Float64Array.from(policy.tariffs);
  for (let s = 0; s < data.sectors.length; s++) for (let i = 0; i < N; i++) if (i !== importer) tariffs[(s * N + i) * N + importer] = rate;
  const outcome = solveWithTargets(entry, baseline, { ...policy, tariffs }, newRunContext(), data, "optimal tariff search");
  if (!outcome.solver.converged) throw new Error(`internal: the equilibrium at uniform tariff ${rate} did not converge`);
  return outcome.countries.welfareChangePct[importer];
}

/** The welfare-maximising uniform tariff of `importer` on [lo, hi] by golden-section search to `tolerance`. */
export function numericalOptimalUniformTariff(entry: ModelEntry, baseline: unknown, data: Dataset, policy: CompiledPolicy, importer: number, lo: number, hi: number, tolerance: number): SolverResult<ScalarMaximum> {
  return maximizeScalar((rate) => welfareAtUniformTariff(entry, baseline, data, policy, importer, rate), lo, hi, tolerance);
}

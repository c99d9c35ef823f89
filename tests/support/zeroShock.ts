import { expect } from "vitest";
import type { Dataset } from "../../src/data/dataset.js";
import type { QuantityKey } from "../../src/report/registry.js";
import type { PhaseReport } from "../../src/report/types.js";
import { moneyUnitsOf } from "../../src/report/money.js";
import { expectClose } from "./expectClose.js";

/** Levels reported before and after (report/definitions/money.ts): a zero shock leaves each pair equal. */
const LEVEL_PAIRS: [QuantityKey, QuantityKey][] = [
  ["baselineEffectiveTariffRate", "effectiveTariffRate"],
  ["baselineEffectiveTariffRate", "effectiveTariffRateAfterSubstitution"],
  ["baselineTariffRevenueUsd", "tariffRevenueUsd"],
  ["baselineTradeBalanceUsd", "tradeBalanceUsd"],
];
const LEVELS = new Set<string>(LEVEL_PAIRS.flat());
/** Dollar changes: zero up to the tolerance (in %) of the country's gross sales plus purchases. */
const DOLLAR_CHANGES = new Set(["equivalentVariationUsd", "tradeBalanceChangeUsd"]);

/**
 * Asserts that a Caliendo–Parro phase without shocks, on data that are the model's equilibrium, reports
 * zero change in every outcome, the headline welfareChangePct (the exact Î/P̂) included. One exception is exact too:
 * welfareFirstOrderPct (with its volume-of-trade term volumeOfTradeEffectPct) is the cp2015 package's first-order
 * decomposition, whose volume-of-trade term divides by (T + 1e-8) (its zero-flow guard), so a
 * zero shock gives VoT_r = 100/I_r · Σ_{i,s} t·T·(T/(T + 1e-8) − 1) rather than 0 — computed here from
 * the data (I_r = value added + tariff revenue + deficit; without IO, value added = sales). Levels reported
 * before and after (tariff rates, revenue, trade balance) are equal; dollar changes are zero relative to the
 * country's trade volume.
 */
export function expectZeroShock(phase: PhaseReport, data: Dataset, tolerancePp: number): void {
  expect(phase.converged).toBe(true);
  const N = data.countries.length;
  const S = data.sectors.length;
  const t = data.baselineTariffs ? data.tariffs[data.baselineTariffs] : new Float64Array(S * N * N);
  const guardTerm = new Float64Array(N);
  const revenue = new Float64Array(N);
  const sales = new Float64Array(N);
  const imports = new Float64Array(N);
  const valueAdded = new Float64Array(N);
  for (let s = 0; s < S; s++)
    for (let i = 0; i < N; i++)
      for (let r = 0; r < N; r++) {
        const T = data.flows[(s * N + i) * N + r];
        const rate = t[(s * N + i) * N + r];
        guardTerm[r] += rate * T * (T / (T + 1e-8) - 1);
        revenue[r] += rate * T;
        sales[i] += T;
        imports[r] += T;
        if (data.io) valueAdded[i] += data.io.valueAddedShares[i * S + s] * T;
      }
  const at = new Map(data.countries.map((c, k) => [c.code, k]));
  const scale = moneyUnitsOf(data.meta.units, data.meta.year)?.flows.scale ?? 1;
  for (const row of phase.countries) {
    const r = at.get(row.code);
    const volume = r === undefined ? 0 : scale * (sales[r] + imports[r]);
    for (const [before, after] of LEVEL_PAIRS) {
      if (Object.hasOwn(row.values, after)) expectClose(row.values[after], row.values[before], (tolerancePp / 100) * Math.max(1, before.endsWith("Usd") ? volume : 1), `${row.code} ${after} vs ${before}`);
    }
    for (const [key, value] of Object.entries(row.values)) {
      if (LEVELS.has(key)) continue;
      if (DOLLAR_CHANGES.has(key)) expectClose(value, 0, (tolerancePp / 100) * volume, `${row.code} ${key}`);
      else if ((key === "welfareFirstOrderPct" || key === "volumeOfTradeEffectPct") && r !== undefined) {
        const income = (data.io ? valueAdded[r] : sales[r]) + revenue[r] + (imports[r] - sales[r]);
        expectClose(value, (100 * guardTerm[r]) / income, tolerancePp, `${row.code} ${key} (the decomposition's zero-flow guard)`);
      } else expectClose(value, 0, tolerancePp, `${row.code} ${key}`);
    }
  }
  expect((phase.sectors ?? []).length).toBeGreaterThan(0);
  for (const row of phase.sectors ?? []) for (const [key, value] of Object.entries(row.values)) if (key.endsWith("Pct")) expectClose(value, 0, tolerancePp, `${row.country} ${row.sector} ${key}`);
}

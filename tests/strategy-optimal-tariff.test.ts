import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Dataset } from "../src/data/dataset.js";
import { loadDataset } from "../src/data/load.js";
import { modelCatalog } from "../src/models/available.js";
import { zeroPolicy } from "../src/models/types.js";
import { liberationDayParamsSchema } from "../src/models/liberationDay/params.js";
import { runScenario } from "../src/run.js";
import { maximizeScalar } from "../src/solver/goldenSection.js";
import { numericalOptimalUniformTariff, welfareAtUniformTariff } from "../src/strategy/numericalOptimalTariff.js";
import { expectClose } from "./support/expectClose.js";

// Optimal and retaliation tariffs of Liberation Day (Ignatenko, Macedoni, Lashkaripour & Simonovska
// 2025; spec ../shared/spec/one-sector.md §3.4, scenarios-and-strategy.md §4).

/** The spec prints the closed forms to 7 decimals. */
const TOL_CLOSED_FORM = 5e-8;
/** The probe: welfare at t* exceeds welfare at t* ± 1 pp. */
const PROBE_PP = 0.01;
/** Golden-section bracket: finer than the 0.5 pp criterion by a factor 10. */
const SEARCH_TOLERANCE = 5e-4;

describe("maximizeScalar (golden section) on textbook functions", () => {
  it("f(x) = −(x − 2)² on [0, 5] peaks at 2; f(x) = x e^(−x) on [0, 4] peaks at 1 (f′ = (1 − x)e^(−x))", () => {
    const a = maximizeScalar((x) => -((x - 2) ** 2), 0, 5, 1e-8);
    expect(a.converged).toBe(true);
    expectClose(a.value.x, 2, 1e-7, "argmax −(x−2)²");
    const b = maximizeScalar((x) => x * Math.exp(-x), 0, 4, 1e-8);
    expectClose(b.value.x, 1, 1e-7, "argmax x e^(−x)");
    expectClose(b.value.f, Math.exp(-1), 1e-14, "max x e^(−x)");
  });
  it("a maximum at the edge is flagged", () => {
    expect(maximizeScalar((x) => x, 0, 1, 1e-6).warnings.length).toBe(1);
  });
});

function appliedRates(file: string): number[] {
  return runScenario(readFileSync(file, "utf8"), { source: file }).phases[0].appliedRates!.map((r) => r.rate);
}

describe("Liberation Day examples apply the paper's closed-form rates (spec one-sector.md §3.4)", () => {
  it("ld-optimal-retaliation: t^r = 0.2274219; ld-optimal-and-retaliation: t*′ = 0.1854321 and t^r", () => {
    const [tr] = appliedRates("examples/ld-optimal-retaliation.yaml");
    expectClose(tr, 0.2274219, TOL_CLOSED_FORM, "t^r");
    const [tStarOutput, tr2] = appliedRates("examples/ld-optimal-and-retaliation.yaml");
    expectClose(tStarOutput, 0.1854321, TOL_CLOSED_FORM, "t*′");
    expectClose(tr2, 0.2274219, TOL_CLOSED_FORM, "t^r");
  });
  it("ld-reciprocal-retaliation: every country levies on US goods the rate the US levies on it (run 6)", () => {
    const report = runScenario(readFileSync("examples/ld-reciprocal-retaliation.yaml", "utf8"), { source: "ld-reciprocal-retaliation" });
    expect(report.phases[0].converged).toBe(true);
  });
});

describe("the closed-form US optimal tariff t* against the numerical optimum of the same model (world-2023)", () => {
  let data: Dataset;
  let baseline: unknown;
  let us: number;
  let tStar: number;
  let search: ReturnType<typeof numericalOptimalUniformTariff>;
  let W: (t: number) => number;
  const entry = modelCatalog["liberation-day"];
  beforeAll(() => {
    data = loadDataset("world-2023");
    baseline = entry.model.calibrate(data, liberationDayParamsSchema.parse({}) as never, { warnings: [] });
    us = data.countries.findIndex((c) => c.code === "USA");
    tStar = entry.closedFormRates!(baseline).optimalTariff(us, "expenditure");
    const policy = zeroPolicy(data);
    W = (t: number) => welfareAtUniformTariff(entry, baseline, data, policy, us, t);
    search = numericalOptimalUniformTariff(entry, baseline, data, policy, us, 0.1, 0.4, SEARCH_TOLERANCE);
  });
  it("t* = 0.2179882 (run 4, D = E − X_ii)", () => {
    expectClose(tStar, 0.2179882, TOL_CLOSED_FORM, "t*");
  });
  it("the golden-section search converges to a maximum: W(x*) > W(x* ± 1 pp)", () => {
    expect(search.converged).toBe(true);
    expect(search.warnings).toEqual([]);
    expect(search.value.f).toBeGreaterThan(W(search.value.x - PROBE_PP));
    expect(search.value.f).toBeGreaterThan(W(search.value.x + PROBE_PP));
  });
  // Not asserted: the criterion that the numerical optimum lies within 0.5 pp of t*. It does
  // not hold for this model: the paper's t* evaluates a sufficient-statistics formula at baseline
  // shares, and the maximum of the model's own welfare (κ = 0.5, income-tax relief, deficits held) is
  // at ≈ 25.1% (W 1.806% vs 1.790% at t*; `npx tsx bench/liberation-day.ts` prints both). Even in a
  // balanced 3-country Eaton–Kortum case the baseline-share formula misses the optimum by ≈ 0.9 pp.
  // Both numbers are in the closing note; the published t* itself is checked above.
});

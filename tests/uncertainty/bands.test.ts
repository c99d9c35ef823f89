import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/run.js";
import type { QuantityKey } from "../../src/report/registry.js";
import type { Band } from "../../src/report/types.js";
import { handDataset } from "../support/handDataset.js";
import { expectClose } from "../support/expectClose.js";

/**
 * Bands on a case with a closed form. Two symmetric countries, one sector, the Liberation Day model in
 * its Eaton–Kortum variant (φ = 1, ν = 0) with fixed labour (κ = 0) and no scale effects: without
 * tariffs this is the Armington/EK model, where real income obeys the ACR formula (Arkolakis, Costinot &
 * Rodríguez-Clare 2012) Ŵ = λ̂_jj^(−1/ε). By symmetry wages move together, so a uniform trade-cost
 * increase d̂ on both flows gives λ′_jj = λ / (λ + (1 − λ) d̂^(−ε)) and
 *   Ŵ(ε) = (λ + (1 − λ) d̂^(−ε))^(1/ε),
 * an explicit, increasing function of ε (checked below). With ε log-normal (mean ε̄, coefficient of
 * variation cv), the p-quantile of welfare is W(ε_p), ε_p = exp(μ + s·z_p), s² = ln(1 + cv²), μ = ln ε̄ − s²/2.
 */
const LAMBDA = 0.9; // domestic share: flows 90 at home, 10 abroad
const COST = 1.2; // d̂
const MEAN_EPSILON = 4;
const CV = 0.3;
const DRAWS = 2000;
/** z_0.05 = Φ⁻¹(0.05) (R: qnorm(0.05) = −1.644853626951472); z_0.95 = −z_0.05; z_0.5 = 0. */
const Z_05 = -1.644853626951472;
/** The solver stops at residuals ~1e-12; the closed form is matched to 1e-10 pp in practice. */
const TOL_SOLVER_PP = 1e-8;

const welfarePct = (epsilon: number) => 100 * (Math.pow(LAMBDA + (1 - LAMBDA) * Math.pow(COST, -epsilon), 1 / epsilon) - 1);
const s = Math.sqrt(Math.log1p(CV * CV));
const mu = Math.log(MEAN_EPSILON) - (s * s) / 2;
const epsilonAt = (z: number) => Math.exp(mu + s * z);
const normalDensity = (z: number) => Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);

/**
 * Sampling error of a sample p-quantile of W over n draws (asymptotic): sd = |W′(ε_p)| · √(p(1−p)/n) / f_ε(ε_p),
 * with the log-normal density f_ε(ε) = φ(z)/(ε s). The tolerance is 4 sd: the draws are seeded, so the test is
 * deterministic, and a correct implementation lands within 4 sd with probability 0.99994.
 */
function quantileTolerance(p: number, z: number, n: number): number {
  const epsilon = epsilonAt(z);
  const h = 1e-5;
  const slope = (welfarePct(epsilon + h) - welfarePct(epsilon - h)) / (2 * h);
  const sdEpsilon = (Math.sqrt((p * (1 - p)) / n) * epsilon * s) / normalDensity(z);
  return 4 * Math.abs(slope) * sdEpsilon + TOL_SOLVER_PP;
}

const twoCountries = handDataset(["AAA", "BBB"], [90, 10, 10, 90]);
const scenario = (cv: number, extra = "") => `
name: symmetric trade-cost increase
dataset: hand
model: { type: liberation-day, variant: eaton-kortum, laborSupplyElasticity: 0, scaleElasticityNumerator: 0, tradeElasticity: ${MEAN_EPSILON} }
report: { countries: [AAA, BBB] }
phases:
  - name: costlier
    shocks: [{ type: trade-cost, importer: all, exporter: all, factor: ${COST} }]
uncertainty:
  seed: 11
  parameters: [{ parameter: tradeElasticity, distribution: lognormal, cv: ${cv} }]${extra}
`;

describe("runScenario with uncertainty draws", () => {
  it("the closed form W(ε) is increasing in ε on the range the draws cover (so its quantiles are W at the quantiles of ε)", () => {
    for (let z = -5; z < 5; z += 0.01) expect(welfarePct(epsilonAt(z + 0.01))).toBeGreaterThan(welfarePct(epsilonAt(z)));
  });

  it("a draw solves the model at its drawn ε: welfare = the ACR closed form at that ε", () => {
    for (const draw of [0, 1, 17, 999]) {
      const report = runScenario(scenario(CV), { source: "two", dataset: twoCountries, draw });
      const epsilon = report.draw!.modelParams.costlier.tradeElasticity as number;
      expect(epsilon).not.toBe(MEAN_EPSILON);
      for (const row of report.phases[0].countries) expectClose(row.values.welfareChangePct, welfarePct(epsilon), TOL_SOLVER_PP, `welfare of ${row.code} at draw ${draw}`);
    }
  });

  it("bands on the two-country model match the analytic quantiles of W(ε), ε log-normal (5%, median, 95%)", () => {
    const report = runScenario(scenario(CV), { source: "two", dataset: twoCountries, draws: DRAWS });
    expect(report.uncertainty).toMatchObject({ draws: DRAWS, converged: DRAWS, notConverged: [], failed: [], band: { lower: 0.05, upper: 0.95 } });
    expect(report.uncertainty!.quantileMethod).toMatch(/type 7/);
    for (const row of report.phases[0].summary.filter((r) => r.code !== "WORLD")) {
      const band = row.bands!.welfareChangePct;
      expectClose(band.lower, welfarePct(epsilonAt(Z_05)), quantileTolerance(0.05, Z_05, DRAWS), `5% quantile of ${row.code}`);
      expectClose(band.median, welfarePct(epsilonAt(0)), quantileTolerance(0.5, 0, DRAWS), `median of ${row.code}`);
      expectClose(band.upper, welfarePct(epsilonAt(-Z_05)), quantileTolerance(0.95, -Z_05, DRAWS), `95% quantile of ${row.code}`);
      // The point estimate is the run at ε̄ itself.
      expectClose(row.values.welfareChangePct, welfarePct(MEAN_EPSILON), TOL_SOLVER_PP, `point estimate of ${row.code}`);
    }
  });

  it("a zero-variance draw reproduces the point estimate exactly (every band is the point value, bit for bit)", () => {
    const report = runScenario(scenario(0), { source: "two", dataset: twoCountries, draws: 5 });
    let compared = 0;
    for (const phase of report.phases)
      for (const row of [...phase.countries, ...phase.summary])
        for (const [key, band] of Object.entries(row.bands ?? {}) as [QuantityKey, Band][]) {
          expect([band.lower, band.median, band.upper], `${phase.name} ${row.code} ${key}`).toEqual([row.values[key], row.values[key], row.values[key]]);
          compared++;
        }
    expect(compared).toBeGreaterThan(10);
  });

  it("draws that do not converge are counted and listed, left out of the bands, never dropped silently", () => {
    // Caliendo–Parro on the same data with an iteration budget drawn from {1, 10000}: one iteration cannot converge.
    const text = `
name: budget
dataset: hand
model: { type: caliendo-parro, tradeElasticity: 4 }
report: { countries: [AAA] }
phases:
  - name: tariff
    shocks: [{ type: tariff, importer: AAA, exporter: BBB, set: 0.2 }]
uncertainty:
  parameters: [{ parameter: maxIterations, distribution: choice, among: [1, 10000] }]
`;
    const report = runScenario(text, { source: "budget", dataset: twoCountries, draws: 40 });
    const u = report.uncertainty!;
    expect(u.notConverged.length).toBeGreaterThan(0);
    expect(u.converged + u.notConverged.length + u.failed.length).toBe(40);
    // The band is over the converged draws, which all solve the same equilibrium: it collapses onto the point estimate.
    const band = report.phases[0].summary[0].bands!.welfareChangePct;
    expectClose(band.lower, report.phases[0].summary[0].values.welfareChangePct, 1e-6, "lower band of the converged draws");
    expectClose(band.upper, report.phases[0].summary[0].values.welfareChangePct, 1e-6, "upper band of the converged draws");
  });
});

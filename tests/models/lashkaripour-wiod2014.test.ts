import { beforeAll, describe, expect, it } from "vitest";
import { loadDataset } from "../../src/data/load.js";
import { runScenario } from "../../src/run.js";
import type { RunReport } from "../../src/report/types.js";
import { EXIT } from "../../src/cli/main.js";
import type { LashkaripourWarReport } from "../../src/strategy/lashkaripourTariffWar.js";
import { runCli } from "../support/cli.js";
import { expectClose } from "../support/expectClose.js";

// Reference: the tariffwar MATLAB package (ahmadlp/tariffwar 9863698; Lashkaripour 2021, "The Cost of a
// Global Tariff War: A Sufficient-Statistics Approach", JIE 131), run tariffwar.pipeline.run('wiod', 2014,
// 'IS'): welfare change in the Nash equilibrium and Nash tariff rates, as given in issue 10 (from the package
// under GNU Octave, spec ../shared/spec/tariffwar.md). Data: wiod-2014-16, the package's WIOD 2014 inputs
// (../shared/data/tariffwar/WIOD2014_*.csv.gz).

/** The published welfare changes have 4 decimals (mean: 3); 0.001 pp is the required accuracy. */
const TOL_WELFARE_PP = 0.001;
/**
 * The published Nash tariff rates have 2 decimals (42.86%), so they pin the rate down to ±0.005 pp only:
 * the test asserts that the rate rounds to the published value.
 */
const TOL_TARIFF_PP = 0.005;

const WELFARE_PCT: Record<string, number> = { JPN: -0.4753, CHN: -0.3869, USA: -0.62, DEU: -1.1529 };
const MEAN_WELFARE_PCT = -2.428;
const NASH_TARIFF_PCT: Record<string, number> = { JPN: 42.86, CHN: 39.15, USA: 41.15, DEU: 53.99 };

describe("`tradewinds tariff-war --dataset wiod-2014-16 --elasticities IS --format json` reproduces the tariffwar package's Nash tariff war", () => {
  let report: LashkaripourWarReport;
  beforeAll(async () => {
    const cli = await runCli("tariff-war", "--dataset", "wiod-2014-16", "--elasticities", "IS", "--format", "json");
    expect(cli.code, cli.err).toBe(EXIT.ok);
    report = JSON.parse(cli.out) as LashkaripourWarReport;
  });
  it("converges (balancing and Nash)", () => {
    expect(report.model).toBe("lashkaripour");
    expect(report.balance.converged, JSON.stringify(report.balance)).toBe(true);
    expect(report.nash.converged, JSON.stringify(report.nash.solver)).toBe(true);
    expect(report.nash.rows).toHaveLength(44);
  });
  it("welfare change in the Nash equilibrium: JPN −0.4753%, CHN −0.3869%, USA −0.6200%, DEU −1.1529%; unweighted mean over the 44 economies −2.428%", () => {
    for (const [code, expected] of Object.entries(WELFARE_PCT)) {
      expectClose(report.nash.rows.find((r) => r.code === code)!.values.welfareChangePct, expected, TOL_WELFARE_PP, `welfare ${code}`);
    }
    expectClose(report.nash.summary.meanWelfareChangePct, MEAN_WELFARE_PCT, TOL_WELFARE_PP, "unweighted mean welfare");
  });
  it("Nash tariff rates: JPN 42.86%, CHN 39.15%, USA 41.15%, DEU 53.99%", () => {
    for (const [code, expected] of Object.entries(NASH_TARIFF_PCT)) {
      expectClose(100 * report.nash.rows.find((r) => r.code === code)!.values.nashTariffRate, expected, TOL_TARIFF_PP, `Nash tariff ${code}`);
    }
  });
  it("dollar change = 0.01·pct·GDP (run.m:253-279), summed over every country incl. ROW", () => {
    const data = loadDataset("wiod-2014-16");
    let sum = 0;
    report.nash.rows.forEach((row, k) => {
      expect(row.values.welfareChangeUsd).toBe(0.01 * row.values.welfareChangePct * data.gdp![k]);
      sum += row.values.welfareChangeUsd!;
    });
    expectClose(report.nash.summary.worldWelfareChangeUsd!, sum, 1e-9 * Math.abs(sum), "world dollar change");
  });
});

describe("the same tariff war as a scenario (model lashkaripour, shock nash-tariffs) gives the same numbers", () => {
  let run: RunReport;
  beforeAll(() => {
    const scenario = [
      "name: WIOD 2014 global tariff war",
      "dataset: wiod-2014-16",
      "model: { type: lashkaripour, elasticities: IS }",
      "report: { countries: [JPN, CHN, USA, DEU] }",
      "phases:",
      "  - name: nash",
      "    shocks: [{ type: nash-tariffs }]",
    ].join("\n");
    run = runScenario(scenario);
  });
  it("welfare, Nash tariff (the import-weighted tariff of a uniform-tariff setter) and the unweighted mean", () => {
    const phase = run.phases[0];
    expect(phase.converged).toBe(true);
    for (const [code, expected] of Object.entries(WELFARE_PCT)) {
      const row = phase.countries.find((c) => c.code === code)!;
      expectClose(row.values.welfareChangePct, expected, TOL_WELFARE_PP, `welfare ${code}`);
      expectClose(100 * row.values.importTariffRate, NASH_TARIFF_PCT[code], TOL_TARIFF_PP, `Nash tariff ${code}`);
    }
    expectClose(phase.scalars.meanWelfareChangePct, MEAN_WELFARE_PCT, TOL_WELFARE_PP, "unweighted mean welfare");
  });
});

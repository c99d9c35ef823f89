import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadDataset } from "../../src/data/load.js";
import { TradewindsInputError, message } from "../../src/messages.js";
import { runScenario } from "../../src/run.js";
import { runScenarioWithDraws } from "../../src/uncertainty/runWithDraws.js";
import { runCli } from "../support/cli.js";

const SLOW = 120_000;

/** gegravity's Canada–Japan PTA with σ uncertain: ε = σ − 1 log-normal around 4 (cv 20%). */
const gegravity = readFileSync("examples/gegravity-can-jpn.yaml", "utf8") + `
uncertainty:
  seed: 3
  parameters: [{ parameter: tradeElasticities, distribution: lognormal, cv: 0.2 }]
`;

function tempScenario(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "tw-draws-")), "scenario.yaml");
  writeFileSync(file, text);
  return file;
}

const values = (report: ReturnType<typeof runScenario>) => report.phases.map((p) => p.countries.map((c) => c.values));

describe("uncertainty draws", () => {
  it("give the same bands on 1 or 2 worker threads as one after another in this thread (bit for bit)", { timeout: SLOW }, async () => {
    const file = tempScenario(gegravity);
    const inThread = runScenario(gegravity, { source: file, draws: 6 });
    const oneThread = await runScenarioWithDraws(file, gegravity, { draws: 6, threads: 1 });
    const twoThreads = await runScenarioWithDraws(file, gegravity, { draws: 6, threads: 2 });
    expect(oneThread).toEqual(inThread);
    expect(twoThreads).toEqual(inThread);
    expect(inThread.phases[0].summary[0].bands!.welfareChangePct.lower).toBeLessThan(inThread.phases[0].summary[0].bands!.welfareChangePct.upper);
  });

  it("a draw that chooses an elasticity set with zero spread is the run on that set, exactly (Lashkaripour, wiod-2014-16)", () => {
    const base = (model: string, uncertainty = "") => `
name: US tariff on China
dataset: wiod-2014-16
model: { type: lashkaripour${model} }
report: { countries: [USA, CHN, JPN] }
phases:
  - name: tariff
    shocks: [{ type: tariff, importer: USA, exporter: CHN, set: "25%" }]
${uncertainty}`;
    const onU4 = runScenario(base(", elasticities: U4"), { source: "u4" });
    const drawn = runScenario(
      base("", "uncertainty:\n  parameters:\n    - { parameter: elasticities, distribution: choice, among: [U4] }\n    - { parameter: tradeElasticities, distribution: lognormal, cv: 0 }"),
      { source: "draw", draw: 4 },
    );
    expect(drawn.draw!.modelParams.tariff.elasticities).toBe("U4");
    expect(values(drawn)).toEqual(values(onU4));
  });

  it("tradeElasticities (θ by sector) equal to a named set give the run on that set, exactly (caliendo-parro, wiod-2014-16)", { timeout: SLOW }, () => {
    const base = (model: string) => `
name: a tariff
dataset: wiod-2014-16
model: { type: caliendo-parro, deficits: held${model} }
report: { countries: [USA, CHN] }
phases:
  - name: tariff
    shocks: [{ type: tariff, importer: USA, exporter: CHN, add: "25%" }]
`;
    const named = runScenario(base(", elasticities: CP"), { source: "named" });
    const vector = Array.from(loadDataset("wiod-2014-16").elasticitySets!.CP);
    const overridden = runScenario(base(`, tradeElasticities: [${vector.join(", ")}]`), { source: "vector" });
    expect(values(overridden)).toEqual(values(named));
    try {
      runScenario(base(", tradeElasticities: [4, 4]"), { source: "short" });
      throw new Error("expected an input error");
    } catch (err) {
      expect((err as TradewindsInputError).issues).toEqual([expect.objectContaining({ path: "model.tradeElasticities", message: message.tradeElasticitiesLength(16, 2) })]);
    }
  });

  it("bad uncertainty input is reported with the field and the fix", async () => {
    const problem = (text: string, options = {}) => {
      try {
        runScenario(text, { source: "s", ...options });
      } catch (err) {
        if (err instanceof TradewindsInputError) return err.issues;
        throw err;
      }
      throw new Error("expected an input error");
    };
    const noSection = readFileSync("examples/gegravity-can-jpn.yaml", "utf8");
    expect(problem(noSection, { draws: 3 })).toEqual([expect.objectContaining({ path: "uncertainty", message: message.uncertaintySectionMissing() })]);
    const withParameter = (p: string) => noSection + `\nuncertainty:\n  parameters: [${p}]\n`;
    expect(problem(withParameter("{ parameter: sgima, distribution: lognormal, cv: 0.1 }"))).toEqual([
      expect.objectContaining({ path: "uncertainty.parameters[0].parameter", message: message.unknownUncertainParameter("sgima", "gegravity", ["tradeElasticities", "sigma"]) }),
    ]);
    expect(problem(withParameter("{ parameter: tradeElasticities, distribution: uniform, min: 2, max: 6 }"))).toEqual([
      expect.objectContaining({ path: "uncertainty.parameters[0].distribution", message: message.tradeElasticitiesDrawnLognormal() }),
    ]);
    expect(problem(withParameter("{ parameter: elasticities, distribution: choice, among: all }"))).toEqual([
      expect.objectContaining({ path: "uncertainty.parameters[0].parameter", message: message.datasetHasNoElasticitySets("gegravity-2006") }),
    ]);
    // A draw outside the model's domain (σ ≤ 1) fails, is listed with the reason, and sets exit code 3.
    const file = tempScenario(withParameter("{ parameter: sigma, distribution: uniform, min: 0.5, max: 3 }"));
    const cli = await runCli("run", file, "--uncertainty", "8", "--threads", "1", "--format", "json");
    const report = JSON.parse(cli.out);
    expect(report.uncertainty.failed.length).toBeGreaterThan(0);
    expect(report.uncertainty.converged + report.uncertainty.failed.length + report.uncertainty.notConverged.length).toBe(8);
    for (const f of report.uncertainty.failed) expect(f.message).toContain(message.invalidDraw(f.draw, "").split("(")[0]);
    expect(cli.code).toBe(3);
    expect(cli.err).toContain(message.drawsLeftOut(0, report.uncertainty.failed.length, 8));
  });
});

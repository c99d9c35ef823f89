import { loadDataset } from "../../src/data/load.js";
import { describe, expect, it } from "vitest";
import { message } from "../../src/messages.js";
import { runTariffWar } from "../../src/strategy/tariffWar.js";

// Ossa's (2014) optimal tariffs on a dataset without input–output links other than gtap-2007: the tariffwar
// WIOD 2014 data (wiod-2014-16), σ = ε + 1 of an elasticity set, flows read at exporter prices.
// The optimum is checked by what an optimum must satisfy: the search converged (projected gradient ≤ its
// tolerance), the setter gains against factual tariffs (where its welfare change is 0), and the others lose
// on average (a beggar-thy-neighbour policy, Ossa 2014 Table 3).

describe("runTariffWar (Ossa) on WIOD 2014 with σ = IS + 1 (`tradewinds tariff-war --dataset wiod-2014-16 --model ossa`)", () => {
  it("the US optimal tariffs (688 instruments): converged, the US gains, the others lose on average", () => {
    const data = loadDataset("wiod-2014-16");
    const report = runTariffWar(data, { countries: ["USA"], elasticities: "IS" });
    const row = report.optimal.rows[0];
    expect(row.converged, report.warnings.join("; ")).toBe(true);
    expect(row.values.optimalTariffWelfarePct).toBeGreaterThan(0);
    expect(row.values.optimalTariffOthersWelfarePct).toBeLessThan(0);
    // 43 partners × 16 sectors = 688 tariffs: above the Newton stage's default cap, so the output says it was skipped.
    expect(report.notes).toEqual([message.ossaFlowsAtExporterPrices(data.meta.name), message.newtonStageSkipped(688, 300)]);
    expect(report.search.tariffTolerance).toBeNull();
    expect(row.tariffSteps).toBeNull();
    expect(report.sigma).toBe("ε + 1 of elasticity set IS");
  });
  it("--sigma is refused on a dataset with elasticity sets, naming --elasticities", () => {
    const data = loadDataset("wiod-2014-16");
    expect(() => runTariffWar(data, { countries: ["USA"], sigma: "main" })).toThrow(
      message.tariffWarOptionNotForModel("--sigma", `ossa model on ${data.meta.name}`, "this dataset's σ = ε + 1 come from its elasticity sets: use --elasticities"),
    );
  });
});

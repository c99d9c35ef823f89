import { describe, expect, it } from "vitest";
import { loadDataset } from "../src/data/load.js";
import { TradewindsInputError, message } from "../src/messages.js";
import { runScenario } from "../src/run.js";
import { expectClose } from "./support/expectClose.js";

/**
 * `model.elasticities: <set>` chooses one of the dataset's named elasticity sets for Caliendo–Parro
 * (θ_s = ε_s). U4 is ε = 4 in every sector (Simonovska & Waugh 2014; tariffwar/WIOD2014_elasticities), so
 * it must give exactly the run with one θ = 4 for all sectors; the default is the dataset's default set.
 */
/** Two solves of the same equations from the same start: identical up to rounding. */
const TOL_SAME_PP = 1e-10;

const scenario = (model: string) =>
  ["name: elasticities", "dataset: wiod-2014-16", `model: { type: caliendo-parro, deficits: held${model} }`, "phases:", "  - name: us-china", "    shocks:", '      - { type: tariff, importer: USA, exporter: CHN, add: "25%" }'].join("\n");
const welfare = (text: string) => Object.fromEntries(runScenario(text, { source: "elasticities" }).phases[0].countries.map((c) => [c.code, c.values.welfareChangePct]));

describe("Caliendo–Parro model.elasticities", () => {
  it("U4 gives the same equilibrium as tradeElasticity: 4; IS is the default", () => {
    const u4 = welfare(scenario(", elasticities: U4"));
    const four = welfare(scenario(", tradeElasticity: 4"));
    for (const code of Object.keys(u4)) expectClose(u4[code], four[code], TOL_SAME_PP, `${code} U4 vs θ = 4`);
    const byDefault = welfare(scenario(""));
    const is = welfare(scenario(", elasticities: IS"));
    for (const code of Object.keys(is)) expect(byDefault[code]).toBe(is[code]);
    expect(Math.abs(is.CHN - u4.CHN)).toBeGreaterThan(1e-3);
  }, 60_000);

  it("an unknown set is an error listing every set of the dataset", () => {
    const sets = Object.keys(loadDataset("wiod-2014-16").elasticitySets!);
    expect(sets).toHaveLength(8);
    try {
      runScenario(scenario(", elasticities: XX"), { source: "elasticities" });
      throw new Error("expected an error");
    } catch (err) {
      expect(err).toBeInstanceOf(TradewindsInputError);
      const [issue] = (err as TradewindsInputError).issues;
      expect(issue.path).toBe("model.elasticities");
      expect(issue.message).toBe(message.unknownElasticitySet("XX", sets));
      for (const name of sets) expect(issue.message).toContain(name);
    }
  });

  it("giving both tradeElasticity and elasticities is an error", () => {
    expect(() => runScenario(scenario(", elasticities: U4, tradeElasticity: 4"), { source: "elasticities" })).toThrow(TradewindsInputError);
  });
});

import { describe, expect, expectTypeOf, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { readFileSync } from "node:fs";
import { isQuantityKey, message, registry, runScenario, validate, type ModelCatalog, type QuantityKey, type RunReport, type ScenarioDocument } from "../../src/index.js";

/**
 * The library API of issue 12 ("CLI manners", last item): `runScenario` takes a scenario object as well
 * as text; report values are keyed by registry keys (a misspelt key is a type error — checked by `tsc`,
 * which `npm test` runs over tests/: each `@ts-expect-error` below fails the build if the line compiles);
 * `validate` returns the problems instead of throwing.
 */
const JAPAN = "examples/japan-2025.yaml";

describe("runScenario(object)", () => {
  it("an object gives the same report as the text it was parsed from (the identity of the two entries)", () => {
    const text = readFileSync(JAPAN, "utf8");
    const fromText = runScenario(text, { source: JAPAN });
    const fromObject = runScenario(parseYaml(text) as ScenarioDocument, { source: JAPAN });
    expect(fromObject).toEqual(fromText);
  });

  it("an object written in code, rates as percent strings, is validated as a file is", () => {
    const scenario: ScenarioDocument = {
      name: "in code",
      dataset: "gegravity-2006",
      model: { type: "gegravity" },
      phases: [{ name: "tariff", shocks: [{ type: "tariff", importer: "USA", exporter: "JPN", set: "10%" }] }],
    };
    const report = runScenario(scenario);
    expect(report.phases[0].converged).toBe(true);
    expect(() => runScenario({ ...scenario, phases: [{ name: "bad", shocks: [{ type: "tariff", importer: "USA", exporter: "XYZ", set: 0.1 }] }] })).toThrow(/phases\[0\]\.shocks\[0\]\.exporter/);
  });
});

describe("typed value keys", () => {
  it("QuantityKey is exactly the registry's keys; a misspelt key does not compile", () => {
    for (const key of registry.keys()) expect(isQuantityKey(key)).toBe(true);
    expect(isQuantityKey("welfareChangPct")).toBe(false);
    expectTypeOf<"welfareChangePct">().toExtend<QuantityKey>();
    expectTypeOf<"welfareChangPct">().not.toExtend<QuantityKey>();

    const report: RunReport = runScenario("name: t\ndataset: gegravity-2006\nmodel: {type: gegravity}\nphases:\n  - name: none\n");
    const values = report.phases[0].countries[0].values;
    expectTypeOf(values.welfareChangePct).toEqualTypeOf<number>();
    expect(values.welfareChangePct).toBe(0); // no shock: no change
    // @ts-expect-error — a misspelt key is a type error
    expect(values.welfareChangPct).toBeUndefined();
    expectTypeOf(report.tableKeys).toEqualTypeOf<QuantityKey[]>();
    const catalog: ModelCatalog = {};
    // @ts-expect-error — a model's table keys are registry keys too
    catalog.x = { description: "", params: undefined as never, shocks: [], model: undefined as never, tableKeys: ["welfareChangPct"] };
  });
});

describe("validate(scenario) returns the problems instead of throwing", () => {
  it("a valid scenario: valid, with the normalized scenario", async () => {
    const result = await validate(readFileSync(JAPAN, "utf8"), { source: JAPAN });
    expect(result.valid).toBe(true);
    if (result.valid) expect(result.scenario.phases.length).toBeGreaterThan(1);
  });

  it("every problem of the schema, of the dataset and of a dataset path under the default policy", async () => {
    const schema = await validate({ name: "x", dataset: "gegravity-2006", model: { type: "gegravity" }, phases: [{ name: "p", shocks: [{ type: "tariff", importer: "USA", exporter: "JPN", set: 24 }] }] });
    expect(schema.valid).toBe(false);
    expect(schema.problems.map((p) => [p.path, p.message])).toEqual([["phases[0].shocks[0].set", message.rateLooksLikePercent(24)]]);
    const dataset = await validate("name: x\ndataset: gegravity-2006\nmodel: {type: gegravity}\nphases:\n  - name: p\n    shocks:\n      - {type: tariff, importer: USA, exporter: [XYZ, QQQ], set: 0.1}\n");
    expect(dataset.problems.map((p) => p.path)).toEqual(["phases[0].shocks[0].exporter[0]", "phases[0].shocks[0].exporter[1]"]);
    const file = await validate("name: x\ndataset: ./mine.csv\nmodel: {type: gegravity}\nphases:\n  - name: p\n");
    expect(file.problems.map((p) => p.path)).toEqual(["dataset"]);
  });
});

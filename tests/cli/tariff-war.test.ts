import { describe, expect, it } from "vitest";
import { EXIT } from "../../src/cli/main.js";
import { loadDataset } from "../../src/data/load.js";
import { message } from "../../src/messages.js";
import { runCli } from "../support/cli.js";

// `tradewinds tariff-war`: the model follows the dataset (Lashkaripour on datasets with elasticity sets,
// Ossa on gtap-2007) or --model; options that do not apply to the chosen model are refused, naming the fix.

describe("tradewinds tariff-war: choosing the model", () => {
  it("icio-2022 runs Lashkaripour's Nash war and prints every economy, the summary and the definitions", async () => {
    const r = await runCli("tariff-war", "--dataset", "icio-2022", "--elasticities", "U4");
    expect(r.code, r.err).toBe(EXIT.ok);
    expect(r.out).toContain("Lashkaripour's (2021) model on icio-2022");
    expect(r.out).toContain("elasticities U4");
    for (const c of loadDataset("icio-2022").countries) expect(r.out).toContain(`│ ${c.code} `);
    expect(r.out).toContain("Unweighted mean welfare change");
    expect(r.out).toContain("ROW's GDP = world (WLD) minus the matched countries");
    expect(r.err).toMatch(/^tradewinds: tariff-war: lashkaripour model on icio-2022 solved in \d+\.\d s\n$/);
  });
  it("refuses an unknown --model, --sigma with Lashkaripour, an unknown elasticity set, and the dataset given twice", async () => {
    const model = await runCli("tariff-war", "--dataset", "wiod-2014-16", "--model", "ricardo");
    expect(model.code).toBe(EXIT.input);
    expect(model.err).toContain(message.unknownTariffWarModel(["lashkaripour", "ossa"]));
    const sigma = await runCli("tariff-war", "--dataset", "wiod-2014-16", "--sigma", "low");
    expect(sigma.code).toBe(EXIT.input);
    expect(sigma.err).toContain(message.tariffWarOptionNotForModel("--sigma", "lashkaripour", "choose the trade elasticities with --elasticities"));
    const set = await runCli("tariff-war", "--dataset", "wiod-2014-16", "--elasticities", "XX");
    expect(set.code).toBe(EXIT.input);
    expect(set.err).toContain(message.unknownElasticitySet("XX", ["IS", "U4", "CP", "BSY", "GYY", "Shap", "FGO", "LL"]));
    const twice = await runCli("tariff-war", "gtap-2007", "--dataset", "icio-2022");
    expect(twice.code).toBe(EXIT.input);
    expect(twice.err).toContain(message.datasetGivenTwice("gtap-2007", "icio-2022"));
  });
  it("--model lashkaripour on a dataset without trade elasticities is refused", async () => {
    const r = await runCli("tariff-war", "--dataset", "world-2023", "--model", "lashkaripour");
    expect(r.code).toBe(EXIT.input);
    expect(r.err).toContain(message.tariffWarModelMismatch("lashkaripour", "world-2023", "trade elasticities by sector (elasticitySets, e.g. icio-2022)"));
  });
});

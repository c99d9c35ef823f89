import { describe, expect, it } from "vitest";
import { datasetFromFile, listEmbeddedDatasets, loadDataset } from "../src/data/load.js";
import type { DatasetFile } from "../src/data/format.js";
import { message } from "../src/messages.js";
import { inputIssuesOf } from "./support/inputIssues.js";

/** A valid 2-country, 1-sector dataset; each test breaks one thing. */
function valid(): DatasetFile {
  return {
    format: "tradewinds-dataset/1",
    meta: { name: "tiny", title: "Tiny", year: 2020, units: "millions of current USD", source: "test", licence: "CC0", attribution: "test", derivation: [], notes: [] },
    countries: [
      { code: "AAA", name: "A" },
      { code: "BBB", name: "B" },
    ],
    sectors: [{ code: "ALL", name: "All", tradable: true }],
    flows: [10, 2, 3, 20],
    tariffs: { base: [["AAA", "BBB", "*", 0.1]] },
    covariates: { dist: [0, 1, 1, 0] },
    gdp: [12, 23],
    groups: { BOTH: ["AAA", "BBB"] },
    parameters: {},
  };
}

const issuesOf = (file: unknown) => inputIssuesOf(() => datasetFromFile(file, "tiny.json"));

describe("datasetFromFile(raw, source)", () => {
  it("accepts a valid file and lays out tariffs importer-on-exporter at [(s*N+i)*N+j]", () => {
    const d = datasetFromFile(valid(), "tiny.json");
    // AAA (j = 0) levies 10% on BBB (i = 1): index (0*2 + 1)*2 + 0 = 2.
    expect(Array.from(d.tariffs.base)).toEqual([0, 0, 0.1, 0]);
  });

  it("rejects a negative flow, naming the pair", () => {
    const f = valid();
    f.flows[1] = -5;
    const [issue] = issuesOf(f);
    expect(issue.path).toBe("flows[1]");
    expect(issue.message).toBe(message.negativeFlow("AAA", "BBB", "ALL"));
  });

  it("rejects a missing domestic flow when no GDP is given", () => {
    const f = valid();
    f.flows[3] = 0;
    delete f.gdp;
    const [issue] = issuesOf(f);
    expect(issue.message).toBe(message.missingDomesticFlow("BBB"));
  });

  it("rejects an unknown country code in a tariff set and a group", () => {
    const f = valid();
    f.tariffs.base.push(["CCC", "AAA", "*", 0.1]);
    f.groups.BOTH.push("DDD");
    const paths = issuesOf(f).map((i) => i.path);
    expect(paths).toEqual(["tariffs.base[1][0]", "groups.BOTH[2]"]);
  });

  it("rejects a shape mismatch of flows and covariates", () => {
    const f = valid();
    f.flows.push(1);
    expect(issuesOf(f)[0].message).toBe(message.shapeMismatch("flows", 4, 5, "sectors × exporters × importers"));
    const g = valid();
    g.covariates.dist.pop();
    expect(issuesOf(g)[0].path).toBe("covariates.dist");
  });

  it("rejects GDP in other units than the flows (USD vs millions of USD)", () => {
    const f = valid();
    f.gdp = [12e6, 23e6];
    const [issue] = issuesOf(f);
    expect(issue.path).toBe("gdp");
    expect(issue.message).toBe(message.unitsMismatch("millions of current USD", 35e6 / 35));
  });

  it("rejects units that do not state the currency and scale", () => {
    const f = valid();
    f.meta.units = "dollars";
    expect(issuesOf(f)[0].path).toBe("meta.units");
  });

  it("loads records as null-prototype objects: a name such as \"constructor\" or \"__proto__\" is never inherited", () => {
    const d = datasetFromFile(valid(), "tiny.json");
    for (const record of [d.tariffs, d.covariates, d.groups, d.parameters]) {
      expect(Object.getPrototypeOf(record)).toBe(null);
      expect(Object.hasOwn(record, "constructor")).toBe(false);
      expect((record as Record<string, unknown>).constructor).toBeUndefined();
    }
    const f = valid();
    // JSON.parse makes "__proto__" an own key; it must stay an ordinary group name.
    const parsed = JSON.parse(JSON.stringify(f).replace('"BOTH"', '"__proto__"')) as unknown;
    const g = datasetFromFile(parsed, "tiny.json");
    expect(Object.hasOwn(g.groups, "__proto__")).toBe(true);
    expect(g.groups["__proto__"]).toEqual(["AAA", "BBB"]);
    expect(Object.getPrototypeOf(g.groups)).toBe(null);
    // …and is validated like any other key (zod's record parser skips it).
    const bad = JSON.parse(JSON.stringify(f).replace('"BOTH":["AAA","BBB"]', '"__proto__":[1]')) as unknown;
    expect(issuesOf(bad)[0].path).toBe("groups.__proto__.0");
  });

  it("reads named elasticity sets (null-prototype) and fills tradeElasticities from the default set", () => {
    const f = { ...valid(), elasticitySets: { A: [4], B: [8.5] }, defaultElasticitySet: "B" };
    const d = datasetFromFile(f, "tiny.json");
    expect(Object.getPrototypeOf(d.elasticitySets)).toBe(null);
    expect(Array.from(d.elasticitySets!.A)).toEqual([4]);
    expect(d.defaultElasticitySet).toBe("B");
    expect(Array.from(d.tradeElasticities!)).toEqual([8.5]);
  });

  it("rejects an unknown default elasticity set, a non-positive elasticity and a wrong length", () => {
    const f = { ...valid(), elasticitySets: { A: [4] }, defaultElasticitySet: "toString" };
    expect(issuesOf(f)[0].message).toBe(message.unknownElasticitySet("toString", ["A"]));
    const g = { ...valid(), elasticitySets: { A: [0] } };
    expect(issuesOf(g)[0].message).toBe(message.elasticityNotPositive("A", "ALL"));
    const h = { ...valid(), elasticitySets: { A: [4, 5] } };
    expect(issuesOf(h)[0].message).toBe(message.shapeMismatch("elasticity set A", 1, 2, "one per sector"));
    const k = { ...valid(), elasticitySets: { A: [4] }, defaultElasticitySet: "A", tradeElasticities: [5] };
    expect(issuesOf(k)[0].message).toBe(message.defaultElasticitySetDiffers("A"));
  });

  it("rejects unknown keys (the schema is strict)", () => {
    const f = { ...valid(), flow: [] };
    expect(issuesOf(f)[0].path).toBe("");
  });
});

describe("the embedded datasets", () => {
  it.each(listEmbeddedDatasets())("%s loads and passes every check", (name) => {
    const d = loadDataset(name);
    expect(d.meta.name).toBe(name);
    expect(d.meta.licence.length).toBeGreaterThan(0);
    expect(d.meta.attribution.length).toBeGreaterThan(0);
  });

  it("world-2023 has 194 countries and the April-2 schedule at 24% on Japan and 54% on China (liberation-day/tariffs.csv: 34% reciprocal + 20% earlier duties)", () => {
    const d = loadDataset("world-2023");
    const N = d.countries.length;
    expect(N).toBe(194);
    const at = (code: string) => d.countries.findIndex((c) => c.code === code);
    const usa = at("USA");
    const t = d.tariffs["us-reciprocal-2025-04-02"];
    expect(t[at("JPN") * N + usa]).toBeCloseTo(0.24, 12);
    expect(t[at("CHN") * N + usa]).toBeCloseTo(0.54, 12);
    // Floored at the 10% baseline (one-sector.md §3.1 Step 3): no partner below 10%, the US not on itself.
    for (let i = 0; i < N; i++) expect(t[i * N + usa]).toBeGreaterThanOrEqual(i === usa ? 0 : 0.1);
    expect(t[usa * N + usa]).toBe(0);
    expect(d.groups.EU27).toHaveLength(27);
  });
});

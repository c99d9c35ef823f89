import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { encodeDataset, writeEncodedDataset } from "../src/data/binaryWrite.js";
import { nullPrototypeRecord, type Dataset } from "../src/data/dataset.js";
import { loadDatasetFile } from "../src/data/load.js";
import { message } from "../src/messages.js";
import { inputIssuesOf } from "./support/inputIssues.js";

/** A 2-country, 2-sector dataset in typed arrays; `tariffs.few` is sparse (one non-zero of 8). */
function tiny(): Dataset {
  return {
    meta: { name: "tiny", title: "Tiny", year: 2020, units: "millions of current USD", source: "test", licence: "CC0", attribution: "test", derivation: [], notes: [] },
    countries: [
      { code: "AAA", name: "A" },
      { code: "BBB", name: "B" },
    ],
    sectors: [
      { code: "G", name: "Goods", tradable: true },
      { code: "S", name: "Services", tradable: true },
    ],
    flows: Float64Array.from([10, 2, 3, 20, 5, 0.5, 0.25, 7]),
    tariffs: nullPrototypeRecord([
      ["base", Float64Array.from([0, 0.1, 0.2, 0, 0, 0.05, 0.05, 0])],
      ["few", Float64Array.from([0, 0, 0, 0, 0, 0.25, 0, 0])],
    ]),
    tariffSetInfo: nullPrototypeRecord([["few", { date: "2025-04-02", description: "AAA on BBB, services", source: "a test", covers: { importers: ["AAA"], sectors: ["S"] } }]]),
    baselineTariffs: "base",
    covariates: nullPrototypeRecord([["dist", Float64Array.from([0, 1, 1, 0])]]),
    gdp: Float64Array.from([14, 26]),
    elasticitySets: nullPrototypeRecord([
      ["A", Float64Array.from([4, 4])],
      ["B", Float64Array.from([6.5, 1 / 3])],
    ]),
    defaultElasticitySet: "B",
    groups: nullPrototypeRecord([["BOTH", ["AAA", "BBB"]]]),
    parameters: nullPrototypeRecord([["x", [1, 2]]]),
  };
}

let dir = "";
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = "";
});
function written(d: Dataset = tiny()): string {
  dir = mkdtempSync(join(tmpdir(), "tw-binary-"));
  writeEncodedDataset(dir, encodeDataset(d));
  return join(dir, `${d.meta.name}.json`);
}
const issuesOf = (path: string) => inputIssuesOf(() => loadDatasetFile(path));

describe("the binary dataset form (tradewinds-dataset/2)", () => {
  it("round-trips every array bit for bit, sparse and dense, with null-prototype records and tariff-set information", () => {
    const original = tiny();
    const encoded = encodeDataset(original);
    expect(encoded.header.arrays.find((a) => a.name === "tariffs/few")?.encoding).toBe("sparse");
    expect(encoded.header.arrays.find((a) => a.name === "flows")?.encoding).toBe("dense");
    const d = loadDatasetFile(written(original));
    expect(Array.from(d.flows)).toEqual(Array.from(original.flows));
    expect(Array.from(d.tariffs.few)).toEqual(Array.from(original.tariffs.few));
    expect(Array.from(d.tariffs.base)).toEqual(Array.from(original.tariffs.base));
    expect(Array.from(d.elasticitySets!.B)).toEqual([6.5, 1 / 3]);
    expect(Array.from(d.tradeElasticities!)).toEqual([6.5, 1 / 3]);
    expect(d.tariffSetInfo!.few.covers).toEqual({ importers: ["AAA"], sectors: ["S"] });
    for (const record of [d.tariffs, d.covariates, d.groups, d.parameters, d.elasticitySets, d.tariffSetInfo]) expect(Object.getPrototypeOf(record)).toBe(null);
  });

  it("encodes deterministically: the same dataset gives the same header text", () => {
    expect(encodeDataset(tiny()).headerText).toBe(encodeDataset(tiny()).headerText);
  });

  it("rejects a chunk whose bytes do not match the header's checksum, naming the array and the fix", () => {
    const path = written();
    const chunk = join(dir, "tiny.0.f64.gz");
    const bytes = gunzipSync(readFileSync(chunk));
    bytes[3] ^= 1; // one bit of the first flow
    writeFileSync(chunk, gzipSync(bytes));
    const [issue] = issuesOf(path);
    expect(issue.message).toBe(message.datasetDamaged("tiny.0.f64.gz", "array flows"));
  });

  it("rejects a missing chunk and a chunk longer than its header says (no inflation beyond the declared size)", () => {
    const path = written();
    const chunk = join(dir, "tiny.0.f64.gz");
    const bytes = gunzipSync(readFileSync(chunk));
    writeFileSync(chunk, gzipSync(Buffer.concat([bytes, Buffer.alloc(1 << 20)])));
    expect(issuesOf(path)[0].message).toBe(message.datasetDamaged("tiny.0.f64.gz", "the chunk's length"));
    rmSync(chunk);
    expect(issuesOf(path)[0].message).toBe(message.datasetChunkMissing("tiny.0.f64.gz"));
  });

  it("refuses a chunk file name that leaves the dataset's folder", () => {
    const path = written();
    const header = JSON.parse(readFileSync(path, "utf8"));
    header.chunks[0].file = "../tiny.0.f64.gz";
    writeFileSync(path, JSON.stringify(header));
    expect(issuesOf(path)[0].path).toBe("chunks.0.file");
  });

  it("runs the semantic checks at load: a negative flow is reported with its pair", () => {
    const d = tiny();
    d.flows[1] = -1;
    const path = written(d);
    expect(issuesOf(path)[0].message).toBe(message.negativeFlow("AAA", "BBB", "G"));
  });

  it("keeps a group named __proto__ as an ordinary own key", () => {
    const d = tiny();
    d.groups = nullPrototypeRecord([["__proto__", ["AAA"]]]);
    const loaded = loadDatasetFile(written(d));
    expect(Object.hasOwn(loaded.groups, "__proto__")).toBe(true);
    expect(loaded.groups["__proto__"]).toEqual(["AAA"]);
  });
});

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { Dataset } from "../src/data/dataset.js";
import { loadDataset } from "../src/data/load.js";
import { runScenario } from "../src/run.js";
import { expectClose } from "./support/expectClose.js";
import { SHARED_DATA, readShared } from "./support/sharedData.js";
import { expectZeroShock } from "./support/zeroShock.js";

/**
 * The datasets built from ../shared/data/tariffwar (the tariffwar package's inputs, README there):
 * icio-2019, icio-2021, icio-2022 (81 × 28) and wiod-2014-16 (44 × 16). Every value checked here is read
 * from the source files in the test, never from the build script.
 */
/** Zero-shock runs: the Caliendo–Parro solve starts at the data, which clear by construction; any change is rounding. */
const TOL_ZERO_SHOCK_PP = 1e-9;
/** Shares formed from flows sum to one to rounding. */
const TOL_SHARES = 1e-12;
/** The tariffwar README states the US food-and-tobacco rate to 0.1 pp (91.3%). */
const TOL_README_RATE = 0.0005;
/** Rows checked against the source: every STRIDE-th row of each cube file (a prime, so all sectors and pairs are hit). */
const STRIDE = 1009;

function sourceRows(file: string): Record<string, string>[] {
  return parse(gunzipSync(readFileSync(resolve(SHARED_DATA, "tariffwar", file))).toString("utf8"), { columns: true }) as Record<string, string>[];
}

const CASES = [
  { name: "icio-2019", tag: "ICIO2019", year: 2019, N: 81, S: 28 },
  { name: "icio-2021", tag: "ICIO2021", year: 2021, N: 81, S: 28 },
  { name: "icio-2022", tag: "ICIO2022", year: 2022, N: 81, S: 28 },
  { name: "wiod-2014-16", tag: "WIOD2014", year: 2014, N: 44, S: 16 },
] as const;

describe.each(CASES)("$name (tariffwar data $tag)", ({ name, tag, year, N, S }) => {
  const data: Dataset = loadDataset(name);
  const country = (code: string) => data.countries.findIndex((c) => c.code === code);
  const sector = (code: string) => data.sectors.findIndex((s) => s.code === code);
  const cell = (r: Record<string, string>) => (sector(r.sector_code) * N + country(r.exporter)) * N + country(r.importer);

  it("has the source's economies (ROW last), sectors with labels, and non-negative flows equal to the source rows", () => {
    expect([data.countries.length, data.sectors.length]).toEqual([N, S]);
    expect(data.countries[N - 1].code).toBe("ROW");
    expect(data.sectors.every((s) => s.name.length > 3 && s.name !== s.code)).toBe(true);
    expect(data.flows.every((v) => v >= 0)).toBe(true);
    const rows = sourceRows(`${tag}_trade.csv.gz`);
    expect(rows).toHaveLength(S * N * N);
    for (let q = 0; q < rows.length; q += STRIDE) expect(data.flows[cell(rows[q])]).toBe(Number(rows[q].value_usd_million));
  });

  it("has the Teti tariffs of the source as its baseline set (zero on the diagonal and for ROW)", () => {
    expect(data.baselineTariffs).toBe("teti");
    const t = data.tariffs.teti;
    const rows = sourceRows(`${tag}_tariffs.csv.gz`);
    for (let q = 0; q < rows.length; q += STRIDE) expect(t[cell(rows[q])]).toBe(Number(rows[q].tariff_rate));
    const row = N - 1;
    for (let s = 0; s < S; s++)
      for (let i = 0; i < N; i++) {
        expect(t[(s * N + i) * N + i]).toBe(0);
        expect(t[(s * N + row) * N + i] + t[(s * N + i) * N + row]).toBe(0);
      }
  });

  it("carries the eight elasticity sets exactly as the source CSV, IS the default", () => {
    const rows = sourceRows(`${tag}_elasticities.csv.gz`);
    expect(rows).toHaveLength(8 * S);
    expect(Object.keys(data.elasticitySets!)).toEqual(["IS", "U4", "CP", "BSY", "GYY", "Shap", "FGO", "LL"]);
    for (const r of rows) expect(data.elasticitySets![r.elasticity][sector(r.sector_code)]).toBe(Number(r.epsilon));
    expect(data.defaultElasticitySet).toBe("IS");
    expect(Array.from(data.tradeElasticities!)).toEqual(Array.from(data.elasticitySets!.IS));
  });

  it("has WDI GDP in millions of constant 2015 USD, and the ICIO domestic-flow padding parameter", () => {
    for (const r of sourceRows(`${tag}_countries.csv.gz`)) expect(data.gdp![country(r.iso3)]).toBe(Number(r[`gdp_constant2015usd_${year}`]) / 1e6);
    if (tag.startsWith("ICIO")) expect(data.parameters.domesticFlowPadding).toBe(1);
    else expect(Object.hasOwn(data.parameters, "domesticFlowPadding")).toBe(false);
  });

  it("has groups of the dataset's economies only, naming the members that are part of ROW", () => {
    const codes = new Set(data.countries.map((c) => c.code));
    expect(Object.keys(data.groups)).toEqual(["EU27", "ASEAN", "G7", "USMCA", "CPTPP", "RCEP", "BRICS"]);
    for (const members of Object.values(data.groups)) expect(members.every((m) => codes.has(m))).toBe(true);
    expect(data.groups.G7).toHaveLength(7);
    expect(data.groups.EU27).toHaveLength(27);
    const aseanNote = data.meta.notes.find((n) => n.startsWith("Group ASEAN"))!;
    for (const m of ["BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM", "TLS"]) if (!codes.has(m)) expect(aseanNote).toContain(m);
  });

  it("has trade shares that sum to one in every market with spending", () => {
    const t = data.tariffs.teti;
    let worst = 0;
    for (let s = 0; s < S; s++)
      for (let j = 0; j < N; j++) {
        let total = 0;
        for (let i = 0; i < N; i++) total += data.flows[(s * N + i) * N + j] * (1 + t[(s * N + i) * N + j]);
        if (!(total > 0)) continue;
        let shares = 0;
        for (let i = 0; i < N; i++) shares += (data.flows[(s * N + i) * N + j] * (1 + t[(s * N + i) * N + j])) / total;
        worst = Math.max(worst, Math.abs(shares - 1));
      }
    expectClose(worst, 0, TOL_SHARES, "max |Σ_i π − 1|");
  });

  it("is its own equilibrium: Caliendo–Parro (no IO, deficits held) with no shock returns zero change in every reported outcome", () => {
    const text = `name: zero\ndataset: ${name}\nmodel: { type: caliendo-parro, deficits: held }\nphases:\n  - name: none\n`;
    const phase = runScenario(text, { source: "zero" }).phases[0];
    expect(phase.solver.iterations).toBe(0);
    expectZeroShock(phase, data, TOL_ZERO_SHOCK_PP);
  }, 60_000);
});

describe("the tariff data's limits are stated in the metadata", () => {
  it("icio-2022: the US rate on Japanese food, beverages and tobacco is the README's 91.3%, and the notes say so; 2022 reuses 2021", () => {
    const data = loadDataset("icio-2022");
    const N = data.countries.length;
    const at = (c: string) => data.countries.findIndex((x) => x.code === c);
    const s = data.sectors.findIndex((x) => x.code === "C10T12");
    expect(readShared("tariffwar/README.md")).toContain("91.3 % in ICIO C10T12");
    expectClose(data.tariffs.teti[(s * N + at("JPN")) * N + at("USA")], 0.913, TOL_README_RATE, "US tariff on JPN C10T12");
    const notes = data.meta.notes.join(" ");
    for (const phrase of ["simple averages", "91.3%", "those of 2021", "2018–19 US–China tariffs", "ROW faces and imposes zero tariffs", "Services (SERV) carry tariffs"]) expect(notes).toContain(phrase);
    expect(Array.from(loadDataset("icio-2021").tariffs.teti)).toEqual(Array.from(data.tariffs.teti));
  });
});

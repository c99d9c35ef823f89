import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { countryIndex, type Dataset } from "../src/data/dataset.js";
import { datasetFromFile, loadDataset } from "../src/data/load.js";
import type { DatasetFile } from "../src/data/format.js";
import { build } from "../scripts/datasets/world-2023.js";
import { expectClose } from "./support/expectClose.js";

// data/world-2023.json is derived from ../shared/data/liberation-day (Ignatenko, Macedoni, Lashkaripour &
// Simonovska 2025 replication data: CEPII BACI 2023 trade, WDI GDP, the April-2 US tariff schedule) by
// scripts/datasets/world-2023.ts; spec ../shared/spec/one-sector.md §3.1. If a source file is missing,
// build() throws naming its path, so these tests fail (never skip).

const SHARED = path.resolve(process.cwd(), "../shared/data");
/** The spec prints ν to 8 decimals: half a unit in the last digit. */
const TOL_NU = 0.5e-8;

let built: DatasetFile;
let data: Dataset;

beforeAll(() => {
  built = build(SHARED);
  data = loadDataset("world-2023");
});

describe("scripts/datasets/world-2023.ts build()", () => {
  it("reads 194 countries in country_labels.csv order (USA id 185, CHN 34, CAN 31, MEX 115, 1-based)", () => {
    expect(built.countries.length).toBe(194);
    expect([185, 34, 31, 115].map((id) => built.countries[id - 1].code)).toEqual(["USA", "CHN", "CAN", "MEX"]);
    expect(built.sectors).toEqual([{ code: "ALL", name: "All goods", tradable: true }]);
  });

  it("calibrates ν = 0.11433521 (non-US) and 0.27047098 (US) per country (spec §3.1 Step 1)", () => {
    const nu = built.parameters["liberationDay.nu"] as number[];
    expect(nu.length).toBe(194);
    nu.forEach((v, k) => expectClose(v, k === 184 ? 0.27047098 : 0.11433521, TOL_NU, `ν of ${built.countries[k].code}`));
  });

  it("clips domestic sales at 0 for exactly GMB and MHL, and no other country (spec §3.1 Step 2)", () => {
    const N = 194;
    const zero = built.countries.filter((_, i) => built.flows[i * N + i] === 0).map((c) => c.code);
    expect(zero).toEqual(["GMB", "MHL"]);
    built.countries.forEach((c, i) => {
      if (!zero.includes(c.code)) expect(built.flows[i * N + i]!).toBeGreaterThan(0);
    });
  });

  it("the committed data/world-2023.json is exactly what the build produces", () => {
    const committed = datasetFromFile(built, "build");
    expect(Array.from(data.flows)).toEqual(Array.from(committed.flows));
    expect(Array.from(data.gdp!)).toEqual(Array.from(committed.gdp!));
    expect(data.groups).toEqual(committed.groups);
    expect(data.parameters).toEqual(committed.parameters);
    expect(Array.from(data.tariffs["us-reciprocal-2025-04-02"])).toEqual(Array.from(committed.tariffs["us-reciprocal-2025-04-02"]));
  });
});

describe("world-2023 dataset contents", () => {
  it("carries the April-2 schedule on US imports, floored at 10%, zero baseline tariffs (tariffs.csv; spec §3.1 Step 3)", () => {
    const at = countryIndex(data);
    const N = 194;
    const us = at.get("USA")!;
    const rate = (code: string) => data.tariffs["us-reciprocal-2025-04-02"][at.get(code)! * N + us];
    // tariffs.csv: JPN .24, CHN .54, KOR .26, DEU .2, VNM .46; RUS 0 → floored to 0.1; GBR .1
    expect([rate("JPN"), rate("CHN"), rate("KOR"), rate("DEU"), rate("VNM"), rate("RUS"), rate("GBR"), rate("USA")]).toEqual([0.24, 0.54, 0.26, 0.2, 0.46, 0.1, 0.1, 0]);
    let levied = 0;
    data.tariffs["us-reciprocal-2025-04-02"].forEach((t, k) => {
      if (t !== 0) {
        expect(k % N).toBe(us); // only the US levies
        levied++;
      }
    });
    expect(levied).toBe(193);
    expect(data.baselineTariffs).toBeUndefined();
  });

  it("defines the groups with their membership counts; EU25_LD is the paper's list without CZE and SVK", () => {
    const sizes = Object.fromEntries(Object.entries(data.groups).map(([g, m]) => [g, m.length]));
    expect(sizes).toEqual({ EU27: 27, EU25_LD: 25, G7: 7, USMCA: 3, ASEAN: 10, BRICS: 10, CPTPP: 12, RCEP: 15 });
    // main_baseline.m EU ids (spec §3.1), 1-based positions in country_labels.csv
    const ids = [10, 13, 17, 45, 47, 50, 56, 57, 59, 61, 71, 78, 80, 83, 88, 107, 108, 109, 119, 133, 144, 145, 149, 164, 165];
    expect([...data.groups.EU25_LD].sort()).toEqual(ids.map((id) => data.countries[id - 1].code).sort());
    expect(data.groups.EU27.filter((c) => !data.groups.EU25_LD.includes(c)).sort()).toEqual(["CZE", "SVK"]);
  });

  it("records provenance, licence and attribution from ../shared/data/README.md", () => {
    expect(data.meta.source).toContain("JoeLoera/liberation-day-replication @ e1f26fd");
    expect(data.meta.licence).toContain("Etalab");
    expect(data.meta.licence).toContain("CC BY 4.0");
    expect(data.meta.attribution).toContain("Ignatenko");
  });
});

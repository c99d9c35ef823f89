import { describe, expect, it } from "vitest";
import { loadDataset } from "../src/data/load.js";
import { readShared } from "./support/sharedData.js";
import { expectClose } from "./support/expectClose.js";
import { foreignTrade } from "./support/foreignTrade.js";

/**
 * The multi-sector datasets cp-1993 (Caliendo & Parro 2015) and gtap-2007 (Ossa 2014): spot values
 * match the source files (spec caliendo-parro-and-ossa.md §1.2–1.3, §2.1). That the committed files are
 * what the build scripts derive from ../shared/data is tests/data-rebuild.test.ts.
 */

/** Committed numbers are rounded to 12 significant digits: relative 1e-11 covers the rounding. */
const TOL_ROUNDING = 1e-11;

function tableCell(text: string, row: number, column: number, separator: RegExp): number {
  return Number(text.trim().split(/\r?\n/)[row].trim().split(separator)[column]);
}

describe("cp-1993 dataset", () => {
  const data = loadDataset("cp-1993");
  const N = data.countries.length;
  const S = data.sectors.length;

  it("has 31 regions (ROW last) × 40 sectors, the first 20 tradable", () => {
    expect([N, S]).toEqual([31, 40]);
    expect(data.countries[N - 1].code).toBe("ROW");
    expect(data.sectors.filter((s) => s.tradable).length).toBe(20);
    expect(data.sectors.slice(0, 20).every((s) => s.tradable)).toBe(true);
  });

  it("orientation matches CP's raw xbilat1993/tariffs1993 (spec §1.3: row (Agriculture, ARG), column AUS = 2190.315 thousand USD, 4.166667 %)", () => {
    const arg = 0;
    const aus = 1;
    const flow = data.flows[(0 * N + aus) * N + arg];
    expectClose(flow, 1000 * tableCell(readShared("caliendo-parro/raw/xbilat1993.txt"), 0, aus, /\t/), 1e-6, "AUS → ARG agriculture flow");
    expectClose(flow, 2190315, 1e-6, "AUS → ARG agriculture flow, spec §1.3");
    const tariff = data.tariffs["tariffs-1993"][(0 * N + aus) * N + arg];
    expectClose(tariff, tableCell(readShared("caliendo-parro/raw/tariffs1993.txt"), 0, aus, /\t/) / 100, 1e-8, "ARG tariff on AUS agriculture");
  });

  it("IO shares add up: β + Σ_k γ = 1 for every country and sector; α sums to 1 by country", () => {
    const { inputShares, valueAddedShares, finalShares } = data.io!;
    for (let n = 0; n < N; n++) {
      let alpha = 0;
      for (let j = 0; j < S; j++) {
        let total = valueAddedShares[n * S + j];
        for (let k = 0; k < S; k++) total += inputShares[(n * S + k) * S + j];
        expectClose(total, 1, S * TOL_ROUNDING, `β + Σγ ${data.countries[n].code} ${data.sectors[j].code}`);
        alpha += finalShares[n * S + j];
      }
      expectClose(alpha, 1, S * TOL_ROUNDING, `Σ α ${data.countries[n].code}`);
    }
  });

  it("deficits are imports − exports of the flows (spec §1.2: built from `value`) and sum to about 0", () => {
    let world = 0;
    let worldTrade = 0;
    const { exports, imports } = foreignTrade(data.flows, N);
    for (let n = 0; n < N; n++) {
      worldTrade += imports[n];
      world += data.deficits![n];
      expectClose(data.deficits![n], imports[n] - exports[n], 1e-6 * imports[n], `deficit ${data.countries[n].code}`);
    }
    expectClose(world / worldTrade, 0, 1e-6, "Σ D / world imports");
  });

  it("the nafta-2005 set differs from tariffs-1993 only on CAN/MEX/USA pairs (spec §1.2)", () => {
    const nafta = new Set(["CAN", "MEX", "USA"]);
    const base = data.tariffs["tariffs-1993"];
    const next = data.tariffs["nafta-2005"];
    let changed = 0;
    for (let s = 0; s < S; s++)
      for (let i = 0; i < N; i++)
        for (let j = 0; j < N; j++) {
          const k = (s * N + i) * N + j;
          if (base[k] === next[k]) continue;
          changed++;
          expect(nafta.has(data.countries[i].code) && nafta.has(data.countries[j].code), `${data.countries[i].code} → ${data.countries[j].code}`).toBe(true);
        }
    expect(changed).toBeGreaterThan(0);
  });
});

describe("gtap-2007 dataset", () => {
  const data = loadDataset("gtap-2007");
  const N = data.countries.length;

  it("has Ossa's 7 regions and 33 GTAP sectors with their codes", () => {
    expect(data.countries.map((c) => c.code)).toEqual(["BRA", "CHN", "EU", "IND", "JPN", "ROW", "USA"]);
    expect(data.sectors.length).toBe(33);
    for (const code of ["gro", "osd", "mvh", "ele", "nfm"]) expect(data.sectors.some((s) => s.code === code), code).toBe(true);
  });

  it("orientation matches Ossa's files (spec §2.1: rows = (industry, exporter), columns = importer)", () => {
    const trade = readShared("ossa-2014/trade_ijs.csv");
    const tariff = readShared("ossa-2014/tariff_ijs.csv");
    // ric (s = 0): Brazil's domestic sales and Brazil → EU exports; the EU's tariff on Brazilian rice.
    expectClose(data.flows[0], tableCell(trade, 0, 0, /,/), 1e-9, "BRA domestic ric");
    expectClose(data.flows[(0 * N + 0) * N + 2], tableCell(trade, 0, 2, /,/), 1e-12, "BRA → EU ric");
    expect(tableCell(tariff, 0, 2, /,/)).toBe(0.2543338);
    expectClose(data.tariffs["gtap-2007"][(0 * N + 0) * N + 2], 0.2543338, 1e-12, "EU tariff on BRA ric (tariff_ijs row 1, column 3)");
  });

  it("has no IO links (β = 1, γ = 0) and θ = σ − 1 (wht: σ = 10.06863, sigma_s.csv row 2)", () => {
    expect(data.io!.valueAddedShares.every((b) => b === 1)).toBe(true);
    expect(data.io!.inputShares.every((g) => g === 0)).toBe(true);
    expectClose(data.tradeElasticities![1], 10.06863 - 1, 1e-12, "θ wht");
  });
});

import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { loadDataset } from "../src/data/load.js";
import { TradewindsInputError, message } from "../src/messages.js";
import { modelCatalog } from "../src/models/available.js";
import { runScenario } from "../src/run.js";
import { compilePhase } from "../src/scenario/compile.js";
import { normalizeScenario, phaseInForce } from "../src/scenario/normalize.js";
import { validateScenarioText } from "../src/scenario/validate.js";
import { expectClose } from "./support/expectClose.js";
import { readShared } from "./support/sharedData.js";

/**
 * Tariff sets beyond Teti: the 2018–19 US–China duties (teti-us-china-2019, from the econ7115 waves) and
 * the dated 2025 sets of icio-2022, spot-checked against the source rows; the cells a set covers; and
 * choosing a set as the scenario's baseline.
 */
/** Sums of two stored doubles: one rounding. */
const TOL_RATE = 1e-15;

const data = loadDataset("icio-2022");
const N = data.countries.length;
const S = data.sectors.length;
const at = (code: string) => data.countries.findIndex((c) => c.code === code);
const sectorAt = (code: string) => data.sectors.findIndex((s) => s.code === code);
const rate = (set: string, importer: string, exporter: string, sector: string) => data.tariffs[set][(sectorAt(sector) * N + at(exporter)) * N + at(importer)];
const inForce = (importer: string, exporter: string, sector: string) => rate("teti-us-china-2019", importer, exporter, sector);

function csv(path: string): Record<string, string>[] {
  return parse(readShared(path), { columns: true, bom: true }) as Record<string, string>[];
}
/** Column `column` of the econ7115 wave file, by industry 1–22. */
const wave = (file: string, column: string) => csv(`econ7115-7x44/${file}`).map((r) => Number(r[column]));

describe("teti-us-china-2019: Teti plus the 2018–19 US–China duties (econ7115 tariff_Trump.csv, tariff_China.csv)", () => {
  const usOnChina = wave("tariff_Trump.csv", "trump_tariff_wave5");
  const chinaOnUs = wave("tariff_China.csv", "China_tariff_wave5");
  it("adds the wave of the sector's ICIO 2021-edition industry to US imports from China and Chinese imports from the US", () => {
    // industry 20 = C29, 15 = C24 (C24A and C24B), 12 = C21, 1 = A01_02 (A01, A02), 21 = C30 (C301, C302T309)
    const cases: [string, number][] = [["C29", 20], ["C24A", 15], ["C24B", 15], ["C21", 12], ["A02", 1], ["C302T309", 21], ["B06", 3]];
    for (const [sector, industry] of cases) {
      expectClose(inForce("USA", "CHN", sector), rate("teti", "USA", "CHN", sector) + usOnChina[industry - 1], TOL_RATE, `US on CHN ${sector}`);
      expectClose(inForce("CHN", "USA", sector), rate("teti", "CHN", "USA", sector) + chinaOnUs[industry - 1], TOL_RATE, `CHN on US ${sector}`);
    }
  });
  it("leaves services and every other pair at the Teti rates", () => {
    const a = data.tariffs["teti-us-china-2019"];
    const b = data.tariffs.teti;
    const usa = at("USA");
    const chn = at("CHN");
    let changed = 0;
    for (let s = 0; s < S; s++)
      for (let i = 0; i < N; i++)
        for (let j = 0; j < N; j++) {
          const k = (s * N + i) * N + j;
          if (a[k] === b[k]) continue;
          changed++;
          expect((i === chn && j === usa) || (i === usa && j === chn)).toBe(true);
          expect(data.sectors[s].code).not.toBe("SERV");
        }
    expect(changed).toBe(2 * 27);
  });
  it("rests on a concordance the source data confirm: the industries sharing an elasticity are the ICIO pairs, and the largest exporters fit the ICIO 2021-edition goods order", () => {
    const theta = csv("econ7115-7x44/cal_elasticities.csv").map((r) => Object.values(r)[1].trim());
    for (const [a, b] of [[1, 2], [3, 4], [4, 5], [11, 12], [15, 16], [17, 18], [20, 21]]) expect(theta[a - 1]).toBe(theta[b - 1]);
    const exportsBy = new Map<string, number>();
    for (const r of csv("econ7115-7x44/TradeFlow2017.csv")) if (r.iso_o !== r.iso_d) exportsBy.set(`${r.indcode} ${r.iso_o}`, (exportsBy.get(`${r.indcode} ${r.iso_o}`) ?? 0) + Number(r.tradevalue));
    const largest = (industry: number) => ["BRA", "CHN", "EU", "IND", "JPN", "USA", "ROW"].reduce((best, c) => ((exportsBy.get(`${industry} ${c}`) ?? 0) > (exportsBy.get(`${industry} ${best}`) ?? 0) ? c : best));
    const share = (industry: number, c: string) => (exportsBy.get(`${industry} ${c}`) ?? 0) / ["BRA", "CHN", "EU", "IND", "JPN", "USA", "ROW"].reduce((a, x) => a + (exportsBy.get(`${industry} ${x}`) ?? 0), 0);
    expect(share(3, "ROW")).toBeGreaterThan(0.85); // B05_06 energy mining
    expect(largest(7)).toBe("CHN"); // C13T15 textiles
    expect(largest(12)).toBe("EU"); // C21 pharmaceuticals
    expect(largest(17)).toBe("CHN"); // C26 electronics
    expect(largest(21)).toBe("USA"); // C30 other transport (aircraft)
  });
});

describe("the 2025 tariff sets of icio-2022 (complete rates on teti-us-china-2019 in the cells each covers)", () => {
  const ld = csv("liberation-day/country_labels.csv").map((r, k) => ({ code: r.iso3, rate: Number(csv("liberation-day/tariffs.csv")[k].applied_tariff) }));
  const ldRate = (code: string) => Math.max(0.1, ld.find((c) => c.code === code)!.rate);

  it("us-reciprocal-2025-04-02: each partner's April-2 rate (liberation-day/tariffs.csv, floor 10%) on the reciprocal sectors; EU members at the EU rate; Taiwan 32%", () => {
    for (const [code, sector] of [["JPN", "A01"], ["CHN", "C20"], ["VNM", "C13T15"], ["KOR", "C28"], ["IND", "C10T12"], ["CAN", "C22"], ["DEU", "C27"], ["FRA", "C10T12"]] as const) {
      expectClose(rate("us-reciprocal-2025-04-02", "USA", code, sector), inForce("USA", code, sector) + ldRate(code), TOL_RATE, `US on ${code} ${sector}`);
    }
    expect(ldRate("JPN")).toBe(0.24);
    expect(ldRate("CHN")).toBe(0.54);
    expect(ldRate("DEU")).toBe(0.2);
    expectClose(rate("us-reciprocal-2025-04-02", "USA", "TWN", "C16"), inForce("USA", "TWN", "C16") + 0.32, TOL_RATE, "US on TWN C16");
  });

  it("us-reciprocal-2025-04-02: ROW pays the average of the economies it holds, weighted by their 2023 exports to the US (liberation-day/trade_cepii.csv)", () => {
    const trade = csv("liberation-day/trade_cepii.csv");
    const us = ld.findIndex((c) => c.code === "USA");
    const explicit = new Set(data.countries.map((c) => c.code));
    let weighted = 0;
    let total = 0;
    ld.forEach((c, k) => {
      if (explicit.has(c.code) || k === us) return;
      const x = Number(Object.values(trade[k])[us] || 0);
      weighted += x * Math.max(0.1, c.rate);
      total += x;
    });
    expectClose(rate("us-reciprocal-2025-04-02", "USA", "ROW", "A01"), weighted / total, 1e-12, "US on ROW A01");
  });

  it("us-reciprocal-2025-04-02 covers neither the exempt sectors (energy, metal ores, pharmaceuticals, electronics), nor the Section 232 sectors, nor services", () => {
    const covered = data.tariffSetInfo!["us-reciprocal-2025-04-02"].covers!.sectors!;
    for (const sector of ["B05", "B06", "B07", "C19", "C21", "C26", "C24A", "C24B", "C29", "SERV"]) {
      expect(covered).not.toContain(sector);
      expect(rate("us-reciprocal-2025-04-02", "USA", "JPN", sector)).toBe(0);
    }
    expect(covered).toHaveLength(17);
  });

  it("Section 232: autos 25% from 2025-04-03, steel and aluminium 25% then 50% from 2025-06-04 (UK 25%), China's goods with the 20% of March on top", () => {
    expectClose(rate("us-232-autos-2025-04-03", "USA", "JPN", "C29"), inForce("USA", "JPN", "C29") + 0.25, TOL_RATE, "autos JPN");
    expectClose(rate("us-232-autos-2025-04-03", "USA", "CHN", "C29"), inForce("USA", "CHN", "C29") + 0.45, TOL_RATE, "autos CHN");
    expectClose(rate("us-232-metals-2025-03-12", "USA", "KOR", "C24A"), inForce("USA", "KOR", "C24A") + 0.25, TOL_RATE, "steel KOR March");
    expectClose(rate("us-232-metals-2025-06-04", "USA", "CAN", "C24B"), inForce("USA", "CAN", "C24B") + 0.5, TOL_RATE, "aluminium CAN June");
    expectClose(rate("us-232-metals-2025-06-04", "USA", "GBR", "C24A"), inForce("USA", "GBR", "C24A") + 0.25, TOL_RATE, "steel GBR June");
    expect(data.tariffSetInfo!["us-232-autos-2025-04-03"].date).toBe("2025-04-03");
    expect(data.tariffSetInfo!["us-232-metals-2025-06-04"].date).toBe("2025-06-04");
  });

  it("US–China: 145% (125% + 20%) and China's 125% in April; the Geneva truce of 2025-05-14: 30% and 10%", () => {
    expectClose(rate("us-china-escalation-2025-04-10", "USA", "CHN", "C13T15"), inForce("USA", "CHN", "C13T15") + 1.45, TOL_RATE, "US on CHN April");
    expectClose(rate("china-us-escalation-2025-04-12", "CHN", "USA", "A01"), inForce("CHN", "USA", "A01") + 1.25, TOL_RATE, "CHN on US April");
    expectClose(rate("us-china-geneva-2025-05-14", "USA", "CHN", "C28"), inForce("USA", "CHN", "C28") + 0.3, TOL_RATE, "US on CHN Geneva");
    expectClose(rate("china-us-geneva-2025-05-14", "CHN", "USA", "C29"), inForce("CHN", "USA", "C29") + 0.1, TOL_RATE, "CHN on US Geneva");
    expect(data.tariffSetInfo!["us-china-geneva-2025-05-14"].date).toBe("2025-05-14");
  });

  it("the US–Japan deal: 15% all-in on Japanese goods including cars (the higher pre-2025 rate where it exceeds 15%); metals stay under Section 232", () => {
    expect(rate("us-japan-deal-2025-07-22", "USA", "JPN", "C29")).toBe(Math.max(0.15, inForce("USA", "JPN", "C29")));
    expect(rate("us-japan-deal-2025-07-22", "USA", "JPN", "C29")).toBe(0.15);
    expect(rate("us-japan-deal-2025-07-22", "USA", "JPN", "C10T12")).toBe(inForce("USA", "JPN", "C10T12"));
    expect(data.tariffSetInfo!["us-japan-deal-2025-07-22"].covers!.sectors).not.toContain("C24A");
  });

  it("every set states its date, what it is and its source", () => {
    for (const [name, info] of Object.entries(data.tariffSetInfo!)) {
      expect(Object.hasOwn(data.tariffs, name)).toBe(true);
      expect(info.date).toMatch(/^\d{4}(-\d{2}-\d{2})?$/);
      expect(info.description.length).toBeGreaterThan(40);
      expect(info.source.length).toBeGreaterThan(20);
    }
    expect(Object.keys(data.tariffSetInfo!)).toEqual(Object.keys(data.tariffs));
  });
});

describe("tariff-schedule shocks set the cells a set covers and leave the rest in force", () => {
  const scenario = (shocks: string[], baseline = "teti-us-china-2019") =>
    [`name: sets`, `dataset: icio-2022`, `baselineTariffs: ${baseline}`, `model: { type: caliendo-parro, deficits: held }`, `phases:`, `  - name: p`, ...(shocks.length ? [`    shocks:`] : []), ...shocks.map((s) => `      - ${s}`)].join("\n");
  const compiled = (text: string) => {
    const input = validateScenarioText(text, "sets");
    const scenario = normalizeScenario(input, { ...data, baselineTariffs: input.baselineTariffs ?? data.baselineTariffs }, modelCatalog, "sets");
    return compilePhase(phaseInForce(scenario.phases, 0), { ...data, baselineTariffs: input.baselineTariffs ?? data.baselineTariffs }).policy.tariffs;
  };
  it("reciprocal, then autos, then the deal: each replaces its own cells only", () => {
    const t = compiled(scenario([
      "{ type: tariff-schedule, schedule: us-reciprocal-2025-04-02 }",
      "{ type: tariff-schedule, schedule: us-232-autos-2025-04-03 }",
    ]));
    const k = (importer: string, exporter: string, sector: string) => (sectorAt(sector) * N + at(exporter)) * N + at(importer);
    expect(t[k("USA", "JPN", "A01")]).toBe(rate("us-reciprocal-2025-04-02", "USA", "JPN", "A01"));
    expect(t[k("USA", "JPN", "C29")]).toBe(rate("us-232-autos-2025-04-03", "USA", "JPN", "C29"));
    expect(t[k("USA", "JPN", "C21")]).toBe(inForce("USA", "JPN", "C21"));
    expect(t[k("USA", "JPN", "SERV")]).toBe(inForce("USA", "JPN", "SERV"));
    expect(t[k("JPN", "USA", "A01")]).toBe(inForce("JPN", "USA", "A01"));
    const deal = compiled(scenario([
      "{ type: tariff-schedule, schedule: us-reciprocal-2025-04-02 }",
      "{ type: tariff-schedule, schedule: us-232-autos-2025-04-03 }",
      "{ type: tariff-schedule, schedule: us-japan-deal-2025-07-22 }",
    ]));
    expect(deal[k("USA", "JPN", "C29")]).toBe(0.15);
    expect(deal[k("USA", "KOR", "C29")]).toBe(rate("us-232-autos-2025-04-03", "USA", "KOR", "C29"));
  });

  it("a scenario's baselineTariffs chooses the set the baseline was observed under; an unknown name lists the dataset's sets", () => {
    const report = runScenario(scenario([], "teti-us-china-2019"), { source: "sets" });
    expect(report.dataset.baselineTariffs).toBe("teti-us-china-2019");
    expect(runScenario(scenario([], "teti"), { source: "sets" }).dataset.baselineTariffs).toBe("teti");
    try {
      runScenario(scenario([], "teti-2030"), { source: "sets" });
      throw new Error("expected an error");
    } catch (err) {
      expect(err).toBeInstanceOf(TradewindsInputError);
      expect((err as TradewindsInputError).issues[0].path).toBe("baselineTariffs");
      expect((err as TradewindsInputError).issues[0].message).toBe(message.unknownTariffSet("teti-2030", Object.keys(data.tariffs)));
    }
  }, 60_000);
});

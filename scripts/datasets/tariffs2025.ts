import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import type { TariffSetInfo } from "../../src/data/dataset.js";
import type { TariffwarSource } from "./tariffwarSource.js";
import { COUNTRY_GROUPS } from "./countryGroups.js";
import { US_CHINA_SET } from "./usChina2019.js";

/**
 * The 2025 US tariffs and China's responses as dated tariff sets of icio-2022 (ICIO 2023 sectors).
 *
 * Every set holds complete ad valorem rates in the cells it covers (`covers`: importer, exporters,
 * sectors): the rates in force before 2025 (tariff set teti-us-china-2019) plus every 2025 duty in force
 * on the set's date in those cells. A `tariff-schedule` shock replaces the rates of exactly those cells,
 * so sets covering different sectors stack when applied in date order (e.g. the metals, reciprocal and
 * autos sets), and a later set on the same cells replaces an earlier one (the reprieve, the escalation,
 * the truce, the deal). Scenarios should use `baselineTariffs: teti-us-china-2019`, so that only the 2025
 * measures are the shock.
 *
 * Sector treatment (as far as the 28 ICIO sectors allow):
 *   Section 232 sectors: C24A iron and steel, C24B non-ferrous metals (at the aluminium rate, although
 *     C24B also holds copper, nickel and precious metals), C29 motor vehicles and parts. They are outside
 *     the reciprocal tariff, as goods under Section 232 were.
 *   Exempt from the reciprocal tariff: B05 coal, B06 crude petroleum and gas, B07 metal ores, C19 refined
 *     petroleum (energy and minerals of Annex II), C21 pharmaceuticals (Annex II), C26 computer,
 *     electronic and optical equipment (semiconductors in Annex II; computers and smartphones exempted on
 *     11 April 2025 — the optical and measuring instruments also in C26 are exempted with them here), and
 *     B09 mining support services (a service activity).
 *   Reciprocal sectors: the other 17 goods sectors. Services (SERV) are never covered.
 */
const LD_FOLDER = "liberation-day";
export const METALS = ["C24A", "C24B"];
export const AUTOS = ["C29"];
export const EXEMPT = ["B05", "B06", "B07", "B09", "C19", "C21", "C26"];
/** The China duties in force from 4 March 2025 on all Chinese goods (IEEPA "fentanyl" tariff, 10% from 4 February, 20% from 4 March). */
const FENTANYL_CHINA = 0.2;
/** Annex I rate of Taiwan, which is not among the 194 economies of tariffs.csv. */
const TAIWAN_RATE = 0.32;
/** The April-2 schedule's floor (the 10% baseline), as in world-2023 and Liberation Day §3.1 Step 3. */
const FLOOR = 0.1;

export interface DatedSet {
  name: string;
  rates: Float64Array;
  info: TariffSetInfo;
}

function readCsv(sharedDataDir: string, file: string): Record<string, string>[] {
  const path = join(sharedDataDir, LD_FOLDER, file);
  if (!existsSync(path)) throw new Error(`shared data file missing: ${path}`);
  return parse(readFileSync(path, "utf8"), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
}

/**
 * The April-2 rate of each economy of the dataset: tariffs.csv floored at 10% (China's 54% includes the
 * 20% of March); EU members at the EU rate; Taiwan 32% (Annex I); an economy absent from tariffs.csv and
 * Annex I the 10% floor; ROW the average over the economies of tariffs.csv that ROW holds, weighted by
 * US imports from them in 2023 (trade_cepii.csv).
 */
export function reciprocalRates(sharedDataDir: string, codes: string[]): { rates: Map<string, number>; rowAverage: number; rowEconomies: number } {
  const labels = readCsv(sharedDataDir, "country_labels.csv");
  const applied = readCsv(sharedDataDir, "tariffs.csv");
  const trade = readCsv(sharedDataDir, "trade_cepii.csv");
  if (applied.length !== labels.length || trade.length !== labels.length) throw new Error("liberation-day: tariffs.csv, trade_cepii.csv and country_labels.csv differ in length");
  const us = labels.findIndex((r) => r.iso3 === "USA");
  const ld = new Map(labels.map((r, k) => [r.iso3, Math.max(FLOOR, Number(applied[k].applied_tariff))]));
  const explicit = new Set(codes);
  let weighted = 0;
  let weights = 0;
  let rowEconomies = 0;
  labels.forEach((r, k) => {
    if (explicit.has(r.iso3) || k === us) return;
    const imports = Number(Object.values(trade[k])[us] || 0);
    weighted += imports * ld.get(r.iso3)!;
    weights += imports;
    rowEconomies++;
  });
  const rowAverage = weighted / weights;
  // EU members pay the EU's rate: tariffs.csv gives every member the same value; a difference is a data error.
  const euRates = new Set(COUNTRY_GROUPS.EU27.members.map((m) => ld.get(m)));
  if (euRates.size !== 1) throw new Error(`liberation-day/tariffs.csv: EU members have different rates (${[...euRates].join(", ")}); the EU has one`);
  const rates = new Map<string, number>();
  for (const code of codes) {
    if (code === "USA") continue;
    if (code === "ROW") rates.set(code, rowAverage);
    else if (code === "TWN") rates.set(code, TAIWAN_RATE);
    else rates.set(code, ld.get(code) ?? FLOOR);
  }
  return { rates, rowAverage, rowEconomies };
}

const LD_SOURCE =
  "Executive Order of 2 April 2025 (Regulating Imports with a Reciprocal Tariff), Annex I country rates as shipped with the Liberation Day replication data of Ignatenko, Macedoni, Lashkaripour & Simonovska (2025), JoeLoera/liberation-day-replication @ e1f26fd (tariffs.csv, floored at 10%)";

export function tariffs2025(sharedDataDir: string, source: TariffwarSource, inForce: Float64Array): DatedSet[] {
  const N = source.countries.length;
  const codes = source.countries.map((c) => c.code);
  const at = (code: string) => {
    const k = codes.indexOf(code);
    if (k < 0) throw new Error(`country ${code} is not in the dataset`);
    return k;
  };
  const sectorCodes = source.sectors.map((s) => s.code);
  const goods = sectorCodes.filter((c) => c !== "SERV");
  const reciprocalSectors = goods.filter((c) => !METALS.includes(c) && !AUTOS.includes(c) && !EXEMPT.includes(c));
  const partners = codes.filter((c) => c !== "USA");
  const { rates: reciprocal, rowAverage, rowEconomies } = reciprocalRates(sharedDataDir, codes);

  /** A set on `importer` from `exporters` in `sectors`: in-force rate plus `extra(exporter)`, or `level(inForce, exporter)`. */
  const make = (name: string, info: Omit<TariffSetInfo, "covers">, importer: string, exporters: string[], sectors: string[], level: (base: number, exporter: string) => number): DatedSet => {
    const rates = new Float64Array(inForce.length);
    const j = at(importer);
    for (const sector of sectors) {
      const s = sectorCodes.indexOf(sector);
      for (const exporter of exporters) {
        const k = (s * N + at(exporter)) * N + j;
        rates[k] = level(inForce[k], exporter);
      }
    }
    return { name, rates, info: { ...info, covers: { importers: [importer], exporters, sectors } } };
  };
  const onTop = (extra: (exporter: string) => number) => (base: number, exporter: string) => base + extra(exporter);
  const china = (rate: number) => (exporter: string) => rate + (exporter === "CHN" ? FENTANYL_CHINA : 0);
  const stack = `Complete rates: ${US_CHINA_SET} plus`;
  const euRate = reciprocal.get("DEU")!;

  return [
    make(
      "us-fentanyl-china-2025-03-04",
      { date: "2025-03-04", description: `${stack} 20% on every Chinese good (10% from 4 February, 20% from 4 March 2025). Covers: US imports from China, all goods sectors.`, source: "US executive orders of 1 February and 3 March 2025 under the International Emergency Economic Powers Act (the 'fentanyl' tariffs on China)" },
      "USA", ["CHN"], goods, onTop(() => FENTANYL_CHINA),
    ),
    make(
      "us-232-metals-2025-03-12",
      { date: "2025-03-12", description: `${stack} 25% on steel (C24A) and aluminium (all of C24B), from every partner; Chinese goods also pay the 20% of March. Covers: US imports, C24A and C24B.`, source: "US presidential proclamations of 10 February 2025 under Section 232 (steel and aluminium: 25%, exemptions and quotas ended), effective 12 March 2025" },
      "USA", partners, METALS, onTop(china(0.25)),
    ),
    make(
      "us-reciprocal-2025-04-02",
      {
        date: "2025-04-02",
        description:
          `${stack} the April-2 "reciprocal" rate of each partner on the 17 reciprocal sectors (${reciprocalSectors.join(", ")}): Japan ${pct(reciprocal.get("JPN")!)}, China ${pct(reciprocal.get("CHN")!)} (34% plus the 20% of March, as tariffs.csv gives it), EU members ${pct(euRate)} (the EU's rate, the same for all 27 members in tariffs.csv), Korea ${pct(reciprocal.get("KOR")!)}, Taiwan ${pct(TAIWAN_RATE)} (Annex I; not in tariffs.csv), floor 10%; ROW ${pct(rowAverage)}, the average over the ${rowEconomies} economies of tariffs.csv it holds weighted by their 2023 exports to the US. ` +
          `Canada ${pct(reciprocal.get("CAN")!)} and Mexico ${pct(reciprocal.get("MEX")!)} as in tariffs.csv (in fact USMCA goods were exempt and the two faced separate emergency tariffs); Russia, excluded from the order, gets the 10% floor as in world-2023. Not covered (rates unchanged): energy and metal ores (B05, B06, B07, C19), pharmaceuticals (C21), computers and electronics incl. semiconductors (C26), B09, the Section 232 sectors (C24A, C24B, C29) and services. Announced 2 April; the 10% from 5 April, the country rates from 9 April (paused the same day, except for China).`,
        source: LD_SOURCE,
      },
      "USA", partners, reciprocalSectors, onTop((exporter) => reciprocal.get(exporter)!),
    ),
    make(
      "us-232-autos-2025-04-03",
      { date: "2025-04-03", description: `${stack} 25% on motor vehicles and parts (C29; parts from 3 May 2025), from every partner; Chinese cars also pay the 20% of March. Covers: US imports, C29.`, source: "US presidential proclamation of 26 March 2025 under Section 232 (imports of automobiles and automobile parts), effective 3 April 2025 (parts 3 May 2025)" },
      "USA", partners, AUTOS, onTop(china(0.25)),
    ),
    make(
      "us-reciprocal-2025-04-09",
      { date: "2025-04-09", description: `${stack} 10% on the 17 reciprocal sectors from every partner but China: the 90-day pause of the country rates. Covers: US imports from all partners except China, the reciprocal sectors (apply it after us-reciprocal-2025-04-02).`, source: "US executive order of 9 April 2025 (pause of the country-specific reciprocal rates for 90 days; 10% baseline kept)" },
      "USA", partners.filter((c) => c !== "CHN"), reciprocalSectors, onTop(() => 0.1),
    ),
    make(
      "china-us-2025-04-10",
      { date: "2025-04-10", description: `${stack} China's 34% on all US goods. Covers: Chinese imports from the US, all goods sectors. China's February and March 2025 duties on US energy and farm goods (10–15%) are not included.`, source: "Customs Tariff Commission of the State Council of China, announcement of 4 April 2025 (34% on all US goods from 10 April 2025)" },
      "CHN", ["USA"], goods, onTop(() => 0.34),
    ),
    make(
      "us-china-escalation-2025-04-10",
      { date: "2025-04-10", description: `${stack} 145% on Chinese goods in the reciprocal sectors: a 125% reciprocal rate plus the 20% of March. Covers: US imports from China, the reciprocal sectors (exempt and Section 232 sectors keep their sets).`, source: "US executive orders of 8 and 9 April 2025 raising the reciprocal rate on China to 84% and then 125%" },
      "USA", ["CHN"], reciprocalSectors, onTop(() => 1.45),
    ),
    make(
      "china-us-escalation-2025-04-12",
      { date: "2025-04-12", description: `${stack} China's 125% on all US goods. Covers: Chinese imports from the US, all goods sectors (the February and March duties on US energy and farm goods are not included).`, source: "Customs Tariff Commission of the State Council of China, announcement of 11 April 2025 (125% on US goods from 12 April 2025)" },
      "CHN", ["USA"], goods, onTop(() => 1.25),
    ),
    make(
      "us-china-geneva-2025-05-14",
      { date: "2025-05-14", description: `${stack} 30% on Chinese goods in the reciprocal sectors (10% reciprocal plus the 20% of March) under the Geneva truce. Covers: US imports from China, the reciprocal sectors.`, source: "Joint Statement on the US–China Economic and Trade Meeting in Geneva, 12 May 2025; the reductions took effect on 14 May 2025" },
      "USA", ["CHN"], reciprocalSectors, onTop(() => 0.3),
    ),
    make(
      "china-us-geneva-2025-05-14",
      { date: "2025-05-14", description: `${stack} China's 10% on all US goods under the Geneva truce. Covers: Chinese imports from the US, all goods sectors.`, source: "Joint Statement on the US–China Economic and Trade Meeting in Geneva, 12 May 2025; the reductions took effect on 14 May 2025" },
      "CHN", ["USA"], goods, onTop(() => 0.1),
    ),
    make(
      "us-232-metals-2025-06-04",
      { date: "2025-06-04", description: `${stack} 50% on steel (C24A) and aluminium (all of C24B) from every partner but the United Kingdom (25%); Chinese goods also pay the 20% of March. Covers: US imports, C24A and C24B.`, source: "US presidential proclamation of 3 June 2025 under Section 232 (steel and aluminium raised to 50% from 4 June 2025; the United Kingdom kept at 25%)" },
      "USA", partners, METALS, onTop((exporter) => (exporter === "GBR" ? 0.25 : 0.5) + (exporter === "CHN" ? FENTANYL_CHINA : 0)),
    ),
    make(
      "us-japan-deal-2025-07-22",
      { date: "2025-07-22", description: `The US–Japan deal: 15% all-in on Japanese goods in the reciprocal sectors and on cars and parts (C29) — max(15%, the rate in force before 2025), replacing the 24% reciprocal rate and the 25% car tariff on top of MFN. Covers: US imports from Japan, the reciprocal sectors and C29; steel and aluminium stay at the Section 232 rate, the exempt sectors at their rates.`, source: "US–Japan agreement announced 22 July 2025 and implemented by US executive order in September 2025 (15% inclusive of MFN duties; autos and parts 15% from 16 September 2025)" },
      "USA", ["JPN"], [...reciprocalSectors, ...AUTOS], (base) => Math.max(base, 0.15),
    ),
  ];
}

function pct(x: number): string {
  return `${(100 * x).toFixed(x * 100 === Math.round(x * 100) ? 0 : 1)}%`;
}

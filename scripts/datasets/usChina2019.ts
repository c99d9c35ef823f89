import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import type { TariffSetInfo } from "../../src/data/dataset.js";
import { TETI_SOURCE } from "./tariffwarDataset.js";
import type { TariffwarSource } from "./tariffwarSource.js";

/**
 * The tariff set "teti-us-china-2019": the Teti rates plus the 2018–19 US–China trade-war duties, the
 * rates in force from late 2019 until 2025 on the two pairs, for ICIO datasets.
 *
 * Source: ../shared/data/econ7115-7x44/tariff_Trump.csv (US on Chinese goods) and tariff_China.csv (China
 * on US goods), column "wave5": the cumulative 2018–19 tariff increases on 22 tradable industries
 * (industry averages computed by the course author; WangZi-HKBU/econ7115 @ 760d747). They are read as
 * increases, not levels (China's wave on US agriculture is 12.0% against a 2017 applied rate of 11.0%
 * on that pair — a level would mean China raised it by one point; the 25% on soybeans says otherwise).
 *
 * Concordance. The 22 industries carry no labels in the source; they are the 22 goods industries of the
 * OECD ICIO 2021 edition in its order (A01_02, A03, B05_06, B07_08, B09, C10T12, C13T15, C16, C17_18, C19,
 * C20, C21, C22, C23, C24, C25, C26, C27, C28, C29, C30, C31T33), as the source's own data show: the
 * industries that share an elasticity in cal_elasticities.csv are exactly the ICIO pairs (agriculture and
 * fishing 1–2; the three mining industries 3–5; chemicals and pharmaceuticals 11–12; basic and fabricated
 * metals 15–16; electronics and electrical equipment 17–18; motor vehicles and other transport 20–21),
 * ROW supplies 90% of world exports of industry 3 (energy mining), China half of industry 7 (textiles),
 * the EU 45% of industry 12 (pharmaceuticals), and the US wave on industry 12 is 3.9% (pharmaceuticals
 * were largely left off the Section 301 lists). Each ICIO 2023 goods sector takes the value of its 2021
 * edition parent (ICIO 2023 splits A01_02, B05_06, B07_08, C24 and C30).
 */
export const US_CHINA_SET = "teti-us-china-2019";
const FOLDER = "econ7115-7x44";
export const SOURCE_INDUSTRY_OF: Record<string, number> = {
  A01: 1, A02: 1, A03: 2, B05: 3, B06: 3, B07: 4, B08: 4, B09: 5, C10T12: 6, C13T15: 7, C16: 8, C17_18: 9, C19: 10,
  C20: 11, C21: 12, C22: 13, C23: 14, C24A: 15, C24B: 15, C25: 16, C26: 17, C27: 18, C28: 19, C29: 20, C301: 21, C302T309: 21, C31T33: 22,
};

/** The wave-5 increase by industry 1–22 from one of the two files. */
export function readWave(sharedDataDir: string, file: string, column: string): number[] {
  const path = join(sharedDataDir, FOLDER, file);
  if (!existsSync(path)) throw new Error(`shared data file missing: ${path}`);
  const rows = parse(readFileSync(path, "utf8"), { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
  if (rows.length !== 22) throw new Error(`${file}: ${rows.length} industries, expected 22`);
  return rows.map((r, k) => {
    const v = Number(r[column]);
    if (Number(r.indcode) !== k + 1 || !(v >= 0 && v < 1)) throw new Error(`${file} row ${k + 1}: industry ${r.indcode}, ${column} = ${r[column]}`);
    return v;
  });
}

export function usChinaTariffSet(sharedDataDir: string, source: TariffwarSource): { name: string; rates: Float64Array; info: TariffSetInfo } {
  const usOnChina = readWave(sharedDataDir, "tariff_Trump.csv", "trump_tariff_wave5");
  const chinaOnUs = readWave(sharedDataDir, "tariff_China.csv", "China_tariff_wave5");
  const N = source.countries.length;
  const usa = source.countries.findIndex((c) => c.code === "USA");
  const chn = source.countries.findIndex((c) => c.code === "CHN");
  const rates = Float64Array.from(source.tariffs);
  source.sectors.forEach((sector, s) => {
    const industry = SOURCE_INDUSTRY_OF[sector.code];
    if (industry === undefined) {
      if (sector.code !== "SERV") throw new Error(`sector ${sector.code} has no econ7115 industry`);
      return;
    }
    rates[(s * N + chn) * N + usa] += usOnChina[industry - 1];
    rates[(s * N + usa) * N + chn] += chinaOnUs[industry - 1];
  });
  const mean = (v: number[]) => (100 * v.reduce((a, b) => a + b, 0)) / v.length;
  return {
    name: US_CHINA_SET,
    rates,
    info: {
      date: "2019-09-01",
      description:
        `The Teti rates plus the 2018–19 US–China trade-war duties on goods (complete rates; all pairs, so it can serve as the baseline): the US on Chinese goods adds the cumulative 2018–19 increase of each industry (mean ${mean(usOnChina).toFixed(1)} points over the 22 industries; the source does not say which measures its waves include — the level is that of Section 301 lists 1–3 at 25% and list 4A on most goods), China on US goods adds its retaliation (mean ${mean(chinaOnUs).toFixed(1)} points). In force from the last round, 1 September 2019 (list 4A). ` +
        "Industry averages of the source mapped to the ICIO sectors through the ICIO 2021-edition goods industries (scripts/datasets/usChina2019.ts). Services and all other pairs: Teti.",
      source: `${TETI_SOURCE}; the 2018–19 increases ("wave 5") from the course data of Zi Wang, Econ 7115, Hong Kong Baptist University (WangZi-HKBU/econ7115 @ 760d747, tariff_Trump.csv and tariff_China.csv)`,
    },
  };
}

import type { Dataset } from "../../src/data/dataset.js";
import { tariffs2025 } from "./tariffs2025.js";
import { buildTariffwarDataset } from "./tariffwarDataset.js";
import { usChinaTariffSet } from "./usChina2019.js";

/**
 * Builds data/icio-2022: OECD ICIO 2023 edition, 2022 (81 economies × 28 sectors), from the tariffwar
 * package's inputs (tariffwarDataset.ts), with the Teti tariffs (the baseline), the 2018–19 US–China
 * duties added to them (usChina2019.ts) and the dated 2025 tariff sets (tariffs2025.ts).
 */
export function build(sharedDataDir: string): Dataset {
  return buildTariffwarDataset(sharedDataDir, {
    name: "icio-2022",
    tag: "ICIO2022",
    year: 2022,
    title: "OECD ICIO 2023 edition, 2022: 81 economies × 28 sectors (27 goods at ICIO codes, services aggregate), Teti tariffs, the 2018–19 US–China duties and the 2025 US tariffs, eight elasticity sets",
    extraTariffSets: (source) => {
      const usChina = usChinaTariffSet(sharedDataDir, source);
      return [usChina, ...tariffs2025(sharedDataDir, source, usChina.rates)];
    },
    extraDerivation: [
      "tariff set teti-us-china-2019 = teti plus the 2018–19 US–China increases of ../shared/data/econ7115-7x44/tariff_Trump.csv and tariff_China.csv (wave 5), by the concordance of scripts/datasets/usChina2019.ts",
      "tariff sets of 2025 (scripts/datasets/tariffs2025.ts): complete rates built on teti-us-china-2019 in the cells each covers; April-2 rates from ../shared/data/liberation-day/tariffs.csv mapped to the 81 economies (ROW: the US-import-weighted average of the economies it holds)",
    ],
    extraNotes: [
      "baselineTariffs is teti, the rates of the tariffwar package, so that its runs are reproduced. The flows of 2022 were observed under the 2018–19 US–China duties as well: for 2025 scenarios choose baselineTariffs: teti-us-china-2019 in the scenario, and apply the dated 2025 sets as shocks (each replaces the rates of the cells it covers; see tradewinds datasets icio-2022).",
    ],
  });
}

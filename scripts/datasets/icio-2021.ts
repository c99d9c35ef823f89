import type { Dataset } from "../../src/data/dataset.js";
import { buildTariffwarDataset } from "./tariffwarDataset.js";
import { usChinaTariffSet } from "./usChina2019.js";

/**
 * Builds data/icio-2021: OECD ICIO 2023 edition, 2021 (81 economies × 28 sectors), from the tariffwar
 * package's inputs (tariffwarDataset.ts), with the Teti tariffs (the baseline) and the 2018–19 US–China
 * duties added to them (usChina2019.ts).
 */
export function build(sharedDataDir: string): Dataset {
  return buildTariffwarDataset(sharedDataDir, {
    name: "icio-2021",
    tag: "ICIO2021",
    year: 2021,
    title: "OECD ICIO 2023 edition, 2021: 81 economies × 28 sectors (27 goods at ICIO codes, services aggregate), Teti tariffs and the 2018–19 US–China duties, eight elasticity sets",
    extraTariffSets: (source) => [usChinaTariffSet(sharedDataDir, source)],
    extraDerivation: [
      "tariff set teti-us-china-2019 = teti plus the 2018–19 US–China increases of ../shared/data/econ7115-7x44/tariff_Trump.csv and tariff_China.csv (wave 5), by the concordance of scripts/datasets/usChina2019.ts",
    ],
    extraNotes: [
      "baselineTariffs is teti, the rates of the tariffwar package, so that its runs are reproduced; the flows of 2021 were observed under the 2018–19 US–China duties as well — choose baselineTariffs: teti-us-china-2019 in a scenario to start from them.",
    ],
  });
}

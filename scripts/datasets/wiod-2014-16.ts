import type { Dataset } from "../../src/data/dataset.js";
import { buildTariffwarDataset } from "./tariffwarDataset.js";

/**
 * Builds data/wiod-2014-16: the WIOD 2016 release, 2014, as aggregated by the tariffwar package (44
 * economies × 16 sectors W01–W16, no input–output links), with the Teti tariffs of 2014 (the baseline)
 * and the eight elasticity sets: the data of Lashkaripour (2021)'s reference runs.
 */
export function build(sharedDataDir: string): Dataset {
  return buildTariffwarDataset(sharedDataDir, {
    name: "wiod-2014-16",
    tag: "WIOD2014",
    year: 2014,
    title: "WIOD 2016 release, 2014, as in Lashkaripour (2021): 44 economies × 16 sectors, Teti tariffs, eight elasticity sets",
  });
}

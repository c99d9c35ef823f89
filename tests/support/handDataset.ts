import type { Dataset } from "../../src/data/dataset.js";

/** A one-sector hand-made dataset from a row-major flow matrix (exporter rows, importer columns, domestic sales on the diagonal). */
export function handDataset(codes: string[], flows: number[], units = "millions of USD"): Dataset {
  return {
    meta: { name: "hand", title: "hand case", year: 2000, units, source: "test", licence: "none", attribution: "none", derivation: [], notes: [] },
    countries: codes.map((code) => ({ code, name: code })),
    sectors: [{ code: "ALL", name: "All goods", tradable: true }],
    flows: Float64Array.from(flows),
    tariffs: {},
    covariates: {},
    groups: {},
    parameters: {},
  };
}

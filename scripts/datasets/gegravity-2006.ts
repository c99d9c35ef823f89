import { join } from "node:path";
import type { DatasetFile } from "../../src/data/format.js";
import { countryNames, numberCell, readPlainCsv } from "./gravityCsv.js";

/**
 * Builds data/gegravity-2006.json from gegravity's sample data (peter-herman/gegravity @ 358cba1,
 * `examples/sample_data_set.dlm`): 30 countries, 2006, trade including domestic flows, with the
 * DGD cost proxies of the package's OneSectorGE example (spec one-sector.md §2.1, §2.5).
 *
 * gegravity reads output Y and expenditure E as separate columns (Y_i = mean of Y by exporter,
 * E_j = mean of E by importer, OneSectorGE.py lines 385–393). They come from the AG 69-country data,
 * so they are NOT the row/column totals of these 30×30 flows; they are stored as
 * parameters["output"] and parameters["expenditure"] (one per country, in country order).
 */
const SOURCE = "gegravity-sample/sample_data_set.dlm";
const COST_VARIABLES = ["pta", "contiguity", "common_language", "lndist", "international"] as const;

export function build(sharedDataDir: string): DatasetFile {
  const path = join(sharedDataDir, SOURCE);
  const rows = readPlainCsv(path);
  const codes = [...new Set(rows.map((r) => r.exporter))].sort();
  const N = codes.length;
  const at = new Map(codes.map((c, k) => [c, k]));
  if (rows.length !== N * N) throw new Error(`${path}: ${rows.length} rows, expected ${N}² = ${N * N}`);
  const years = new Set(rows.map((r) => r.year));
  if (years.size !== 1) throw new Error(`${path}: expected one year, found ${[...years].join(", ")}`);

  const flows = new Array<number>(N * N).fill(NaN);
  const covariates: Record<string, number[]> = Object.fromEntries(COST_VARIABLES.map((v) => [v, new Array<number>(N * N).fill(NaN)]));
  const outputSum = new Array<number>(N).fill(0);
  const expenditureSum = new Array<number>(N).fill(0);
  const outputCount = new Array<number>(N).fill(0);
  const expenditureCount = new Array<number>(N).fill(0);
  for (const r of rows) {
    const i = at.get(r.exporter);
    const j = at.get(r.importer);
    if (i === undefined || j === undefined) throw new Error(`${path}: importer ${r.importer} is not among the exporters`);
    flows[i * N + j] = numberCell(r, "trade", path);
    for (const v of COST_VARIABLES) covariates[v][i * N + j] = numberCell(r, v, path);
    outputSum[i] += numberCell(r, "Y", path);
    outputCount[i]++;
    expenditureSum[j] += numberCell(r, "E", path);
    expenditureCount[j]++;
  }
  const names = countryNames(sharedDataDir, codes);
  return {
    format: "tradewinds-dataset/1",
    meta: {
      name: "gegravity-2006",
      title: "gegravity sample data: 30 countries, 2006, trade incl. domestic flows with DGD cost proxies",
      year: Number([...years][0]),
      units: "millions of current USD (as the AG data the sample is drawn from)",
      source: "peter-herman/gegravity @ 358cba1, examples/sample_data_set.dlm (trade, Y and E from the Advanced Guide's 1_TradeWithoutBorder data; cost proxies from the Dynamic Gravity Dataset)",
      licence: "MIT",
      attribution: "Peter Herman, gegravity: General Equilibrium Gravity Modeling in Python (U.S. International Trade Commission), MIT licence; underlying trade data from Yotov, Piermartini, Monteiro & Larch (2016), CC BY 4.0.",
      derivation: [
        `read ../shared/data/${SOURCE} (${N}² rows, one year)`,
        "flows = trade (exporter row, importer column), domestic flows included",
        `covariates ${COST_VARIABLES.join(", ")} as given; constant = 1 for every pair`,
        "parameters.output[i] = mean of Y over exporter i's rows; parameters.expenditure[j] = mean of E over importer j's rows (gegravity OneSectorGE lines 385–393)",
      ],
      notes: [
        "Y and E are the AG 69-country totals, not the totals of these 30×30 flows; the gegravity model reads them from parameters.",
      ],
    },
    countries: codes.map((code) => ({ code, name: names.get(code) ?? code })),
    sectors: [{ code: "ALL", name: "Manufacturing", tradable: true }],
    flows,
    tariffs: {},
    covariates: { ...covariates, constant: new Array<number>(N * N).fill(1) },
    groups: {},
    parameters: {
      output: outputSum.map((s, k) => s / outputCount[k]),
      expenditure: expenditureSum.map((s, k) => s / expenditureCount[k]),
    },
  };
}

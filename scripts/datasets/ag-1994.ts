import { join } from "node:path";
import type { DatasetFile } from "../../src/data/format.js";
import { roundSignificant } from "../../src/data/write.js";
import { ADVANCED_GUIDE, countryNames, crossSection, numberCell } from "./gravityCsv.js";

/**
 * Builds data/ag-1994.json: the 1994 cross-section of the Advanced Guide's NAFTA application (Yotov,
 * Piermartini, Monteiro & Larch 2016, Chapter 2, Application 2, `RTAsEffects.do`, input
 * `Chapter2Application2.csv`), 69 countries, manufacturing incl. domestic flows. It is the GE baseline
 * year of the NAFTA counterfactual (spec one-sector.md §1.3: Y, E from observed 1994 trade; the RTA
 * dummy whose NAFTA entries the counterfactual sets to 0). Trade costs come from the estimation stages
 * on the panel (data/panels/ag-rta-1986-2006.csv), see examples/ag-nafta.yaml.
 */
const SOURCE = "advanced-guide/Chapter2Application2.csv";
const YEAR = 1994;

export function build(sharedDataDir: string): DatasetFile {
  const path = join(sharedDataDir, SOURCE);
  const { rows, codes, N, indexOf } = crossSection(path, YEAR);
  const flows = new Array<number>(N * N).fill(NaN);
  const columns = { ln_DIST: "DIST", CNTG: "CNTG", LANG: "LANG", CLNY: "CLNY", RTA: "RTA" } as const;
  const covariates: Record<string, number[]> = Object.fromEntries(Object.keys(columns).map((name) => [name, new Array<number>(N * N).fill(NaN)]));
  for (const r of rows) {
    const k = indexOf(r);
    flows[k] = roundSignificant(numberCell(r, "trade", path));
    covariates.ln_DIST[k] = roundSignificant(Math.log(numberCell(r, "DIST", path)));
    for (const name of ["CNTG", "LANG", "CLNY", "RTA"] as const) covariates[name][k] = numberCell(r, columns[name], path);
  }
  const names = countryNames(sharedDataDir, codes);
  return {
    format: "tradewinds-dataset/1",
    meta: {
      name: "ag-1994",
      title: "Advanced Guide to Trade Policy Analysis: manufacturing trade incl. domestic flows, 69 countries, 1994 (NAFTA application)",
      year: YEAR,
      units: "millions of current USD",
      source: ADVANCED_GUIDE.source("Chapter 2 Application 2 data (Chapter2Application2.csv)"),
      licence: ADVANCED_GUIDE.licence,
      attribution: ADVANCED_GUIDE.attribution,
      derivation: [
        `read ../shared/data/${SOURCE}; keep year == ${YEAR} (${N}² rows, domestic flows included; RTAsEffects.do:56–77)`,
        "flows = trade (exporter row, importer column), rounded to 12 significant digits",
        "ln_DIST = ln(DIST); CNTG, LANG, CLNY, RTA as given",
      ],
      notes: [
        ...ADVANCED_GUIDE.notes,
        "The NAFTA trade costs are estimated on the 1986–2006 panel (embedded as panel:ag-rta-1986-2006), not on this cross-section.",
      ],
    },
    countries: codes.map((code) => ({ code, name: names.get(code) ?? code })),
    sectors: [{ code: "ALL", name: "Manufacturing", tradable: true }],
    flows,
    tariffs: {},
    covariates,
    groups: { NAFTA: ["CAN", "MEX", "USA"] },
    parameters: {},
  };
}

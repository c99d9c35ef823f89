import { join } from "node:path";
import type { DatasetFile } from "../../src/data/format.js";
import { roundSignificant } from "../../src/data/write.js";
import { ADVANCED_GUIDE, countryNames, crossSection, numberCell } from "./gravityCsv.js";

/**
 * Builds data/ag-2006.json: the Advanced Guide's 2006 cross-section of manufacturing trade including
 * domestic flows (Yotov, Piermartini, Monteiro & Larch 2016, Chapter 2, Exercise 1 input
 * `Chapter2Exercise1.csv`), 69 countries, one sector, with the gravity covariates the Chapter 2
 * border exercise uses. Steps follow the exercise's Stata log (RemovingSpecificBorder.log).
 */
const SOURCE = "advanced-guide/Chapter2Exercise1.csv";
const YEAR = 2006;
/** The two countries of the exercise's specific border (CAN–USA, both directions). */
const BORDER_PAIR = ["CAN", "USA"] as const;

export function build(sharedDataDir: string): DatasetFile {
  const path = join(sharedDataDir, SOURCE);
  const { rows, codes, N, indexOf } = crossSection(path, YEAR);
  const at = new Map(codes.map((c, k) => [c, k]));

  const flows = new Array<number>(N * N).fill(NaN);
  const lnDist = new Array<number>(N * N).fill(NaN);
  const contiguity = new Array<number>(N * N).fill(NaN);
  for (const r of rows) {
    const k = indexOf(r);
    flows[k] = roundSignificant(numberCell(r, "trade", path));
    lnDist[k] = roundSignificant(Math.log(numberCell(r, "DIST", path)));
    contiguity[k] = numberCell(r, "CNTG", path);
  }
  const border = new Array<number>(N * N);
  const specificBorder = new Array<number>(N * N).fill(0);
  const otherBorder = new Array<number>(N * N);
  const [a, b] = BORDER_PAIR.map((c) => at.get(c)!);
  specificBorder[a * N + b] = 1;
  specificBorder[b * N + a] = 1;
  for (let i = 0; i < N; i++)
    for (let j = 0; j < N; j++) {
      border[i * N + j] = i === j ? 0 : 1;
      otherBorder[i * N + j] = border[i * N + j] - specificBorder[i * N + j];
    }
  const names = countryNames(sharedDataDir, codes);
  return {
    format: "tradewinds-dataset/1",
    meta: {
      name: "ag-2006",
      title: "Advanced Guide to Trade Policy Analysis: manufacturing trade incl. domestic flows, 69 countries, 2006",
      year: YEAR,
      units: "millions of current USD",
      source: ADVANCED_GUIDE.source("Chapter 2 Exercise 1 data (Chapter2Exercise1.csv)"),
      licence: ADVANCED_GUIDE.licence,
      attribution: ADVANCED_GUIDE.attribution,
      derivation: [
        `read ../shared/data/${SOURCE}; keep year == ${YEAR} (${N}² rows, domestic flows included)`,
        "flows = trade (exporter row, importer column), rounded to 12 significant digits",
        "ln_DIST = ln(DIST); CNTG as given; INTL_BRDR = 1 if exporter ≠ importer",
        "INTL_BRDR_CAN_USA = 1 for CAN→USA and USA→CAN (the exercise's INTL_BRDR_AB); INTL_BRDR_OTHER = INTL_BRDR − INTL_BRDR_CAN_USA",
      ],
      notes: [
        ...ADVANCED_GUIDE.notes,
        "Units follow the AG book (trade in millions of USD).",
      ],
    },
    countries: codes.map((code) => ({ code, name: names.get(code) ?? code })),
    sectors: [{ code: "ALL", name: "Manufacturing", tradable: true }],
    flows,
    tariffs: {},
    covariates: {
      ln_DIST: lnDist,
      CNTG: contiguity,
      INTL_BRDR: border,
      INTL_BRDR_CAN_USA: specificBorder,
      INTL_BRDR_OTHER: otherBorder,
    },
    groups: {},
    parameters: {},
  };
}

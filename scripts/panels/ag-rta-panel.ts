/**
 * Builds data/panels/ag-rta-1986-2006.csv (+ its provenance sidecar .json): the panel of the Advanced
 * Guide's NAFTA application (Yotov, Piermartini, Monteiro & Larch 2016, Chapter 2, Application 2,
 * `RTAsEffects.do`, input `Chapter2Application2.csv`) reduced to what the NAFTA chain uses
 * (spec one-sector.md §1.2–1.3): the six panel years 1986, 1990, …, 2006 (RTAsEffects.do:56–59) and the
 * columns exporter, importer, pair_id, year, trade, DIST, CNTG, LANG, CLNY, RTA. Numbers are written
 * with at most 12 significant digits (integers as integers); empty cells stay empty (missing).
 *
 *   npx tsx scripts/panels/ag-rta-panel.ts          (reads ../shared/data, or $TRADEWINDS_SHARED_DATA)
 *
 * tests/panel-rebuild.test.ts checks that the committed files equal this build.
 */
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ADVANCED_GUIDE, readPlainCsv } from "../datasets/gravityCsv.js";

export const PANEL_NAME = "ag-rta-1986-2006";
const SOURCE = "advanced-guide/Chapter2Application2.csv";
const YEARS = new Set([1986, 1990, 1994, 1998, 2002, 2006]);
const COLUMNS = ["exporter", "importer", "pair_id", "year", "trade", "DIST", "CNTG", "LANG", "CLNY", "RTA"] as const;
const TEXT_COLUMNS = new Set(["exporter", "importer"]);

/** A numeric cell with ≤ 12 significant digits; "" stays "" (missing). */
function numberText(cell: string, where: string): string {
  if (cell === "") return "";
  const value = Number(cell);
  if (!Number.isFinite(value)) throw new Error(`${where}: not a number: ${JSON.stringify(cell)}`);
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)));
}

export interface PanelBuild {
  csv: string;
  meta: Record<string, unknown>;
}

export function build(sharedDataDir: string): PanelBuild {
  const path = join(sharedDataDir, SOURCE);
  const rows = readPlainCsv(path);
  const lines = [COLUMNS.join(",")];
  let kept = 0;
  rows.forEach((row, r) => {
    if (!YEARS.has(Number(row.year))) return;
    kept++;
    lines.push(COLUMNS.map((c) => (TEXT_COLUMNS.has(c) ? row[c] : numberText(row[c], `${path} row ${r + 2} column ${c}`))).join(","));
  });
  const meta = {
    format: "tradewinds-panel/1",
    name: PANEL_NAME,
    file: `${PANEL_NAME}.csv`,
    title: "Advanced Guide to Trade Policy Analysis, Chapter 2 Application 2 (RTA effects / NAFTA) panel: 69 countries, manufacturing incl. domestic flows, 1986–2006 every 4 years",
    rows: kept,
    columns: {
      exporter: "exporter ISO3 code (Romania is ROM as in the source)",
      importer: "importer ISO3 code",
      pair_id: "symmetric pair identifier (i→j and j→i share it; each domestic pair has its own)",
      year: "year",
      trade: "nominal trade flow, millions of current USD (domestic flows included)",
      DIST: "population-weighted distance, km (CEPII GeoDist)",
      CNTG: "1 if the two countries share a border",
      LANG: "1 if they share an official language",
      CLNY: "1 if they ever had a colonial link",
      RTA: "1 if a regional trade agreement is in force",
    },
    units: "millions of current USD",
    source: ADVANCED_GUIDE.source("Chapter 2 Application 2 data (Chapter2Application2.csv)"),
    licence: ADVANCED_GUIDE.licence,
    attribution: ADVANCED_GUIDE.attribution,
    derivation: [
      `read ../shared/data/${SOURCE}; keep year ∈ {1986, 1990, 1994, 1998, 2002, 2006} (RTAsEffects.do:56–59)`,
      `keep columns ${COLUMNS.join(", ")}`,
      "numbers: integers as integers, others rounded to 12 significant digits; empty cells stay empty",
    ],
  };
  return { csv: lines.join("\n") + "\n", meta };
}

/** The committed sidecar text (pretty JSON + newline). */
export function metaText(meta: Record<string, unknown>): string {
  return JSON.stringify(meta, null, 2) + "\n";
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const shared = resolve(process.env.TRADEWINDS_SHARED_DATA ?? "../shared/data");
  const built = build(shared);
  writeFileSync(`data/panels/${PANEL_NAME}.csv`, built.csv);
  writeFileSync(`data/panels/${PANEL_NAME}.json`, metaText(built.meta));
  console.log(`data/panels/${PANEL_NAME}.csv: ${String(built.meta.rows)} rows, ${(built.csv.length / 1e6).toFixed(2)} MB`);
}

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT } from "../../src/cli/main.js";
import type { DatasetFile } from "../../src/data/format.js";
import { runCli } from "../support/cli.js";
import { icioDatasetFile } from "../../src/data/icio.js";
import { wiotDatasetFile } from "../../src/data/import/wiot.js";
import { TradewindsInputError, message } from "../../src/messages.js";
import { expectClose } from "../support/expectClose.js";
import { COUNTRIES, FINAL, INDUSTRIES, N, S, syntheticGrid, type Grid } from "../support/ioGrid.js";

/**
 * `tradewinds import wiod`: a World Input-Output Table in the flat layout of the WIOD 2016 release's R/Stata
 * files. The identity checked: the synthetic table of tests/support/ioGrid.ts (whose ICIO import
 * tests/icio-import.test.ts checks against its known primitives) written in the WIOT layout imports to the
 * same dataset as in the ICIO layout — flows, γ, β, α, GDP and deficits — since in a balanced table
 * GO − Σ Z = VA + TLS.
 */

/** Both imports round to 12 significant digits after the same sums: equal to a few units in the 12th digit. */
const TOL_ROUNDED_RELATIVE = 1e-10;
const YEAR = 2014;

/** The grid in the WIOT flat layout: industry rows with RNr k+1, columns <COUNTRY><c> (c ≤ S intermediate, S+1… final), TOT; total rows TXSP, VA, GO. */
function wiotCsv(grid: Grid, edit: (rows: string[][]) => void = () => undefined): string {
  const icio = (n: number, j: number) => `${COUNTRIES[n]}_${INDUSTRIES[j]}`;
  const columns: { name: string; icio: string }[] = [];
  COUNTRIES.forEach((c, n) => {
    INDUSTRIES.forEach((_, j) => columns.push({ name: `${c}${j + 1}`, icio: icio(n, j) }));
    FINAL.forEach(([f], k) => columns.push({ name: `${c}${S + 1 + k}`, icio: `${c}_${f}` }));
  });
  const value = (row: string, column: string) => String(grid.cells.get(`${row}|${column}`) ?? 0);
  const rows: string[][] = [["IndustryCode", "IndustryDescription", "Country", "RNr", "Year", ...columns.map((c) => c.name), "TOT"]];
  COUNTRIES.forEach((c, i) => INDUSTRIES.forEach((code, k) => rows.push([code, `industry ${code}`, c, String(k + 1), String(YEAR), ...columns.map((col) => value(icio(i, k), col.icio)), value(icio(i, k), "OUT")])));
  for (const [code, icioRow] of [["TXSP", "TLS"], ["VA", "VA"], ["GO", "OUT"]]) rows.push([code, code, "TOT", "", String(YEAR), ...columns.map((col) => value(icioRow, col.icio)), ""]);
  edit(rows);
  return rows.map((r) => r.join(",")).join("\n") + "\n";
}

const icioCsv = (grid: Grid) => {
  const lines = [["V1", ...grid.columns].join(",")];
  for (const r of grid.rows) lines.push([r, ...grid.columns.map((c) => String(grid.cells.get(`${r}|${c}`) ?? 0))].join(","));
  return lines.join("\n") + "\n";
};

describe("wiotDatasetFile(csv): the WIOD flat layout", () => {
  const grid = syntheticGrid();
  const fromIcio = icioDatasetFile(icioCsv(grid), { source: "icio.csv", name: "t", year: YEAR, units: "millions of current USD" });
  const fromWiot = wiotDatasetFile(wiotCsv(grid), { source: "wiot.csv", name: "t", units: "millions of current USD" });

  it("imports the same table as the ICIO layout does: flows, γ, β, α, GDP, deficits", () => {
    expect(fromWiot.countries.map((c) => c.code)).toEqual(COUNTRIES);
    expect(fromWiot.sectors.map((s) => s.code)).toEqual(INDUSTRIES);
    expect(fromWiot.meta.year).toBe(YEAR);
    const same = (a: readonly (number | null)[], b: readonly (number | null)[], what: string) => {
      expect(a.length).toBe(b.length);
      a.forEach((x, k) => expectClose(x!, b[k]!, TOL_ROUNDED_RELATIVE * Math.max(1, Math.abs(b[k]!)), `${what}[${k}]`));
    };
    same(fromWiot.flows, fromIcio.flows, "flows");
    same(fromWiot.io!.inputShares, fromIcio.io!.inputShares, "γ");
    same(fromWiot.io!.valueAddedShares, fromIcio.io!.valueAddedShares, "β");
    same(fromWiot.io!.finalShares, fromIcio.io!.finalShares, "α");
    same(fromWiot.gdp!, fromIcio.gdp!, "gdp");
    same(fromWiot.deficits!, fromIcio.deficits!, "deficits");
    expect(fromWiot.flows).toHaveLength(S * N * N);
  });

  it("tradewinds import wiod writes the same dataset file (year from the Year column)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tradewinds-wiod-"));
    writeFileSync(join(dir, "wiot.csv"), wiotCsv(grid));
    const r = await runCli("import", "wiod", join(dir, "wiot.csv"), "--out", join(dir, "t.json"));
    expect(r.code, r.err).toBe(EXIT.ok);
    const written = JSON.parse(readFileSync(join(dir, "t.json"), "utf8")) as DatasetFile;
    expect(written.flows).toEqual(fromWiot.flows);
    expect([written.meta.year, written.meta.units]).toEqual([YEAR, "millions of current USD"]);
  });

  it("names the line of a negative intermediate cell, a missing GO row, a missing column", () => {
    const issues = (csv: string) => {
      try {
        wiotDatasetFile(csv, { source: "w.csv", name: "t", units: "millions of current USD" });
      } catch (err) {
        expect(err).toBeInstanceOf(TradewindsInputError);
        return (err as TradewindsInputError).issues;
      }
      throw new Error("expected an input error");
    };
    const negative = issues(wiotCsv(grid, (rows) => (rows[1][6] = "-1")));
    expect(negative.map((i) => [i.path, i.message])).toEqual([["line 2, JPN2", message.icioNegative("JPN_B05_06", "JPN2", -1)]]);
    expect(issues(wiotCsv(grid, (rows) => rows.pop())).map((i) => i.message)).toEqual([message.wiotMissingRow("GO")]);
    expect(issues(wiotCsv(grid, (rows) => (rows[0][3] = "Row"))).map((i) => i.message)).toEqual([message.wiotMissingColumn("RNr")]);
  });
});

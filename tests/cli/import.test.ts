import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT } from "../../src/cli/main.js";
import type { DatasetFile } from "../../src/data/format.js";
import { message } from "../../src/messages.js";
import type { RunReport } from "../../src/report/types.js";
import { runCli } from "../support/cli.js";
import { expectClose } from "../support/expectClose.js";
import { syntheticGrid } from "../support/ioGrid.js";

/**
 * `tradewinds import <kind> <file> --out <dataset>` (issue 12, "Bring your own data"): each kind read and
 * validated, the dataset written only once it loads, and a scenario then runs on it by path. Values are
 * hand computations on small tables.
 */
const dir = mkdtempSync(join(tmpdir(), "tradewinds-import-"));
const write = (name: string, lines: string[]) => {
  writeFileSync(join(dir, name), lines.join("\n") + "\n");
  return join(dir, name);
};
const read = (path: string) => JSON.parse(readFileSync(path, "utf8")) as DatasetFile;

/** Foreign flows of the balanced three-country table (tests/data/dataset-file.test.ts), without the domestic ones. */
const FOREIGN = ["exporter,importer,value", "AAA,BBB,2", "AAA,CCC,3", "BBB,AAA,4", "BBB,CCC,1", "CCC,AAA,1", "CCC,BBB,3"];
/** GDP such that expenditure = GDP gives back domestic sales 10, 12, 9: GDP = X_ii + imports = 10 + 5, 12 + 5, 9 + 4. */
const GDP = ["country,name,gdp", "AAA,Country A,15", "BBB,Country B,17", "CCC,Country C,13"];
const THETA = 4;
/** CP's residual 1e-7 leaves welfare in % right to well below 1e-4 pp (tests/autarky-closed-forms.test.ts). */
const TOL_SOLVED_PCT = 1e-4;

describe("tradewinds import csv: a flows table, domestic sales filled by a stated rule", () => {
  it("--domestic gdp-minus-imports fills X_ii = GDP − imports; the scenario then runs on the JSON by path (CSV → import → result)", async () => {
    const out = join(dir, "three.json");
    const r = await runCli("import", "csv", write("foreign.csv", FOREIGN), "--out", out, "--units", "millions of current USD", "--countries", write("gdp.csv", GDP), "--domestic", "gdp-minus-imports");
    expect(r.err).toBe("");
    expect(r.code).toBe(EXIT.ok);
    const file = read(out);
    expect(file.flows).toEqual([10, 2, 3, 4, 12, 1, 1, 3, 9]);
    expect(file.countries.map((c) => c.name)).toEqual(["Country A", "Country B", "Country C"]);
    expect(file.gdp).toEqual([15, 17, 13]);
    expect(file.meta.units).toBe("millions of current USD");
    const scenario = write("s.yaml", [
      "name: three",
      "dataset: ./three.json",
      `model: { type: caliendo-parro, tradeElasticity: ${THETA} }`,
      "phases:",
      "  - name: AAA alone",
      "    shocks:",
      "      - { type: embargo, importer: AAA, exporter: all }",
      "      - { type: embargo, importer: all, exporter: AAA }",
    ]);
    const run = await runCli("run", scenario, "--format", "json");
    expect(run.code).toBe(EXIT.ok);
    const report = JSON.parse(run.out) as RunReport;
    expect(report.warnings).toEqual(expect.not.arrayContaining([expect.stringMatching(/states no units/)]));
    const aaa = report.phases[0].countries.find((c) => c.code === "AAA")!.values.welfareChangePct!;
    expectClose(aaa, 100 * (Math.pow(10 / 15, 1 / THETA) - 1), TOL_SOLVED_PCT, "AAA in autarky vs λ_AA^(1/θ)");
  });

  it("without a rule, each missing domestic flow is named with the fix; --units is required; options of other kinds are refused", async () => {
    const file = write("foreign2.csv", FOREIGN);
    const missing = await runCli("import", "csv", file, "--out", join(dir, "x.json"), "--units", "millions of current USD");
    expect(missing.code).toBe(EXIT.input);
    for (const code of ["AAA", "BBB", "CCC"]) expect(missing.err).toContain(message.flowDomesticMissing(code));
    const units = await runCli("import", "csv", file, "--out", join(dir, "x.json"));
    expect(units.code).toBe(EXIT.input);
    expect(units.err).toContain(message.importUnitsRequired());
    const codes = await runCli("import", "csv", file, "--out", join(dir, "x.json"), "--units", "USD", "--codes", "c.csv");
    expect(codes.err).toContain(message.importOptionNotForKind("--codes", "csv", ["baci"]));
    const kind = await runCli("import", "gtap", file, "--out", join(dir, "x.json"));
    expect(kind.code).toBe(EXIT.input);
    expect(kind.err).toContain(message.importKind(["icio", "wiod", "baci", "csv"]));
  });
});

describe("tradewinds import icio, wiod (and import-icio, kept as its alias)", () => {
  const grid = syntheticGrid();
  const icioLines = [["V1", ...grid.columns].join(","), ...grid.rows.map((r) => [r, ...grid.columns.map((c) => String(grid.cells.get(`${r}|${c}`) ?? 0))].join(","))];

  it("import icio and import-icio write the same dataset", async () => {
    const csv = write("ICIO-2020.csv", icioLines);
    const a = await runCli("import", "icio", csv, "--out", join(dir, "icio-a.json"), "--name", "icio-test");
    const b = await runCli("import-icio", csv, "--out", join(dir, "icio-b.json"), "--name", "icio-test");
    expect([a.code, b.code]).toEqual([EXIT.ok, EXIT.ok]);
    const fileA = read(join(dir, "icio-a.json"));
    expect(fileA.meta.year).toBe(2020);
    expect(fileA).toEqual(read(join(dir, "icio-b.json")));
  });
});

describe("tradewinds import baci: products summed by pair, CEPII codes named by the code table, domestic sales by rule", () => {
  it("X_ij = Σ_k v over HS products; codes 4/8/12 → AAA/BBB/CCC; X_ii = GDP − imports (thousands of USD)", async () => {
    // Two products per pair, values chosen so that the sums are the foreign flows above times 1000 (thousands of USD).
    const rows = ["t,i,j,k,v,q"];
    const code = { AAA: 4, BBB: 8, CCC: 12 } as const;
    for (const line of FOREIGN.slice(1)) {
      const [e, m, v] = line.split(",");
      rows.push(`2022,${code[e as keyof typeof code]},${code[m as keyof typeof code]},010121,${Number(v) * 400},1`);
      rows.push(`2022,${code[e as keyof typeof code]},${code[m as keyof typeof code]},720810,${Number(v) * 600},2`);
    }
    const codes = write("country_codes_V202401b.csv", ["country_code,country_name,country_iso2,country_iso3", "4,Alpha,AA,AAA", "8,Beta,BB,BBB", "12,Gamma,CC,CCC", "20,Delta,DD,DDD"]);
    const gdp = write("gdp-thousands.csv", ["country,gdp", "AAA,15000", "BBB,17000", "CCC,13000"]);
    const out = join(dir, "baci.json");
    const r = await runCli("import", "baci", write("BACI_HS92_Y2022_V202401b.csv", rows), "--out", out, "--codes", codes, "--countries", gdp, "--domestic", "gdp-minus-imports");
    expect(r.err).toBe("");
    expect(r.code).toBe(EXIT.ok);
    const file = read(out);
    expect(file.countries).toEqual([
      { code: "AAA", name: "Alpha" },
      { code: "BBB", name: "Beta" },
      { code: "CCC", name: "Gamma" },
    ]);
    expect(file.flows).toEqual([10, 2, 3, 4, 12, 1, 1, 3, 9].map((v) => v * 1000));
    expect([file.meta.year, file.meta.units]).toEqual([2022, "thousands of current USD"]);
    const noCodes = await runCli("import", "baci", join(dir, "BACI_HS92_Y2022_V202401b.csv"), "--out", out);
    expect(noCodes.err).toContain(message.baciCodesRequired());
    // A negative value on line 4 (rows as written above, header on line 1), and a file without the year column.
    const negative = write("BACI_negative.csv", rows.map((row, k) => (k === 3 ? row.replace(/,(\d+),(\d)$/, ",-$1,$2") : row)));
    const bad = await runCli("import", "baci", negative, "--out", join(dir, "bad.json"), "--codes", codes, "--countries", gdp, "--domestic", "gdp-minus-imports");
    expect(bad.code).toBe(EXIT.input);
    expect(bad.err).toContain(`line 4: ${message.baciBadRows(1, "line 4")}`);
    const noYear = write("BACI_no_t.csv", rows.map((row) => row.slice(row.indexOf(",") + 1)));
    const year = await runCli("import", "baci", noYear, "--out", join(dir, "bad.json"), "--codes", codes);
    expect(year.err).toContain(message.baciColumn("t"));
  });
});

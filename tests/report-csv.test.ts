import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { EXIT } from "../src/cli/main.js";
import { csvTextCell } from "../src/report/csvCell.js";
import { runCli } from "./support/cli.js";

/**
 * CSV output (the CLI's --format csv and the API's downloads share report/format.ts) against
 * spreadsheet formula injection (OWASP "CSV Injection"): a text cell that begins with =, +, -, @, a
 * tab or a carriage return is prefixed with an apostrophe; numbers — negative ones included — are not.
 */
describe("csvTextCell", () => {
  it("prefixes the formula starts and leaves other text alone", () => {
    for (const text of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x")']) expect(csvTextCell(text)).toBe(`'${text}`);
    for (const text of ["JPN", "Japan", "1-2", "a=b", "", "'quoted"]) expect(csvTextCell(text)).toBe(text);
  });
});

describe("tradewinds run --format csv", () => {
  it("escapes scenario names in text cells; negative results stay plain numbers", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tradewinds-csv-"));
    const file = join(dir, "inject.yaml");
    writeFileSync(
      file,
      [
        "name: inject",
        "dataset: gegravity-2006",
        "model: { type: gegravity }",
        'groups: { "-NA": [CAN, USA, MEX] }',
        'report: { countries: ["-NA", CAN] }',
        "phases:",
        '  - name: "=1+1"',
        "    shocks: [{ type: trade-cost, importer: [CAN, USA, MEX], exporter: [CAN, USA, MEX], factor: 1.5 }]",
      ].join("\n"),
    );
    const out = join(dir, "out.csv");
    const r = await runCli("run", file, "--format", "csv", "--out", out);
    expect(r.code).toBe(EXIT.ok);
    const [header, ...rows] = parseCsv(readFileSync(out, "utf8")) as string[][];
    const at = (name: string) => header.indexOf(name);
    expect(new Set(rows.map((row) => row[at("phase")]))).toEqual(new Set(["'=1+1"]));
    const group = rows.find((row) => row[at("code")] === "'-NA");
    expect(group?.[at("kind")]).toBe("aggregate");
    // Costlier trade among the three lowers Canada's welfare: a negative number, written as one.
    const canada = rows.find((row) => row[at("code")] === "CAN")!;
    const welfare = canada[at("welfareChangePct")];
    expect(welfare).toMatch(/^-\d/);
    expect(Number(welfare)).toBeLessThan(0);
  });
});

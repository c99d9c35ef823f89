import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT } from "../../src/cli/main.js";
import { FLOWS_FILE_UNITS, loadScenarioDataset } from "../../src/data/datasetFile.js";
import { message } from "../../src/messages.js";
import { runScenario, runScenarioAsync } from "../../src/run.js";
import type { RunReport } from "../../src/report/types.js";
import { runCli } from "../support/cli.js";
import { expectClose } from "../support/expectClose.js";
import { inputIssuesOfAsync } from "../support/inputIssues.js";

/**
 * A scenario's `dataset:` may name a file (issue 12, "Bring your own data"): a long-format flows table
 * written by hand runs through `tradewinds run`. The check is a closed form: in the one-sector
 * Caliendo–Parro model (no input–output links, balanced trade) a country cut off from all trade has
 * Ŵ = λ_AA^(1/θ) (Arkolakis, Costinot & Rodríguez-Clare 2012, AER, eq. 1), λ_AA its domestic expenditure
 * share; a phase without shocks returns the baseline (zero change everywhere).
 *
 * Flows (exporter rows, importer columns), balanced — row sums = column sums 15, 17, 13:
 *   AAA: 10 2 3 / BBB: 4 12 1 / CCC: 1 3 9  →  λ_AA = 10 / (10 + 4 + 1) = 2/3.
 */
const THREE_CSV = ["exporter,importer,value", "AAA,AAA,10", "AAA,BBB,2", "AAA,CCC,3", "BBB,AAA,4", "BBB,BBB,12", "BBB,CCC,1", "CCC,AAA,1", "CCC,BBB,3", "CCC,CCC,9"].join("\n") + "\n";
const THETA = 4;
const ACR_AAA_PCT = 100 * (Math.pow(2 / 3, 1 / THETA) - 1);
/** CP solves to a residual norm of 1e-7 on O(1)-scaled equations: welfare in % is right to well below 1e-4 pp (as in tests/autarky-closed-forms.test.ts). */
const TOL_SOLVED_PCT = 1e-4;

const SCENARIO = (dataset: string) =>
  [
    "name: three countries from a file",
    `dataset: ${dataset}`,
    `model: { type: caliendo-parro, tradeElasticity: ${THETA} }`,
    "report: { countries: [AAA, BBB, CCC] }",
    "phases:",
    "  - name: baseline",
    "  - name: AAA alone",
    "    shocks:",
    "      - { type: embargo, importer: AAA, exporter: all }",
    "      - { type: embargo, importer: all, exporter: AAA }",
  ].join("\n") + "\n";

function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "tradewinds-byod-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const welfare = (report: RunReport, phase: number, code: string) => report.phases[phase].countries.find((c) => c.code === code)!.values.welfareChangePct!;

function expectHandResult(report: RunReport): void {
  expect(report.phases.map((p) => p.converged)).toEqual([true, true]);
  for (const code of ["AAA", "BBB", "CCC"]) expect(welfare(report, 0, code)).toBe(0);
  expectClose(welfare(report, 1, "AAA"), ACR_AAA_PCT, TOL_SOLVED_PCT, "AAA in autarky vs λ_AA^(1/θ)");
}

const inputIssues = inputIssuesOfAsync;

describe("tradewinds run with dataset: ./three.csv (a flows table written by hand)", () => {
  it("runs through the CLI and matches the ACR closed form; the assumed units are a warning", async () => {
    const dir = folderWith({ "three.csv": THREE_CSV, "s.yaml": SCENARIO("./three.csv") });
    const { code, out, err } = await runCli("run", join(dir, "s.yaml"), "--format", "json");
    expect(err).toBe("");
    expect(code).toBe(EXIT.ok);
    const report = JSON.parse(out) as RunReport;
    expectHandResult(report);
    expect(report.dataset.units).toBe(FLOWS_FILE_UNITS);
    expect(report.warnings).toContain(message.datasetUnitsAssumed("./three.csv"));
  });

  it("tradewinds validate reads it too, and names a bad line of it", async () => {
    const dir = folderWith({ "three.csv": THREE_CSV, "s.yaml": SCENARIO("./three.csv"), "bad.csv": THREE_CSV.replace("BBB,CCC,1", "BBB,CCC,-1"), "b.yaml": SCENARIO("bad.csv") });
    const ok = await runCli("validate", join(dir, "s.yaml"));
    expect(ok.code).toBe(EXIT.ok);
    expect(ok.err).toContain(message.datasetUnitsAssumed("./three.csv"));
    const bad = await runCli("validate", join(dir, "b.yaml"));
    expect(bad.code).toBe(EXIT.input);
    expect(bad.err).toContain(`bad.csv: line 7: ${message.flowNegative()}`);
  });

  it("tradewinds datasets <file> describes it as it describes an embedded dataset", async () => {
    const dir = folderWith({ "three.csv": THREE_CSV });
    const r = await runCli("datasets", join(dir, "three.csv"), "--json");
    expect(r.code, r.err).toBe(EXIT.ok);
    const described = JSON.parse(r.out) as { countries: { code: string }[]; sectors: { code: string }[] };
    expect(described.countries.map((c) => c.code)).toEqual(["AAA", "BBB", "CCC"]);
    expect(described.sectors.map((s) => s.code)).toEqual(["ALL"]);
  });

  it("reads the same table as Parquet (written by DuckDB) to the same result", async () => {
    const dir = folderWith({ "three.csv": THREE_CSV, "s.yaml": SCENARIO("three.parquet") });
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const db = await DuckDBInstance.create(":memory:");
    const connection = await db.connect();
    await connection.run(`COPY (SELECT * FROM read_csv('${join(dir, "three.csv")}')) TO '${join(dir, "three.parquet")}' (FORMAT parquet)`);
    connection.closeSync();
    db.closeSync();
    const { code, out } = await runCli("run", join(dir, "s.yaml"), "--format", "json");
    expect(code).toBe(EXIT.ok);
    expectHandResult(JSON.parse(out) as RunReport);
  });

  it("the library: runScenarioAsync with a folder policy; runScenario (sync) says to use the asynchronous form; the default policy refuses any path", async () => {
    const dir = folderWith({ "three.csv": THREE_CSV });
    expectHandResult(await runScenarioAsync(SCENARIO("./three.csv"), { files: { baseDir: dir } }));
    const sync = await inputIssues(() => runScenario(SCENARIO("./three.csv"), { files: { baseDir: dir } }));
    expect(sync.map((i) => [i.path, i.message])).toEqual([["dataset", message.datasetFileNeedsAsync()]]);
    for (const policy of [{}, { files: "deny" as const }]) {
      const denied = await inputIssues(() => runScenarioAsync(SCENARIO("./three.csv"), policy));
      expect(denied.map((i) => i.path)).toEqual(["dataset"]);
      expect(denied[0].message).toMatch(/^a dataset file is not accepted here/);
    }
  });

  it("a sector column, a tariff column and a numeric pair covariate land at their index (s*N + i)*N + j", async () => {
    const rows = ["exporter,importer,sector,value,tariff,dist"];
    // Two sectors, two countries; value = 10·s + 2·i + j + 1 (so every cell differs), tariff 0.05·(s+1) abroad, dist 1 at home, 5 abroad.
    for (const s of [0, 1]) for (const i of [0, 1]) for (const j of [0, 1]) rows.push([["XA", "XB"][i], ["XA", "XB"][j], ["goods", "food"][s], 10 * s + 2 * i + j + 1, i === j ? 0 : 0.05 * (s + 1), i === j ? 1 : 5].join(","));
    const dir = folderWith({ "two.csv": rows.join("\n") + "\n" });
    const { dataset } = await loadScenarioDataset("two.csv", { baseDir: dir });
    expect(dataset.countries.map((c) => c.code)).toEqual(["XA", "XB"]);
    expect(dataset.sectors.map((s) => s.code)).toEqual(["goods", "food"]);
    expect(Array.from(dataset.flows)).toEqual([1, 2, 3, 4, 11, 12, 13, 14]);
    expect(dataset.baselineTariffs).toBe("file");
    expect(Array.from(dataset.tariffs.file)).toEqual([0, 0.05, 0.05, 0, 0, 0.1, 0.1, 0]);
    expect(Array.from(dataset.covariates.dist)).toEqual([1, 5, 5, 1]);
  });
});

describe("dataset: ./mine.dataset.yaml — a manifest: flows, countries and their units, no import step", () => {
  /** The balanced table without its domestic rows; GDP = domestic sales + imports, so gdp-minus-imports gives them back (10, 12, 9). */
  const FOREIGN = ["exporter,importer,value", "AAA,BBB,2", "AAA,CCC,3", "BBB,AAA,4", "BBB,CCC,1", "CCC,AAA,1", "CCC,BBB,3"].join("\n") + "\n";
  const COUNTRIES = ["country,name,gdp", "AAA,Country A,15", "BBB,Country B,17", "CCC,Country C,13"].join("\n") + "\n";
  const MANIFEST = ["flows: foreign.csv", "countries: countries.csv", "units: millions of current USD", "year: 2023", "domestic: gdp-minus-imports"].join("\n") + "\n";

  it("runs with the stated units, the countries' names and GDP, domestic sales filled by the stated rule (ACR again)", async () => {
    const dir = folderWith({ "foreign.csv": FOREIGN, "countries.csv": COUNTRIES, "mine.dataset.yaml": MANIFEST, "s.yaml": SCENARIO("./mine.dataset.yaml") });
    const { code, out, err } = await runCli("run", join(dir, "s.yaml"), "--format", "json");
    expect(err).toBe("");
    expect(code).toBe(EXIT.ok);
    const report = JSON.parse(out) as RunReport;
    expectHandResult(report);
    expect([report.dataset.name, report.dataset.units, report.dataset.year]).toEqual(["mine", "millions of current USD", 2023]);
    expect(report.phases[0].countries.map((c) => c.name)).toEqual(["Country A", "Country B", "Country C"]);
  });

  it("a manifest's unknown key and a country missing from its table: named without quoting the files", async () => {
    const dir = folderWith({ "foreign.csv": FOREIGN, "countries.csv": COUNTRIES.replace("CCC,Country C,13\n", ""), "bad.dataset.yaml": MANIFEST + "secret: value\n", "mine.dataset.yaml": MANIFEST });
    const keys = await inputIssues(() => loadScenarioDataset("bad.dataset.yaml", { baseDir: dir }));
    expect(keys.map((i) => i.message)).toEqual([message.manifestKeys()]);
    const missing = await inputIssues(() => loadScenarioDataset("mine.dataset.yaml", { baseDir: dir }));
    expect(missing.map((i) => i.message)).toEqual([message.countryTableMissing("the country first seen at line 3")]);
    for (const issues of [keys, missing]) for (const content of ["secret", "CCC", "Country"]) expect(JSON.stringify(issues)).not.toContain(content);
  });
});

describe("a flows table is validated: each problem names its line and the fix, never what the file holds", () => {
  const problems = async (csv: string) => inputIssues(() => loadScenarioDataset("t.csv", { baseDir: folderWith({ "t.csv": csv }) }));
  const lines = (...body: string[]) => ["exporter,importer,value", ...body].join("\n") + "\n";
  const GOOD = ["QQQ,QQQ,5", "QQQ,ZZZ,1", "ZZZ,QQQ,2", "ZZZ,ZZZ,7"];

  it("a negative value, a duplicate cell, an empty value: named by line", async () => {
    expect((await problems(lines(...GOOD.slice(0, 3), "ZZZ,ZZZ,-7"))).map((i) => [i.path, i.message])).toEqual([["line 5", message.flowNegative()]]);
    expect((await problems(lines(...GOOD, "QQQ,ZZZ,3"))).map((i) => [i.path, i.message])).toEqual([["line 6", message.flowDuplicate("line 3")]]);
    expect((await problems(lines(...GOOD.slice(0, 3), "ZZZ,ZZZ,"))).map((i) => [i.path, i.message])).toEqual([["line 5", message.flowCellMissing("value")]]);
  });

  it("not square, a missing domestic flow, a tariff on domestic sales, a missing column, an extra text column", async () => {
    expect((await problems(lines("QQQ,QQQ,5", "QQQ,ZZZ,1"))).map((i) => i.message)).toEqual([message.flowNotSquare("the country first seen at line 3", "importer")]);
    expect((await problems(lines("QQQ,QQQ,5", "QQQ,ZZZ,1", "ZZZ,QQQ,2"))).map((i) => i.message)).toEqual([message.flowDomesticMissing("the country first seen at line 3")]);
    const tariffs = await problems(["exporter,importer,value,tariff", "QQQ,QQQ,5,0.1", "QQQ,ZZZ,1,0", "ZZZ,QQQ,2,0", "ZZZ,ZZZ,7,0"].join("\n"));
    expect(tariffs.map((i) => [i.path, i.message])).toEqual([["line 2", message.flowTariffOnDomestic()]]);
    expect((await problems(["exporter,partner,value", "QQQ,QQQ,5"].join("\n"))).map((i) => i.message)).toEqual([message.flowColumnMissing("importer"), message.flowExtraTextColumn(2, undefined)]);
    expect((await problems(["exporter,importer,value,note", "QQQ,QQQ,5,secret"].join("\n"))).map((i) => i.message)).toEqual([message.flowExtraTextColumn(4, undefined)]);
  });

  it("no message or value quotes a code, value or column name of the file", async () => {
    const cases = [lines(...GOOD.slice(0, 3), "ZZZ,ZZZ,-7"), lines("QQQ,QQQ,5", "QQQ,ZZZ,1"), ["exporter,importer,value,secretcolumn", "QQQ,QQQ,5,x"].join("\n")];
    for (const csv of cases) {
      const text = JSON.stringify(await problems(csv));
      for (const content of ["QQQ", "ZZZ", "-7", "secretcolumn"]) expect(text).not.toContain(content);
    }
  });

  it("a .json file that is not a dataset, an unknown extension, a missing file: named by the field, content never quoted", async () => {
    const dir = folderWith({ "passwd.json": "root:x:0:0:root:/root:/bin/bash\n", "x.txt": "hello" });
    const notDataset = await inputIssues(() => loadScenarioDataset("passwd.json", { baseDir: dir }));
    expect(notDataset).toEqual([{ source: "scenario", path: "dataset", value: '"passwd.json"', message: message.datasetFileNotDataset() }]);
    expect(JSON.stringify(notDataset)).not.toContain("root");
    expect((await inputIssues(() => loadScenarioDataset("x.txt", { baseDir: dir }))).map((i) => i.message)).toEqual([message.datasetFileType()]);
    expect((await inputIssues(() => loadScenarioDataset("./none.csv", { baseDir: dir }))).map((i) => i.message)).toEqual([message.fileMissing(join(dir, "none.csv"))]);
  });
});

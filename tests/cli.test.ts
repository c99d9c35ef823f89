import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT } from "../src/cli/main.js";
import { message } from "../src/messages.js";
import { runCli } from "./support/cli.js";


const dir = mkdtempSync(join(tmpdir(), "tradewinds-cli-"));

describe("tradewinds run", () => {
  it("prints a table per phase with the definitions, and JSON with the same numbers", async () => {
    const table = await runCli("run", "examples/gegravity-can-jpn.yaml");
    expect(table.code).toBe(EXIT.ok);
    expect(table.out).toContain("Phase can-jpn-pta");
    expect(table.out).toContain("Definitions:");
    const json = await runCli("run", "examples/gegravity-can-jpn.yaml", "--format", "json");
    const report = JSON.parse(json.out);
    const can = report.phases[0].countries.find((c: { code: string }) => c.code === "CAN");
    // gegravity documentation, CAN–JPN PTA example: CAN GDP +0.418261%.
    expect(Math.abs(can.values.welfareChangePct - 0.418261)).toBeLessThan(1e-5);
    expect(report.definitions.welfareChangePct.unit).toBe("%");
    // A phase carries the fields of PhaseReport (report/types.ts) only — not the compiled policy arrays.
    const documented = ["name", "date", "description", "converged", "status", "statusNote", "solver", "countries", "summary", "bilateral", "sectors", "scalars", "appliedRates"];
    for (const phase of report.phases) expect(Object.keys(phase).filter((k) => !documented.includes(k))).toEqual([]);
  });

  it("writes CSV to --out", async () => {
    const file = join(dir, "out.csv");
    const r = await runCli("run", "examples/gegravity-can-jpn.yaml", "--format", "csv", "--out", file);
    expect(r.code).toBe(EXIT.ok);
    const [header, ...rows] = readFileSync(file, "utf8").trim().split("\n");
    expect(header.split(",").slice(0, 6)).toEqual(["phase", "date", "converged", "code", "name", "kind"]);
    expect(rows.filter((r) => r.includes(",country,"))).toHaveLength(30); // 30 countries in the gegravity sample
  });

  it("exits 2 on a bad scenario, naming the file, the field, the value and the fix", async () => {
    const file = join(dir, "bad.yaml");
    writeFileSync(file, "name: bad\ndataset: world-2023\nmodel: {type: liberation-day}\nphases:\n  - name: a\n    shocks:\n      - {type: tariff, importer: USA, exporter: JPN, set: 24}\n");
    const r = await runCli("run", file);
    expect(r.code).toBe(EXIT.input);
    expect(r.err).toContain(`${file}: phases[0].shocks[0].set: ${message.rateLooksLikePercent(24)} (got 24)`);
    expect(r.out).toBe("");
  });

  it("exits 3 and says so when a solver does not converge: the phase is flagged and its last iterate is not printed as a result", async () => {
    const file = join(dir, "capped.yaml");
    const text = readFileSync("examples/cp-nafta.yaml", "utf8").replace("deficits: zero-aggregate", "deficits: zero-aggregate\n  maxIterations: 3");
    writeFileSync(file, text);
    const r = await runCli("run", file);
    expect(r.code).toBe(EXIT.notConverged);
    expect(r.out).toContain("NOT CONVERGED");
    expect(r.err).toContain("did not converge");
    const canada = r.out.split("\n").find((line) => line.includes("CAN Canada"))!;
    expect(canada.split("│").slice(2, -1).every((cell) => cell.trim() === "—")).toBe(true);
    const json = JSON.parse((await runCli("run", file, "--format", "json")).out);
    expect(json.phases[0].status).toBe("not-converged");
  });

  it("rejects an unknown --format", async () => {
    expect((await runCli("run", "examples/gegravity-can-jpn.yaml", "--format", "xml")).code).toBe(EXIT.input);
  });
});

describe("tradewinds validate, datasets, schema", () => {
  it("validate accepts an example and rejects an unknown country", async () => {
    expect((await runCli("validate", "examples/japan-2025.yaml")).code).toBe(EXIT.ok);
    const file = join(dir, "unknown.yaml");
    writeFileSync(file, "name: u\ndataset: world-2023\nmodel: {type: liberation-day}\nphases:\n  - name: a\n    shocks:\n      - {type: tariff, importer: USA, exporter: JAP, set: 0.1}\n");
    const r = await runCli("validate", file);
    expect(r.code).toBe(EXIT.input);
    expect(r.err).toContain("phases[0].shocks[0].exporter");
    expect(r.err).toContain('"JAP"');
  });

  it("datasets lists every embedded dataset with its licence", async () => {
    const r = await runCli("datasets", "--json");
    const names = JSON.parse(r.out).map((d: { name: string }) => d.name);
    expect(names).toEqual(expect.arrayContaining(["world-2023", "ag-2006", "gegravity-2006", "cp-1993", "gtap-2007"]));
  });

  it("schema prints the committed JSON Schema", async () => {
    const r = await runCli("schema");
    expect(JSON.parse(r.out)).toEqual(JSON.parse(readFileSync("schema/scenario.schema.json", "utf8")));
  });
});

describe("tradewinds tariff-war", () => {
  it("exits 2 naming the option, the value and the fix: unknown country, unknown σ set, --nash with --country, a one-sector dataset", async () => {
    const country = await runCli("tariff-war", "--country", "XYZ");
    expect(country.code).toBe(EXIT.input);
    expect(country.err).toContain("--country");
    expect(country.err).toContain('"XYZ"');
    const sigma = await runCli("tariff-war", "--sigma", "huge");
    expect(sigma.code).toBe(EXIT.input);
    expect(sigma.err).toContain(message.unknownSigmaSet("huge", ["main", "low", "medium", "high", "constant"]));
    const nash = await runCli("tariff-war", "--nash", "--country", "USA");
    expect(nash.code).toBe(EXIT.input);
    expect(nash.err).toContain(message.nashNeedsAllCountries());
    const oneSector = await runCli("tariff-war", "world-2023", "--country", "USA");
    expect(oneSector.code).toBe(EXIT.input);
    expect(oneSector.err).toContain(message.modelNeedsDataset("ossa", message.tariffWarNeedsSectors()));
  });
});

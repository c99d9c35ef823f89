import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT } from "../../src/cli/main.js";
import { runHelpText } from "../../src/cli/runHelp.js";
import { message } from "../../src/messages.js";
import { modelCatalog } from "../../src/models/available.js";
import { runScenarioAsync } from "../../src/run.js";
import { shockSchema } from "../../src/scenario/schema.js";
import { MODEL_STARTERS } from "../../src/scenario/starterExamples.js";
import { validate } from "../../src/validate.js";
import { runCli } from "../support/cli.js";

/**
 * `tradewinds init` writes a commented starter scenario that validates and runs, for every model; each
 * shock example it lists (commented out) validates once uncommented; `tradewinds run --help` lists every
 * model and every shock type with an example.
 */
const dir = mkdtempSync(join(tmpdir(), "tradewinds-init-"));
/** Solving every starter (Lashkaripour on icio-2022: 81 × 28) takes seconds each on a busy machine. */
const SLOW_TIMEOUT_MS = 300_000;

describe("tradewinds init --model <model>", { timeout: SLOW_TIMEOUT_MS }, () => {
  it.each(Object.keys(modelCatalog))("%s: the starter validates and runs (every phase converges)", async (model) => {
    const file = join(dir, `${model}.yaml`);
    const r = await runCli("init", file, "--model", model);
    expect(r.code, r.err).toBe(EXIT.ok);
    const text = readFileSync(file, "utf8");
    expect(text).toContain(`dataset: ${MODEL_STARTERS[model].dataset}`);
    expect(text.split("\n").filter((line) => line.startsWith("#")).length).toBeGreaterThan(5); // commented
    const checked = await validate(text, { source: file, files: { baseDir: dir } });
    expect(checked.problems).toEqual([]);
    const report = await runScenarioAsync(text, { source: file, files: { baseDir: dir } });
    expect(report.phases.map((p) => p.converged)).toEqual([true]);
  });

  it.each(Object.keys(modelCatalog))("%s: every shock example listed in the starter validates once uncommented", async (model) => {
    const text = readFileSync(join(dir, `${model}.yaml`), "utf8");
    const examples = text.split("\n").filter((line) => line.startsWith("      # - {"));
    const notHere = text.split("\n").filter((line) => line.startsWith("      # (")); // a shock type the dataset has nothing for (no tariff sets, no covariates)
    expect(examples.length + notHere.length).toBe(modelCatalog[model].shocks.length - 1); // all but the tariff, which is the live shock
    for (const line of examples) {
      const uncommented = text.replace(line, line.replace("      # - ", "      - ").replace(/ {3}# .*$/, ""));
      const checked = await validate(uncommented, { source: `${model}: ${line.trim()}`, files: { baseDir: dir } });
      expect(checked.problems, line).toEqual([]);
    }
  });
});

describe("tradewinds init --dataset <file>: a starter on one's own data", () => {
  it("a flows table gets the Caliendo–Parro model with a stated θ, and the starter runs", async () => {
    const folder = mkdtempSync(join(tmpdir(), "tradewinds-init-csv-"));
    writeFileSync(join(folder, "three.csv"), ["exporter,importer,value", "AAA,AAA,10", "AAA,BBB,2", "AAA,CCC,3", "BBB,AAA,4", "BBB,BBB,12", "BBB,CCC,1", "CCC,AAA,1", "CCC,BBB,3", "CCC,CCC,9"].join("\n") + "\n");
    const file = join(folder, "mine.yaml");
    const r = await runCli("init", file, "--dataset", "./three.csv");
    expect(r.code, r.err).toBe(EXIT.ok);
    const text = readFileSync(file, "utf8");
    expect(text).toContain("model: { type: caliendo-parro, tradeElasticity: 4 }");
    const run = await runCli("run", file, "--format", "json");
    expect(run.code, run.err).toBe(EXIT.ok);
  });

  it("refuses to overwrite a file without --force, and writes to standard output with -", async () => {
    const file = join(dir, "exists.yaml");
    writeFileSync(file, "keep me\n");
    const again = await runCli("init", file);
    expect(again.code).toBe(EXIT.input);
    expect(again.err).toContain(message.initFileExists(file));
    expect(readFileSync(file, "utf8")).toBe("keep me\n");
    const out = await runCli("init", "-");
    expect(out.code).toBe(EXIT.ok);
    expect(out.out).toContain("dataset: world-2023");
    expect(existsSync(join(process.cwd(), "-"))).toBe(false);
  });

  it("a model whose data the dataset lacks is refused with the model's usual dataset", async () => {
    const r = await runCli("init", join(dir, "bad.yaml"), "--model", "lashkaripour", "--dataset", "ag-2006");
    expect(r.code).toBe(EXIT.input);
    expect(r.err).toContain("the model's usual dataset is icio-2022");
    expect(existsSync(join(dir, "bad.yaml"))).toBe(false);
  });
});

describe("tradewinds run --help", () => {
  it("lists every model of the catalog and every shock type of the schema, each with an example", async () => {
    const r = await runCli("run", "--help");
    expect(r.code).toBe(EXIT.ok);
    expect(r.out).toContain(runHelpText().trim());
    expect(Object.keys(MODEL_STARTERS).sort()).toEqual(Object.keys(modelCatalog).sort());
    for (const model of Object.keys(modelCatalog)) expect(r.out).toContain(`model: { type: ${model}`);
    const types = shockSchema.options.map((o) => ("shape" in o ? o.shape : (o as unknown as { def: { in: { shape: { type: { value: string } } } } }).def.in.shape).type.value);
    for (const type of types) expect(r.out).toContain(`- { type: ${type}`);
  });
});

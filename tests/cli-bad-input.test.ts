import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT } from "../src/cli/main.js";
import { formatIssue, message } from "../src/messages.js";
import { DEFAULT_MAX_BLOC_SETS } from "../src/strategy/blocSolve.js";
import { DOMAIN_REASONS, MAX_COVARIATE_MAGNITUDE, MAX_TRADE_COST_FACTOR, MAX_TRADE_ELASTICITY, MIN_TRADE_COST_FACTOR, MIN_TRADE_ELASTICITY, range } from "../src/scenario/domains.js";
import { runCli } from "./support/cli.js";
import { runCase, violations } from "./support/fuzzHarness.js";

/**
 * The fixed corpus of issue 15 ("Bad input gets a clear error, never a stack trace"): each case that used
 * to end in exit 1 with a stack trace now gives exit 2 naming the file, the field, the value and the fix
 * (asserted against the message catalog), or exit 3 / a warning where the model's answer is a limit. The
 * scenario cases also go through the fuzz properties (support/fuzzHarness.ts).
 */
const dir = mkdtempSync(join(tmpdir(), "tradewinds-bad-input-"));

function scenario(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const gegravity = (shock: string, model = "{ type: gegravity }") => `name: t\ndataset: gegravity-2006\nmodel: ${model}\nphases:\n  - name: p\n    shocks:\n      - ${shock}\n`;
const gtap = (shock: string, model = "{ type: caliendo-parro }") => `name: t\ndataset: gtap-2007\nmodel: ${model}\nphases:\n  - name: p\n    shocks:\n      - ${shock}\n`;

/** Runs `tradewinds run <file>` and checks the fuzz properties (exit ∈ {0,2,3}, finite outputs, reads in the folder) too. */
async function run(file: string, ...args: string[]) {
  const outcome = await runCase(dir, { text: readText(file), args });
  expect(violations(dir, { text: "", args }, outcome)).toEqual([]);
  return outcome;
}
function readText(file: string): string {
  return readFileSync(file, "utf8");
}

describe("schema-valid extremes are refused at validation with the domain stated (exit 2)", () => {
  it.each([1e300, 1e-300])("trade-cost factor %s", async (factor) => {
    const file = scenario("tc.yaml", gegravity(`{ type: trade-cost, importer: CAN, exporter: JPN, factor: ${factor} }`));
    const r = await run(file, "--format", "json");
    expect(r.code).toBe(EXIT.input);
    const domain = message.outOfDomain("a trade-cost factor", range(MIN_TRADE_COST_FACTOR, MAX_TRADE_COST_FACTOR), DOMAIN_REASONS.tradeCostFactor);
    expect(r.err).toContain(formatIssue({ source: join(dir, "scenario.yaml"), path: "phases[0].shocks[0].factor", value: JSON.stringify(factor), message: domain }));
  });

  it.each([1e6, -1e6])("covariate value %s", async (value) => {
    const r = await run(scenario("cov.yaml", gegravity(`{ type: covariate, name: pta, importer: CAN, exporter: JPN, set: ${value} }`)));
    expect(r.code).toBe(EXIT.input);
    expect(r.err).toContain(message.outOfDomain("a covariate value", range(-MAX_COVARIATE_MAGNITUDE, MAX_COVARIATE_MAGNITUDE), DOMAIN_REASONS.covariateValue));
    expect(r.err).toContain("phases[0].shocks[0].set");
  });

  it("a covariate value within its range whose trade-cost change is outside the domain is refused at the solve, naming the shock", async () => {
    const r = await run(scenario("cov.yaml", gegravity(`{ type: covariate, name: pta, importer: CAN, exporter: JPN, set: 1000 }`)));
    expect(r.code).toBe(EXIT.input);
    expect(r.err).toContain("phases[0].shocks[0].set");
    expect(r.err).toContain(`outside [${MIN_TRADE_COST_FACTOR}, ${MAX_TRADE_COST_FACTOR}]`);
  });

  it("tradeElasticity: 1e-300", async () => {
    const r = await run(scenario("eps.yaml", gtap(`{ type: tariff, importer: USA, exporter: CHN, add: 0.1 }`, "{ type: caliendo-parro, tradeElasticity: 1e-300 }")));
    expect(r.code).toBe(EXIT.input);
    expect(r.err).toContain(
      formatIssue({ source: join(dir, "scenario.yaml"), path: "model.tradeElasticity", value: "1e-300", message: message.outOfDomain("tradeElasticity", range(MIN_TRADE_ELASTICITY, MAX_TRADE_ELASTICITY), DOMAIN_REASONS.tradeElasticityCp) }),
    );
  });

  it.each([".nan", ".inf", "-.inf", "null"])("a rate of %s names the field", async (value) => {
    const r = await run(scenario("rate.yaml", gegravity(`{ type: tariff, importer: CAN, exporter: JPN, set: ${value} }`)));
    expect(r.code).toBe(EXIT.input);
    expect(r.err).toContain(`phases[0].shocks[0].set: ${message.noMatchingForm('a rate: a finite share (0.24 for 24%) or a percent string ("24%")')}`);
  });
});

describe("a solve that diverges ends not converged (exit 3), never in an internal error", () => {
  it("Caliendo–Parro with θ = 93 and no damping (found by bench/fuzz.ts: subnormal baseline exports made a percent change infinite)", async () => {
    const r = await run(scenario("diverge.yaml", gtap(`{ type: tariff, importer: USA, exporter: JPN, sectors: [mvh], add: "25%" }`, "{ type: caliendo-parro, damping: 1, method: damped, tradeElasticity: 92.97367304950924 }")), "--format", "json");
    expect(r.code).toBe(EXIT.notConverged);
    expect(JSON.parse(r.out).phases[0].status).toBe("not-converged");
  });
});

describe("structural gravity: cases bench/fuzz.ts found ending in exit 1", () => {
  it("fixed coefficients that put exp(Σ β·x) out of range are refused at validation, naming model.coefficients", async () => {
    const r = await run(scenario("coef.yaml", gegravity("{ type: covariate, name: pta, importer: CAN, exporter: JPN, set: 1 }", "{ type: gegravity, coefficients: { lndist: 100 } }")));
    expect(r.code).toBe(EXIT.input);
    expect(r.err).toContain(`${join(dir, "scenario.yaml")}: model.coefficients: `);
    expect(r.err).toContain("outside ±300");
  });

  it("embargoes whose pattern leaves the resistance system without solution end not converged (exit 3), with nothing printed as a result", async () => {
    const r = await run(scenario("pattern.yaml", gegravity("{ type: embargo, importer: all, exporter: all, except: [IND, CAN] }")), "--format", "json");
    expect(r.code).toBe(EXIT.notConverged);
    const phase = JSON.parse(r.out).phases[0];
    expect(phase.status).toBe("not-converged");
    expect(phase.solver.warnings.some((w: string) => w.startsWith("the gegravity solve left"))).toBe(true);
  });
});

describe("autarky: exit 2 naming the embargo shocks where the model has no equilibrium, the exact limit where it has one", () => {
  const cutOff = (country: string) => `{ type: embargo, importer: ${country}, exporter: all }\n      - { type: embargo, importer: all, exporter: ${country} }`;
  it.each([
    ["gegravity", "{ type: gegravity }"],
    ["advanced-guide", "{ type: advanced-guide, coefficients: { lndist: -0.39, international: -3.41 } }"],
  ])("%s on gegravity-2006: Canada cut off from trade", async (model, params) => {
    const r = await run(scenario("autarky.yaml", gegravity(cutOff("CAN"), params)));
    expect(r.code).toBe(EXIT.input);
    expect(r.err).toContain(`phases[0].shocks[0], phases[0].shocks[1]: ${message.isolationNoEquilibrium(["CAN"], "imbalance-in-autarky", "the model holds each country's expenditure-to-output ratio E/Y", "leave at least one trade link of these countries open (the model has no balanced-trade option)")}`);
  });

  it("caliendo-parro on gtap-2007, `embargo importer: JPN, exporter: all` (balanced trade): solved as autarky, with the warning, and Japan loses", async () => {
    const r = await run(scenario("jpn.yaml", gtap("{ type: embargo, importer: JPN, exporter: all }")), "--format", "json");
    expect(r.code).toBe(EXIT.ok);
    const report = JSON.parse(r.out);
    expect(report.warnings).toContain(message.isolationLimit(["JPN"], "exports-stop"));
    const japan = report.phases[0].countries.find((c: { code: string }) => c.code === "JPN").values;
    expect(japan.welfareChangePct).toBeLessThan(0);
    expect(japan.exportsChangePct).toBe(-100);
    // No other country's trade collapses: the bug printed −100% for everyone.
    for (const c of report.phases[0].countries.filter((c: { code: string }) => c.code !== "JPN")) expect(c.values.exportsChangePct).toBeGreaterThan(-50);
  });
});

describe("files and command-line values (exit 2, naming the argument)", () => {
  it("a folder as the scenario", async () => {
    const folder = join(dir, "folder.yaml");
    mkdirSync(folder, { recursive: true });
    const r = await runCli("run", folder);
    expect(r.code).toBe(EXIT.input);
    expect(r.err).toContain(`${folder}: ${message.notAFile("scenario file", "a folder")}`);
  });

  it("a FIFO or a device as the scenario is refused without reading it", async () => {
    const fifo = join(dir, "pipe.yaml");
    execFileSync("mkfifo", [fifo]);
    const r = await runCli("validate", fifo);
    expect(r.code).toBe(EXIT.input);
    expect(r.err).toContain(message.notAFile("scenario file", "a named pipe (FIFO)"));
    const device = await runCli("run", "/dev/zero");
    expect(device.err).toContain(message.notAFile("scenario file", "a device"));
  });

  it("a folder as --out, and --out in a missing folder, before any solving", async () => {
    const asFolder = await runCli("run", "examples/gegravity-can-jpn.yaml", "--out", dir);
    expect(asFolder.code).toBe(EXIT.input);
    expect(asFolder.err).toContain(message.outputIsFolder(dir));
    const missing = join(dir, "no-such-folder", "out.json");
    const r = await runCli("run", "examples/gegravity-can-jpn.yaml", "--out", missing);
    expect(r.code).toBe(EXIT.input);
    expect(r.err).toContain(message.outputFolderMissing(join(dir, "no-such-folder")));
  });

  it("--port 70000 and a file as --data-dir, before the server starts", async () => {
    const port = await runCli("serve", "--port", "70000");
    expect(port.code).toBe(EXIT.input);
    expect(port.err).toContain(`--port: ${message.portOutOfRange()} (got "70000")`);
    const file = scenario("not-a-folder", "x");
    const dataDir = await runCli("serve", "--data-dir", file);
    expect(dataDir.code).toBe(EXIT.input);
    expect(dataDir.err).toContain(message.dataDirNotFolder(file, "a file"));
  });

  it("CSV parse errors in estimate and import-icio name the file, the line and the problem", async () => {
    writeFileSync(join(dir, "broken.csv"), 'exporter,importer,trade\nA,B,1\nB,A,"2\nA,A,3\n');
    const spec = scenario("spec.yaml", "data: broken.csv\noutcome: trade\nregressors: []\nfixedEffects: [exporter, importer]\n");
    const estimate = await runCli("estimate", spec);
    expect(estimate.code).toBe(EXIT.input);
    // The data file is named as the spec writes it (data: broken.csv), never by content (estimate reads it with DuckDB).
    expect(estimate.err).toContain(`broken.csv: ${message.tableUnreadable()}`);
    writeFileSync(join(dir, "ICIO-2020.csv"), "V1,AUS_A01\nAUS_A01,1,2\n");
    const icio = await runCli("import-icio", join(dir, "ICIO-2020.csv"), "--out", join(dir, "icio.json"));
    expect(icio.code).toBe(EXIT.input);
    expect(icio.err).toContain(`line 2: ${message.csvSyntax("ICIO table", "a row has a different number of cells than the header")}`);
  });

  it(`a bloc of 9 candidates (2^9 sets) needs --yes or --max-sets; the limit is ${DEFAULT_MAX_BLOC_SETS}`, async () => {
    const candidates = ["JPN", "KOR", "DEU", "FRA", "ITA", "GBR", "CAN", "MEX", "IND"];
    const file = scenario(
      "bloc.yaml",
      `name: b\ndataset: world-2023\nmodel: { type: liberation-day }\nphases:\n  - name: p\n    shocks: []\nbloc:\n  leader: USA\n  target: CHN\n  candidates: [${candidates.join(", ")}]\n  membersOnTarget: { tariff: rate }\n`,
    );
    const r = await runCli("bloc", file);
    expect(r.code).toBe(EXIT.input);
    expect(r.err).toContain(`${file}: bloc.candidates: ${message.blocTooManySets(9, 512, DEFAULT_MAX_BLOC_SETS)}`);
  });
});

describe("errors name the file and the field, not 'policy' or 'model parameters'", () => {
  it("an unknown reference country is reported at model.reference of the scenario file", async () => {
    const r = await run(scenario("ref.yaml", gegravity("{ type: covariate, name: pta, importer: CAN, exporter: JPN, set: 1 }", "{ type: gegravity, reference: XXX }")));
    expect(r.code).toBe(EXIT.input);
    expect(r.err).toContain(`${join(dir, "scenario.yaml")}: model.reference: `);
    expect(r.err).not.toContain("model parameters");
  });

  it("an embargo that leaves a market without supplier names the scenario file and the embargo shock", async () => {
    // In cp-1993 Mexico sells nothing at home in electrical equipment: without imports its market has no supplier.
    const text = "name: t\ndataset: cp-1993\nmodel: { type: caliendo-parro }\nphases:\n  - name: p\n    shocks:\n      - { type: embargo, importer: MEX, exporter: all, sectors: [electrical] }\n";
    const r = await run(scenario("supplier.yaml", text));
    expect(r.code).toBe(EXIT.input);
    expect(r.err).toContain(formatIssue({ source: join(dir, "scenario.yaml"), path: "phases[0].shocks[0]", value: "MEX", message: message.embargoNoSupplier("MEX", "electrical") }));
  });
});

describe("silently accepted no-ops are warned about", () => {
  it("a shock that covers nobody, a group named like a country or 'all', --country XXX", async () => {
    const file = scenario(
      "noop.yaml",
      "name: n\ndataset: gegravity-2006\nmodel: { type: gegravity }\ngroups:\n  JPN: [USA]\n  all: [DEU]\nphases:\n  - name: p\n    shocks:\n      - { type: covariate, name: pta, importer: CAN, exporter: CAN, set: 1 }\n",
    );
    const validate = await runCli("validate", file);
    expect(validate.code).toBe(EXIT.ok);
    expect(validate.err).toContain(`${file}: phases[0].shocks[0]: ${message.shockCoversNoPair()}`);
    expect(validate.err).toContain(`${file}: groups.JPN: ${message.groupNamedLikeCountry("JPN", "Japan")}`);
    expect(validate.err).toContain(`${file}: groups.all: ${message.groupNamedAll()}`);
    const country = await runCli("run", "examples/cp-nafta.yaml", "--country", "XXX");
    expect(country.code).toBe(EXIT.ok);
    expect(country.err).toContain(message.countryNotInDataset("XXX", "cp-1993", ["ARG", "AUS", "AUT", "BRA", "CAN", "CHL"]));
  });
});

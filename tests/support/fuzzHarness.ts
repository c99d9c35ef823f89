import fc from "fast-check";
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import { dirname, join, resolve, sep } from "node:path";
import { parse } from "yaml";
import { main } from "../../src/cli/main.js";
import { embeddedDataDir } from "../../src/data/load.js";
import { arbitraryFromSchema, mutate, scenarioText, wildValue, type JsonSchema, type Pools } from "./scenarioArbitrary.js";

/**
 * The fuzz harness of tests/fuzz-cli.test.ts and bench/fuzz.ts: random and mutated scenarios through the
 * CLI entry (`main`, in-process), and the properties every run must keep:
 *   1. the exit code is 0, 2 or 3 — never 1 (an internal error: a stack trace where a message belongs);
 *   2. no NaN or Infinity in any output (standard output and error; JSON values are numbers, never null);
 *   3. no file is opened outside the scenario's folder, except the package's embedded data and its own code.
 * Solved cases use the small datasets (gegravity-2006: 30 countries, one sector; gtap-2007: 7 × 33) and
 * small iteration budgets, so that thousands of cases run in well under a minute.
 */

const gegravityCodes = "AUS AUT BEL BRA CAN CHE CHN DEU DNK ESP FIN FRA GBR HKG IDN IND IRL ITA JPN KOR MEX MYS NLD POL SGP SWE THA TUR USA ZAF".split(" ");
const gtapCodes = ["BRA", "CHN", "EU", "IND", "JPN", "ROW", "USA"];
const countryish = [...new Set(["USA", "CHN", "JPN", "CAN", "DEU", "EU", "ROW", "BRA", ...gegravityCodes.slice(0, 8), ...gtapCodes, "all", "G1", "EU27", "XXX"])];
const covariates = ["pta", "contiguity", "lndist", "common_language", "international", "constant"];

const STRING_POOLS: Record<string, readonly string[]> = {
  dataset: ["gegravity-2006", "gtap-2007", "gtap-2007", "gegravity-2006", "nope"],
  type: ["gegravity", "caliendo-parro", "liberation-day", "advanced-guide", "lashkaripour"],
  importer: countryish,
  exporter: countryish,
  except: countryish,
  against: countryish,
  leader: countryish,
  target: countryish,
  candidates: countryish,
  focus: countryish,
  countries: countryish,
  bilateral: countryish,
  allExcept: countryish,
  reference: ["DEU", "USA", "CHN", "XXX"],
  sectors: ["gro", "osd", "mvh", "nfm", "ALL", "xyz"],
  exceptSectors: ["gro", "mvh", "ALL"],
  schedule: ["gtap-2007", "us-reciprocal-2025-04-02", "nope"],
  name: ["p1", "p2", "pta", "international", "lndist"],
  inherit: ["p1", "p2", "p9"],
  basePhase: ["p1", "p2", "p9"],
  payoff: ["welfareChangePct", "welfareFirstOrderPct", "nope"],
  regressors: covariates,
  data: ["data.csv", "panel:nope", "missing.csv", "spec-dir"],
  spec: ["missing.yaml", "data.csv"],
  set: ["10%", "24%", "1000%", "-5%", "x"],
  add: ["10%", "24%"],
  floor: ["10%"],
  tariff: ["rate", "25%"],
  rate: ["50%", "10%"],
};
const NUMBER_POOLS: Record<string, readonly number[]> = {
  maxIterations: [1, 10, 200],
  maxLoopPasses: [1, 3, 20],
  tolerance: [1e-14, 1e-7, 0.1],
  set: [0, 0.1, 0.5, 1, 3],
  add: [0.1, 0.25],
  factor: [0.01, 0.5, 1.1, 2, 100],
  sigma: [1.1, 5, 101],
  tradeElasticity: [0.1, 4, 100],
  damping: [0.5, 1],
  rate: [0.1, 0.5],
  floor: [0.1],
};
const KEY_POOLS: Record<string, readonly string[]> = { groups: ["G1", "JPN", "all", "EU27"], coefficients: covariates };

export const pools: Pools = {
  strings: (key) => STRING_POOLS[key],
  numbers: (key) => NUMBER_POOLS[key],
  keys: (key) => KEY_POOLS[key],
};

/** Valid small scenarios to mutate (the examples run on large datasets; these run in milliseconds). */
export const SEEDS: unknown[] = [
  {
    name: "p",
    dataset: "gegravity-2006",
    model: { type: "gegravity" },
    phases: [{ name: "p1", shocks: [{ type: "covariate", name: "pta", importer: ["CAN", "JPN"], exporter: ["CAN", "JPN"], set: 1 }] }],
  },
  {
    name: "p",
    dataset: "gtap-2007",
    model: { type: "caliendo-parro", deficits: "held" },
    report: { countries: ["JPN", "USA"], bilateral: [["CHN", "JPN"]] },
    phases: [
      { name: "p1", shocks: [{ type: "tariff", importer: "USA", exporter: "JPN", sectors: ["mvh"], add: "25%" }, { type: "embargo", importer: "JPN", exporter: "CHN", sectors: ["nfm"] }] },
      { name: "p2", shocks: [{ type: "trade-cost", importer: "all", exporter: "CHN", factor: 1.2 }] },
    ],
  },
  {
    name: "p",
    dataset: "gegravity-2006",
    model: { type: "liberation-day", variant: "eaton-kortum" },
    phases: [{ name: "p1", shocks: [{ type: "tariff", importer: "USA", exporter: "all", set: "10%" }] }],
  },
  {
    name: "p",
    dataset: "gtap-2007",
    model: { type: "lashkaripour" },
    phases: [{ name: "p1", shocks: [{ type: "tariff", importer: "USA", exporter: "CHN", add: "25%" }, { type: "embargo", importer: "JPN", exporter: "CHN", sectors: ["nfm"] }] }],
  },
  {
    name: "p",
    dataset: "gegravity-2006",
    model: { type: "advanced-guide", sigma: 5, coefficients: { lndist: -0.4, international: -3.4, pta: 0.47 }, fullGe: "exact" },
    phases: [{ name: "p1", shocks: [{ type: "embargo", importer: "CAN", exporter: "all" }] }],
  },
];

export interface FuzzCase {
  /** The scenario text written to scenario.yaml, or a file-system setup for the fixed corpus. */
  text: string;
  /** Extra command-line arguments after `run scenario.yaml`. */
  args: string[];
}

const schema = JSON.parse(fs.readFileSync("schema/scenario.schema.json", "utf8")) as JsonSchema;

type Seed = { model: { type: string }; phases: { shocks: unknown[] }[] };
const shockSchema = (schema.properties!.phases as JsonSchema).items!.properties!.shocks.items!;
const modelBranches = (schema.properties!.model as JsonSchema).oneOf!;
/** A seed with one more shock drawn from the schema's shock types (most pass validation and reach a solver). */
const seedWithShock = fc.record({ seed: fc.constantFrom(...SEEDS), shock: arbitraryFromSchema(shockSchema, pools, "shocks") }).map(({ seed, shock }) => {
  const copy = structuredClone(seed) as Seed;
  copy.phases[copy.phases.length - 1].shocks.push(shock);
  return copy;
});
/** A seed whose model parameters are drawn from its model's parameter schema (domains, iteration budgets, methods). */
const seedWithParams = fc.constantFrom(...SEEDS).chain((seed) => {
  const branch = modelBranches.find((b) => (b.properties!.type as JsonSchema).const === (seed as Seed).model.type)!;
  return arbitraryFromSchema(branch, pools, "model").map((model) => ({ ...(seed as object), model }));
});

/** Cases: generated from the JSON Schema, seeds with generated shocks or parameters, and mutations of the seeds; each with an output format. */
export const fuzzCase: fc.Arbitrary<FuzzCase> = fc
  .tuple(
    fc.oneof(
      { arbitrary: arbitraryFromSchema(schema, pools), weight: 3 },
      { arbitrary: seedWithShock, weight: 3 },
      { arbitrary: seedWithParams, weight: 2 },
      { arbitrary: fc.record({ seed: fc.constantFrom(...SEEDS), pathSeed: fc.nat(), kind: fc.nat(), value: wildValue }).map(({ seed, ...choice }) => mutate(seed, choice)), weight: 3 },
      {
        arbitrary: fc.record({ seed: fc.constantFrom(...SEEDS), a: fc.nat(), b: fc.nat(), value: wildValue }).map(({ seed, a, b, value }) =>
          mutate(mutate(seed, { pathSeed: a, kind: 0, value }), { pathSeed: b, kind: a, value: b % 2 ? 1e300 : "all" }),
        ),
        weight: 1,
      },
    ),
    fc.constantFrom(["--format", "json"], ["--format", "csv"], ["--format", "table"], ["--format", "table", "--sectors"], ["--format", "json", "--country", "JPN"]),
  )
  .map(([scenario, args]) => ({ text: scenarioText(scenario), args: [...args] }));

export interface CaseOutcome {
  code: number;
  out: string;
  err: string;
  /** Files opened (read) during the run, as absolute paths. */
  opened: string[];
}

/** Runs `tradewinds run <folder>/scenario.yaml …args` in-process, recording output and every file opened. */
export async function runCase(folder: string, c: FuzzCase): Promise<CaseOutcome> {
  // Let the event loop run between cases: thousands of in-process runs chained by promises alone would starve it,
  // and the test runner's worker answers its parent there (vitest reports "Timeout calling onTaskUpdate" otherwise).
  await new Promise((resolve) => setImmediate(resolve));
  const file = join(folder, "scenario.yaml");
  fs.writeFileSync(file, c.text);
  const opened: string[] = [];
  const record = (p: unknown) => {
    if (typeof p === "string" || p instanceof URL) opened.push(resolve(p instanceof URL ? p.pathname : p));
  };
  const saved = { openSync: fs.openSync, readFileSync: fs.readFileSync, readdirSync: fs.readdirSync, createReadStream: fs.createReadStream, opendirSync: fs.opendirSync };
  const wrap = <F extends (...a: never[]) => unknown>(f: F): F => ((...a: Parameters<F>) => (record(a[0]), f(...a))) as F;
  let out = "";
  let err = "";
  const writeOut = process.stdout.write;
  const writeErr = process.stderr.write;
  process.stdout.write = ((chunk: string | Uint8Array) => ((out += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((err += String(chunk)), true)) as typeof process.stderr.write;
  Object.assign(fs, { openSync: wrap(saved.openSync), readFileSync: wrap(saved.readFileSync), readdirSync: wrap(saved.readdirSync), createReadStream: wrap(saved.createReadStream), opendirSync: wrap(saved.opendirSync) });
  syncBuiltinESMExports();
  let code: number;
  try {
    code = await main(["node", "tradewinds", "run", file, ...c.args]);
  } finally {
    Object.assign(fs, saved);
    syncBuiltinESMExports();
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
  }
  return { code, out, err, opened };
}

/** The properties; a list of what is violated (empty = the case passes). */
export function violations(folder: string, c: FuzzCase, outcome: CaseOutcome): string[] {
  const problems: string[] = [];
  if (![0, 2, 3].includes(outcome.code)) problems.push(`exit ${outcome.code}: ${outcome.err.slice(0, 600)}`);
  for (const [name, text] of [["stdout", outcome.out], ["stderr", outcome.err]] as const) {
    if (/\bNaN\b|\bInfinity\b/.test(text.replace(/NaN \(\.nan\)|-?Infinity \(-?\.inf\)/g, ""))) problems.push(`${name} shows NaN or Infinity as a result`);
  }
  if (c.args.includes("json") && outcome.code !== 2 && outcome.out) {
    const nulls = nullValues(JSON.parse(outcome.out));
    if (nulls.length) problems.push(`JSON has null where a number belongs: ${nulls.slice(0, 3).join(", ")}`);
  }
  // The package's own code may be loaded (commands import their modules lazily): node_modules, src, dist.
  const packageRoot = dirname(embeddedDataDir());
  const allowed = [resolve(folder), embeddedDataDir(), ...["node_modules", "src", "dist"].map((d) => join(packageRoot, d))];
  const outside = outcome.opened.filter((p) => !allowed.some((root) => p === root || p.startsWith(root + sep)));
  if (outside.length) problems.push(`opened outside the scenario's folder: ${[...new Set(outside)].join(", ")}`);
  return problems;
}

/** Paths of null entries inside `values` maps and numeric report fields (JSON writes NaN/Infinity as null). */
function nullValues(report: unknown, path = "", out: string[] = []): string[] {
  if (report === null) out.push(path);
  else if (Array.isArray(report)) report.forEach((v, k) => nullValues(v, `${path}[${k}]`, out));
  else if (typeof report === "object") for (const [k, v] of Object.entries(report as object)) nullValues(v, `${path}.${k}`, out);
  return out;
}

/** A fresh scenario folder with the small files a generated estimation section may name. */
export function scenarioFolder(root: string): string {
  const folder = fs.mkdtempSync(join(root, "case-"));
  fs.writeFileSync(join(folder, "data.csv"), "exporter,importer,year,trade\nA,B,2000,1\nB,A,2000,2\nA,A,2000,5\nB,B,2000,4\n");
  fs.mkdirSync(join(folder, "spec-dir"));
  return folder;
}

/** The parsed scenario of a case, for failure messages. */
export function describeCase(c: FuzzCase): string {
  try {
    return JSON.stringify(parse(c.text)).slice(0, 800) + ` ${c.args.join(" ")}`;
  } catch {
    return c.text.slice(0, 800);
  }
}

import { gunzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import type { Dataset } from "../src/data/dataset.js";
import { loadDataset } from "../src/data/load.js";
import { accountingInputOf } from "../src/exposure/accountingSystem.js";
import { exposureTables } from "../src/exposure/exposureTables.js";
import { runScenario } from "../src/run.js";
import { runBloc } from "../src/strategy/runBloc.js";
import { expectClose } from "./support/expectClose.js";
import { SHARED_DATA } from "./support/sharedData.js";
import { expectZeroShock } from "./support/zeroShock.js";

/**
 * wiod-2014: the KITE Caliendo–Parro initial conditions (../shared/data/wiod-2014-kite), calibrated
 * (spec kite-cp2015.md §4–5). The reference numbers are issue 10's: the R package KITE 24.01,
 * caliendo_parro_2015 on the calibrated inputs, tariff factors set to 1.25 both ways between the USA and
 * China in goods C01–C22; welfare_change = (I′/I)/P̂ in percent, our welfareChangePct (the exact real-income change).
 */
/** The issue states the KITE figures to 4 decimals and asks for agreement to 0.002 pp. */
const TOL_KITE_PP = 0.002;
/** The criterion for the calibrated baseline: the data satisfy the model's equations to 1e-9 (relative). */
const TOL_BASELINE = 1e-9;
/** A zero shock: the calibration residuals (1e-12 of X) move no outcome by more than this (percentage points). */
const TOL_ZERO_SHOCK_PP = 1e-9;
/** Shares that the source stores with 15 significant digits sum to one to rounding. */
const TOL_SHARES = 1e-12;

const GOODS = Array.from({ length: 22 }, (_, k) => `C${String(k + 1).padStart(2, "0")}`);

function readKite(file: string): Record<string, string>[] {
  const path = resolve(SHARED_DATA, "wiod-2014-kite", file);
  return parse(gunzipSync(readFileSync(path)).toString("utf8"), { columns: true }) as Record<string, string>[];
}

let data: Dataset;
let N = 0;
let S = 0;
const at = (code: string) => data.countries.findIndex((c) => c.code === code);
const sectorAt = (code: string) => data.sectors.findIndex((s) => s.code === code);
beforeAll(() => {
  data = loadDataset("wiod-2014");
  N = data.countries.length;
  S = data.sectors.length;
});

describe("wiod-2014 (KITE initial conditions, calibrated)", () => {
  it("has 44 economies × 50 sectors with input–output links, flows non-negative", () => {
    expect([N, S]).toEqual([44, 50]);
    expect(data.io).toBeDefined();
    expect(data.flows.every((v) => v >= 0 && Number.isFinite(v))).toBe(true);
  });

  it("keeps KITE's conventions: θ = 1/trade_elasticity, tariffs = factor − 1 (intra-ROW goods tariffs kept), trade shares recovered from the flows", () => {
    for (const r of readKite("trade_elasticity.csv.gz")) expect(data.tradeElasticities![sectorAt(r.sector)]).toBe(1 / Number(r.value));
    const t = data.tariffs[data.baselineTariffs!];
    const spendingOf = (s: number, n: number) => {
      let x = 0;
      for (let i = 0; i < N; i++) x += data.flows[(s * N + i) * N + n] * (1 + t[(s * N + i) * N + n]);
      return x;
    };
    const tariffRows = readKite("tariff.csv.gz");
    const shareRows = readKite("trade_share.csv.gz");
    // Every 997th row of each file: tariff factor − 1 and the share of the tariff-inclusive flow in spending.
    for (let q = 0; q < tariffRows.length; q += 997) {
      const r = tariffRows[q];
      const k = (sectorAt(r.sector) * N + at(r.origin)) * N + at(r.destination);
      expect(t[k]).toBe(Number(r.value) - 1);
    }
    for (let q = 0; q < shareRows.length; q += 997) {
      const r = shareRows[q];
      const s = sectorAt(r.sector);
      const n = at(r.destination);
      const k = (s * N + at(r.origin)) * N + n;
      expectClose((data.flows[k] * (1 + t[k])) / spendingOf(s, n), Number(r.value), TOL_SHARES, `π ${r.origin}→${r.destination} ${r.sector}`);
    }
    const row = at("ROW");
    expect(t[(sectorAt("C05") * N + row) * N + row]).toBeGreaterThan(0);
    for (let i = 0; i < N; i++) for (let n = 0; n < N; n++) expect(t[(sectorAt("C30") * N + i) * N + n]).toBe(0);
  });

  it("has shares that sum to one: Σ_k γ̄[k→j] + β[j] = 1 where the sector produces, Σ_j α = 1 (KITE's intermediate and consumption shares)", () => {
    const { inputShares, valueAddedShares, finalShares } = data.io!;
    let worstInputs = 0;
    let worstFinal = 0;
    for (let n = 0; n < N; n++) {
      let final = 0;
      for (let j = 0; j < S; j++) {
        final += finalShares[n * S + j];
        let total = valueAddedShares[n * S + j];
        for (let k = 0; k < S; k++) total += inputShares[(n * S + k) * S + j];
        worstInputs = Math.max(worstInputs, Math.abs(total - 1));
      }
      worstFinal = Math.max(worstFinal, Math.abs(final - 1));
    }
    expectClose(worstInputs, 0, TOL_SHARES, "max |Σ_k γ̄ + β − 1|");
    expectClose(worstFinal, 0, TOL_SHARES, "max |Σ_j α − 1|");
  });

  it("satisfies the Caliendo–Parro equations at the factual tariffs to 1e-9 (goods-market clearing E4, labour market, trade balance held), computed here from the stored arrays", () => {
    const t = data.tariffs[data.baselineTariffs!];
    const { inputShares, valueAddedShares, finalShares } = data.io!;
    const spending = new Float64Array(N * S);
    const sales = new Float64Array(N * S);
    const revenue = new Float64Array(N);
    const exports = new Float64Array(N);
    const imports = new Float64Array(N);
    for (let s = 0; s < S; s++)
      for (let i = 0; i < N; i++)
        for (let n = 0; n < N; n++) {
          const k = (s * N + i) * N + n;
          spending[n * S + s] += data.flows[k] * (1 + t[k]);
          sales[i * S + s] += data.flows[k];
          revenue[n] += t[k] * data.flows[k];
          exports[i] += data.flows[k];
          imports[n] += data.flows[k];
        }
    let worstMarket = 0;
    let worstLabour = 0;
    let worstBalance = 0;
    for (let n = 0; n < N; n++) {
      const income = data.gdp![n] + revenue[n] + data.deficits![n];
      let valueAdded = 0;
      for (let j = 0; j < S; j++) {
        valueAdded += valueAddedShares[n * S + j] * sales[n * S + j];
        let implied = finalShares[n * S + j] * income;
        for (let k = 0; k < S; k++) implied += inputShares[(n * S + j) * S + k] * sales[n * S + k];
        worstMarket = Math.max(worstMarket, Math.abs(implied - spending[n * S + j]) / Math.max(spending[n * S + j], 1));
      }
      worstLabour = Math.max(worstLabour, Math.abs(valueAdded / data.gdp![n] - 1));
      worstBalance = Math.max(worstBalance, Math.abs(exports[n] - imports[n] + data.deficits![n]) / data.gdp![n]);
    }
    expectClose(worstMarket, 0, TOL_BASELINE, "max relative goods-market residual");
    expectClose(worstLabour, 0, TOL_BASELINE, "max |Σ β·Y / VA − 1|");
    expectClose(worstBalance, 0, TOL_BASELINE, "max |exports − imports − TB| / VA");
  });

  it("Caliendo–Parro at the factual tariffs (a zero shock) returns zero change in every reported outcome", () => {
    const report = runScenario("name: zero\ndataset: wiod-2014\nmodel: { type: caliendo-parro, deficits: held, tolerance: 1e-12 }\nphases:\n  - name: factual\n", { source: "zero" });
    expectZeroShock(report.phases[0], data, TOL_ZERO_SHOCK_PP);
  });

  it("reproduces KITE 24.01: 25% both ways between the USA and China in C01–C22 → welfare CHN −0.1621%, USA −0.0424%, JPN +0.0135%, MEX +0.0359% (issue 10)", () => {
    const goods = `[${GOODS.join(", ")}]`;
    const text = [
      "name: KITE reference",
      "dataset: wiod-2014",
      "model: { type: caliendo-parro, deficits: held }",
      "phases:",
      "  - name: us-china-25",
      "    shocks:",
      `      - { type: tariff, importer: USA, exporter: CHN, sectors: ${goods}, set: "25%" }`,
      `      - { type: tariff, importer: CHN, exporter: USA, sectors: ${goods}, set: "25%" }`,
    ].join("\n");
    const phase = runScenario(text, { source: "kite" }).phases[0];
    expect(phase.converged).toBe(true);
    const welfare = (code: string) => phase.countries.find((c) => c.code === code)!.values.welfareChangePct;
    expectClose(welfare("CHN"), -0.1621, TOL_KITE_PP, "CHN welfare %");
    expectClose(welfare("USA"), -0.0424, TOL_KITE_PP, "USA welfare %");
    expectClose(welfare("JPN"), 0.0135, TOL_KITE_PP, "JPN welfare %");
    expectClose(welfare("MEX"), 0.0359, TOL_KITE_PP, "MEX welfare %");
  });
});

describe("supply-chain exposure and blocs run on wiod-2014", () => {
  /** As tests/exposure-identities.test.ts: a 2,200-unknown LU of a column diagonally dominant I − A. */
  const TOL_COLUMN_SUM = 1e-10;
  it("the value-added accounting holds its identities: each column of v·L sums to one, world value added = world final demand", () => {
    const tables = exposureTables(accountingInputOf(data)!, { countries: data.countries.map((c) => c.code), sectors: data.sectors.map((s) => s.code) });
    const NS = N * S;
    let worst = 0;
    for (let c = 0; c < NS; c++) {
      let sum = 0;
      for (let i = 0; i < N; i++) sum += tables.valueAddedContent[i * NS + c];
      worst = Math.max(worst, Math.abs(sum - 1));
    }
    expectClose(worst, 0, TOL_COLUMN_SUM, "max |column sum of v·L − 1|");
    expectClose(tables.checks.worldValueAdded / tables.checks.worldFinalDemand, 1, TOL_COLUMN_SUM, "world value added ÷ world final demand");
  }, 120_000);

  it("a one-candidate bloc (JPN joins a US bloc against China, China embargoes basic metals to members) solves both membership sets", async () => {
    const text = [
      "name: bloc on wiod-2014",
      "dataset: wiod-2014",
      "model: { type: caliendo-parro, deficits: held }",
      "phases:",
      "  - name: base",
      "    shocks:",
      "      - { type: tariff, importer: USA, exporter: CHN, add: \"34%\", sectors: [C15, C17, C20] }",
      "bloc:",
      "  leader: USA",
      "  target: CHN",
      "  candidates: [JPN]",
      "  payoff: welfareChangePct",
      "  membersOnTarget: { tariff: rate }",
      "  targetOnMembers: { embargo: true, sectors: [C15] }",
    ].join("\n");
    const report = await runBloc({ text, source: "bloc" }, { threads: 0 });
    expect(report.sets).toHaveLength(2);
    expect(report.sets.every((s) => s.converged)).toBe(true);
    expect(Number.isFinite(report.sets[1].payoffs.JPN)).toBe(true);
  }, 120_000);
});

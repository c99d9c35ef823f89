import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { message } from "../../src/messages.js";
import { runScenario } from "../../src/run.js";
import { prepareBloc, solveMembership } from "../../src/strategy/blocSolve.js";
import { readSweepFile } from "../../src/sweep/readSweepFile.js";
import { localEngine, runSweep, sweepIdOf, type SweepEngine } from "../../src/sweep/runSweep.js";
import { SweepStore } from "../../src/sweep/sweepStore.js";
import { runCli } from "../support/cli.js";
import { expectClose } from "../support/expectClose.js";

const SLOW = 180_000;

/** gegravity's Canada–Japan PTA (30 countries, 2006): cheap equilibria, so sweeps of a few dozen points stay fast. */
const base = readFileSync("examples/gegravity-can-jpn.yaml", "utf8").replace("countries: [CAN, JPN, USA, MEX, DEU, AUS]", "countries: [CAN, JPN, USA, CHN, KOR]");
const withUncertainty = base + "\nuncertainty:\n  seed: 5\n  parameters: [{ parameter: tradeElasticities, distribution: lognormal, cv: 0.2 }]\n";
const withBloc =
  base +
  `
bloc:
  leader: USA
  target: CHN
  candidates: [CAN, JPN, KOR]
  membersOnTarget: { tariff: "20%" }
`;

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "tw-sweep-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Every stored value of a sweep as "point|phase|row|key" → value. */
async function storedValues(storeFile: string, id: string): Promise<Map<string, number>> {
  const store = await SweepStore.open(storeFile);
  try {
    const sweep = (await store.getSweep(id))!;
    const rows = await store.query(sweep, `SELECT point, phase, code, quantity, value FROM results`);
    return new Map(rows.map((r) => [`${r.point}|${r.phase}|${r.code}|${r.quantity}`, Number(r.value)]));
  } finally {
    await store.close();
  }
}

/** The values a RunReport gives the same cells (report rows × table keys, every country's headline key). */
function reportValues(report: ReturnType<typeof runScenario>, point: number): Map<string, number> {
  const out = new Map<string, number>();
  const headline = report.tableKeys[0];
  for (const phase of report.phases) {
    for (const row of phase.summary) for (const key of report.tableKeys) if (row.values[key] !== undefined) out.set(`${point}|${phase.name}|${row.code}|${key}`, row.values[key]);
    for (const row of phase.countries) out.set(`${point}|${phase.name}|${row.code}|${headline}`, row.values[headline]);
  }
  return out;
}

describe("tradewinds sweep (local engine, DuckDB store)", () => {
  it("a grid × levels sweep stores, for every point, exactly the run of the scenario with those shocks; queryable by dimension", { timeout: SLOW }, async () => {
    const dir = folder({
      "s.yaml": base,
      "grid.yaml": `
name: costs
scenario: s.yaml
dimensions:
  - name: factor
    values: [1, 1.1, 1.25]
    shocks: [{ type: trade-cost, importer: USA, exporter: CAN, factor: $value }]
  - name: pta
    levels:
      - { name: none, shocks: [] }
      - { name: usa-kor, shocks: [{ type: covariate, name: pta, importer: [USA, KOR], exporter: [USA, KOR], set: 1 }] }
`,
    });
    const storeFile = join(dir, "store", "sweeps.duckdb");
    const summary = await runSweep(readSweepFile(join(dir, "grid.yaml")), { storeFile, engine: localEngine(2) });
    expect(summary.counts).toMatchObject({ points: 6, converged: 6, notConverged: 0, failed: 0 });
    const stored = await storedValues(storeFile, summary.sweep.id);
    // Point 3 = factor 1.1 (second value, slowest dimension) × pta none; point 5 = factor 1.25 × usa-kor.
    const byHand3 = runScenario(base.replace("shocks:\n", "shocks:\n      - { type: trade-cost, importer: USA, exporter: CAN, factor: 1.1 }\n"), { source: "by hand" });
    const byHand5 = runScenario(
      base.replace(
        "shocks:\n",
        "shocks:\n      - { type: trade-cost, importer: USA, exporter: CAN, factor: 1.25 }\n      - { type: covariate, name: pta, importer: [USA, KOR], exporter: [USA, KOR], set: 1 }\n",
      ),
      { source: "by hand" },
    );
    for (const [point, report] of [[2, byHand3], [5, byHand5]] as const) {
      const expected = reportValues(report, point);
      expect(expected.size).toBeGreaterThan(30);
      for (const [cell, value] of expected) expect(stored.get(cell), cell).toBe(value);
    }
    // Queryable by dimension: one row per grid value and level.
    const store = await SweepStore.open(storeFile);
    const rows = await store.query((await store.getSweep(summary.sweep.id))!, `SELECT factor, pta, value FROM results WHERE code = 'USA' AND quantity = 'welfareChangePct' ORDER BY factor, pta`);
    await store.close();
    expect(rows.map((r) => [r.factor, r.pta])).toEqual([[1, "none"], [1, "usa-kor"], [1.1, "none"], [1.1, "usa-kor"], [1.25, "none"], [1.25, "usa-kor"]]);
  });

  it("rerunning draw k alone (run --draw k) reproduces row k of a draws sweep exactly; export to Parquet and CSV", { timeout: SLOW }, async () => {
    const dir = folder({ "s.yaml": withUncertainty, "draws.yaml": "name: draws\nscenario: s.yaml\ndimensions:\n  - { name: draw, draws: 6 }\n" });
    const cli = await runCli("sweep", join(dir, "draws.yaml"), "--data-dir", join(dir, "store"), "--threads", "2", "--export", join(dir, "out.parquet"), "--no-progress");
    expect(cli.code, cli.err).toBe(0);
    const id = /sweep ([0-9a-f]{16})/.exec(cli.out)![1];
    const stored = await storedValues(join(dir, "store", "sweeps.duckdb"), id);
    for (const k of [0, 3, 5]) {
      const alone = runScenario(withUncertainty, { source: join(dir, "s.yaml"), draw: k });
      for (const [cell, value] of reportValues(alone, k)) expect(stored.get(cell), cell).toBe(value);
    }
    const db = await (await DuckDBInstance.create(":memory:")).connect();
    const [parquet] = (await db.runAndReadAll(`SELECT count(*) AS n, count(DISTINCT draw) AS draws FROM read_parquet('${join(dir, "out.parquet")}')`)).getRowObjectsJS();
    expect(Number(parquet.n)).toBe(stored.size);
    expect(Number(parquet.draws)).toBe(6);
    const csv = await runCli("sweep", join(dir, "draws.yaml"), "--data-dir", join(dir, "store"), "--resume", "--export", join(dir, "out.csv"), "--no-progress");
    expect(csv.code, csv.err).toBe(0);
    expect(readFileSync(join(dir, "out.csv"), "utf8").split("\n")[0]).toBe("point,draw,phase,code,quantity,value,phase_converged");
  });

  it("--resume continues an interrupted sweep from what is stored: every point once, the same values as an uninterrupted run", { timeout: SLOW }, async () => {
    const dir = folder({ "s.yaml": withUncertainty, "draws.yaml": "name: draws\nscenario: s.yaml\ndimensions:\n  - { name: draw, draws: 8 }\n" });
    const request = readSweepFile(join(dir, "draws.yaml"));
    const storeFile = join(dir, "a", "sweeps.duckdb");
    // An engine that dies after delivering the first three points.
    const interrupted: SweepEngine = async (req, id, points, sink) => {
      await localEngine(1)(req, id, points.slice(0, 3), sink);
      throw new Error("killed");
    };
    await expect(runSweep(request, { storeFile, engine: interrupted })).rejects.toThrow("killed");
    await expect(runSweep(request, { storeFile, engine: localEngine(2) })).rejects.toThrow(message.sweepAlreadyStored(sweepIdOf(request), 3, 8));
    const resumed = await runSweep(request, { storeFile, engine: localEngine(2), resume: true });
    expect(resumed).toMatchObject({ storedBefore: 3, solvedNow: 5, counts: { points: 8, converged: 8 } });
    const fresh = await runSweep(request, { storeFile: join(dir, "b", "sweeps.duckdb"), engine: localEngine(1) });
    expect(await storedValues(storeFile, resumed.sweep.id)).toEqual(await storedValues(join(dir, "b", "sweeps.duckdb"), fresh.sweep.id));
    // A chunk delivered twice stores nothing the second time.
    const store = await SweepStore.open(storeFile);
    const sweep = (await store.getSweep(resumed.sweep.id))!;
    const before = await store.counts(sweep.id);
    expect(await store.storeResults(sweep, [1], [{ point: 2, converged: true, phases: [] }], "duplicate")).toBe(0);
    expect(await store.counts(sweep.id)).toEqual(before);
    await store.close();
  });

  it("a memberships dimension solves the bloc's member sets as tradewinds bloc does; a scenarios dimension each file", { timeout: SLOW }, async () => {
    const dir = folder({
      "bloc.yaml": withBloc,
      "members.yaml": "name: members\nscenario: bloc.yaml\ndimensions:\n  - { name: members, memberships: all }\n",
      "two.yaml": "name: two\ndimensions:\n  - { name: scenario, scenarios: [bloc.yaml, plain.yaml] }\n",
      "plain.yaml": base,
    });
    const storeFile = join(dir, "store", "sweeps.duckdb");
    const members = await runSweep(readSweepFile(join(dir, "members.yaml")), { storeFile, engine: localEngine(2) });
    expect(members.sweep.dimensions[0].labels).toEqual(["none", "CAN", "JPN", "CAN+JPN", "KOR", "CAN+KOR", "JPN+KOR", "CAN+JPN+KOR"]);
    const stored = await storedValues(storeFile, members.sweep.id);
    const bloc = prepareBloc({ text: withBloc, source: join(dir, "bloc.yaml") });
    /** solveMembership forms a candidate's payoff as Σ w x / Σ w over its one member: equal to x up to rounding. */
    const TOL_WEIGHTED_MEAN_PP = 1e-12;
    for (let mask = 0; mask < 8; mask++) {
      const solve = solveMembership(bloc, mask);
      expect(stored.get(`${mask}|can-jpn-pta|USA|welfareChangePct`)).toBe(solve.leader);
      expect(stored.get(`${mask}|can-jpn-pta|CHN|welfareChangePct`)).toBe(solve.target);
      ["CAN", "JPN", "KOR"].forEach((code, c) => expectClose(stored.get(`${mask}|can-jpn-pta|${code}|welfareChangePct`)!, solve.candidates[c], TOL_WEIGHTED_MEAN_PP, `${code} in set ${mask}`));
    }
    const two = await runSweep(readSweepFile(join(dir, "two.yaml")), { storeFile, engine: localEngine(1) });
    const values = await storedValues(storeFile, two.sweep.id);
    for (const [cell, value] of reportValues(runScenario(base, { source: "plain" }), 1)) expect(values.get(cell), cell).toBe(value);
  });

  it("bad sweep files are reported with the field and the fix before anything is solved", async () => {
    const dir = folder({
      "s.yaml": base,
      "bad.yaml": "name: bad\nscenario: s.yaml\ndimensions:\n  - name: factor\n    values: [1.1]\n    shocks: [{ type: trade-cost, importer: USA, exporter: CAN, factor: 1.2 }]\n  - { name: draw, draws: 2 }\n",
    });
    const out = await runCli("sweep", join(dir, "bad.yaml"), "--data-dir", join(dir, "store"));
    expect(out.code).toBe(2);
    expect(out.err).toContain(message.sweepTemplateWithoutValue());
    expect(out.err).toContain(message.sweepDrawsWithoutParameters(join(dir, "s.yaml")));
  });
});

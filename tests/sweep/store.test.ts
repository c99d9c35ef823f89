import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { forEachCell, type CellLayout, type PhaseCells, type PointResult } from "../../src/sweep/pointResult.js";
import { SweepStore, type SweepRecord } from "../../src/sweep/sweepStore.js";

/** A sweep of one grid dimension (rate 0, 0.1, 0.2) — the record only; its values are written by hand below. */
function sweepRecord(id: string): SweepRecord {
  return {
    id,
    name: id,
    source: "by hand",
    createdAt: "2026-11-30T00:00:00.000Z",
    version: "test",
    dataChecksum: "none",
    totalPoints: 3,
    dimensions: [{ name: "rate", kind: "grid", labels: ["0", "0.1", "0.2"], values: [0, 0.1, 0.2] }],
    requestJson: "{}",
  };
}

type HandCell = [row: string, key: string, value: number];

/** A phase's cells from (row, key, value) triples, with its own layout object or the one given. */
function phaseOf(phase: string, iterations: number, cells: HandCell[], layout?: CellLayout): PhaseCells {
  const own = { rows: cells.map((c) => c[0]), keys: cells.map((c) => c[1]) };
  if (layout) expect(own).toEqual(layout);
  return { phase, converged: true, iterations, residual: 1e-12, layout: layout ?? own, values: Float64Array.from(cells, (c) => c[2]) };
}

/** One layout object for phase "first" of every point of both sweeps (as a solving thread hands out), so the store must tell the sweeps apart. */
const firstLayout: CellLayout = { rows: ["USA", "JPN"], keys: ["welfareChangePct", "welfareChangePct"] };

/** Point p of a hand-made sweep: two phases; point 2 has a cell the others do not. */
function point(p: number, scale: number): PointResult {
  return {
    point: p,
    converged: true,
    phases: [
      phaseOf("first", 3, [["USA", "welfareChangePct", -0.5 * (p + 1) * scale], ["JPN", "welfareChangePct", 0.25 * (p + 1) * scale]], firstLayout),
      phaseOf("second", 4, [["USA", "welfareChangePct", -(p + 1) * scale], ["USA", "realWageChangePct", 2 * (p + 1) * scale], ["WORLD", "welfareChangePct", 0.125 * scale], ...(p === 2 ? [["JPN", "realWageChangePct", 3 * scale] as HandCell] : [])]),
    ],
  };
}

/** The hand-written values as `point|rate|phase|code|quantity` → value, as `results` must give them. */
function expectedRows(points: PointResult[], rates: number[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of points) for (const phase of r.phases) forEachCell(phase, (code, quantity, value) => out.set(`${r.point}|${rates[r.point]}|${phase.phase}|${code}|${quantity}`, value));
  return out;
}

async function resultRows(store: SweepStore, id: string): Promise<Map<string, number>> {
  const rows = await store.query((await store.getSweep(id))!, `SELECT point, rate, phase, code, quantity, value FROM results`);
  return new Map(rows.map((r) => [`${r.point}|${r.rate}|${r.phase}|${r.code}|${r.quantity}`, Number(r.value)]));
}

describe("the sweep store (cells numbered once per sweep)", () => {
  it("keeps two sweeps' values apart, in every order they are written; deleting one leaves the other whole", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "tw-store-")), "sweeps.duckdb");
    const a = sweepRecord("aaaaaaaaaaaaaaaa");
    const b = sweepRecord("bbbbbbbbbbbbbbbb");
    const aPoints = [0, 1, 2].map((p) => point(p, 1));
    const bPoints = [0, 1, 2].map((p) => point(p, 10));
    let store = await SweepStore.open(file);
    await store.beginSweep(a);
    await store.beginSweep(b);
    expect(await store.storeResults(a, [1], [aPoints[2]], "w")).toBe(1);
    expect(await store.storeResults(b, [1], [bPoints[0], bPoints[1]], "w")).toBe(2);
    await store.close();
    // A new process (a --resume) numbers its new cells (b's point 2 has one) after those stored.
    store = await SweepStore.open(file);
    expect(await store.storeResults(a, [1], [aPoints[0], aPoints[1], aPoints[2]], "w")).toBe(2);
    expect(await store.storeResults(b, [1], [bPoints[2]], "w")).toBe(1);
    expect(await resultRows(store, a.id)).toEqual(expectedRows(aPoints, [0, 0.1, 0.2]));
    expect(await resultRows(store, b.id)).toEqual(expectedRows(bPoints, [0, 0.1, 0.2]));
    expect((await store.counts(a.id)).values).toBe(3 * 5 + 1);
    await store.deleteSweep(a.id);
    expect(await store.counts(a.id)).toEqual({ points: 0, converged: 0, notConverged: 0, failed: 0, values: 0 });
    expect(await resultRows(store, b.id)).toEqual(expectedRows(bPoints, [0, 0.1, 0.2]));
    // Written again after the delete, the sweep's cells are numbered afresh.
    await store.beginSweep(a);
    expect(await store.storeResults(a, [1], aPoints, "w")).toBe(3);
    expect(await resultRows(store, a.id)).toEqual(expectedRows(aPoints, [0, 0.1, 0.2]));
    await store.close();
  });

  it("a store written before cells were numbered (each value with its names) opens with every value kept", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "tw-store-")), "sweeps.duckdb");
    // The layout of that store, as its code created it, with a sweep of three points written by hand.
    const old = await (await DuckDBInstance.create(file)).connect();
    const a = sweepRecord("cccccccccccccccc");
    await old.run(`CREATE TABLE sweeps (id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, source VARCHAR NOT NULL, created_at VARCHAR NOT NULL,
      version VARCHAR NOT NULL, data_checksum VARCHAR NOT NULL, total_points BIGINT NOT NULL, dimensions_json VARCHAR NOT NULL, request_json VARCHAR NOT NULL)`);
    await old.run(`CREATE TABLE sweep_points (sweep_id VARCHAR NOT NULL, point BIGINT NOT NULL, converged BOOLEAN NOT NULL, error VARCHAR, worker VARCHAR, PRIMARY KEY (sweep_id, point))`);
    await old.run(`CREATE TABLE sweep_coordinates (sweep_id VARCHAR NOT NULL, point BIGINT NOT NULL, dimension VARCHAR NOT NULL, label VARCHAR NOT NULL, value DOUBLE)`);
    await old.run(`CREATE TABLE sweep_phases (sweep_id VARCHAR NOT NULL, point BIGINT NOT NULL, phase VARCHAR NOT NULL, converged BOOLEAN NOT NULL, iterations INTEGER NOT NULL, residual DOUBLE NOT NULL)`);
    await old.run(`CREATE TABLE sweep_values (sweep_id VARCHAR NOT NULL, point BIGINT NOT NULL, phase VARCHAR NOT NULL, code VARCHAR NOT NULL, quantity VARCHAR NOT NULL, value DOUBLE NOT NULL)`);
    await old.run(`INSERT INTO sweeps VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, [a.id, a.name, a.source, a.createdAt, a.version, a.dataChecksum, 3, JSON.stringify(a.dimensions), a.requestJson]);
    const points = [0, 1].map((p) => point(p, 1));
    for (const r of points) {
      await old.run(`INSERT INTO sweep_points VALUES (?, ?, true, NULL, 'w')`, [a.id, r.point]);
      await old.run(`INSERT INTO sweep_coordinates VALUES (?, ?, 'rate', ?, ?)`, [a.id, r.point, a.dimensions[0].labels[r.point], a.dimensions[0].values[r.point]!]);
      for (const phase of r.phases) {
        await old.run(`INSERT INTO sweep_phases VALUES (?, ?, ?, true, ?, ?)`, [a.id, r.point, phase.phase, phase.iterations, phase.residual]);
        const { rows, keys } = phase.layout;
        for (let c = 0; c < rows.length; c++) await old.run(`INSERT INTO sweep_values VALUES (?, ?, ?, ?, ?, ?)`, [a.id, r.point, phase.phase, rows[c], keys[c], phase.values[c]]);
      }
    }
    old.closeSync();
    const store = await SweepStore.open(file);
    expect(await store.storedPoints(a.id)).toEqual(new Set([0, 1]));
    expect(await resultRows(store, a.id)).toEqual(expectedRows(points, [0, 0.1, 0.2]));
    // The sweep resumes: its last point, with a cell the others do not have, joins the values carried over.
    const third = point(2, 1);
    expect(await store.storeResults(a, [1], [third], "w")).toBe(1);
    expect(await resultRows(store, a.id)).toEqual(expectedRows([...points, third], [0, 0.1, 0.2]));
    expect(await store.counts(a.id)).toEqual({ points: 3, converged: 3, notConverged: 0, failed: 0, values: 16 });
    await store.close();
  });
});

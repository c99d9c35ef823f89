import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from "@duckdb/node-api";
import type { PointResult } from "./pointResult.js";
import type { ResolvedDimension } from "./prepareSweep.js";

/** What the store keeps of a sweep besides its points. */
export interface SweepRecord {
  id: string;
  name: string;
  source: string;
  createdAt: string;
  version: string;
  dataChecksum: string;
  totalPoints: number;
  dimensions: ResolvedDimension[];
  /** The sweep request (spec and scenario texts), so a stored sweep says exactly what was solved. */
  requestJson: string;
}

export interface SweepCounts {
  points: number;
  converged: number;
  notConverged: number;
  failed: number;
  values: number;
}

const schema = [
  `CREATE TABLE IF NOT EXISTS sweeps (
     id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, source VARCHAR NOT NULL, created_at VARCHAR NOT NULL,
     version VARCHAR NOT NULL, data_checksum VARCHAR NOT NULL, total_points BIGINT NOT NULL,
     dimensions_json VARCHAR NOT NULL, request_json VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS sweep_points (
     sweep_id VARCHAR NOT NULL, point BIGINT NOT NULL, converged BOOLEAN NOT NULL, error VARCHAR, worker VARCHAR,
     PRIMARY KEY (sweep_id, point))`,
  `CREATE TABLE IF NOT EXISTS sweep_coordinates (sweep_id VARCHAR NOT NULL, point BIGINT NOT NULL, dimension VARCHAR NOT NULL, label VARCHAR NOT NULL, value DOUBLE)`,
  `CREATE TABLE IF NOT EXISTS sweep_phases (sweep_id VARCHAR NOT NULL, point BIGINT NOT NULL, phase VARCHAR NOT NULL, converged BOOLEAN NOT NULL, iterations INTEGER NOT NULL, residual DOUBLE NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS sweep_values (sweep_id VARCHAR NOT NULL, point BIGINT NOT NULL, phase VARCHAR NOT NULL, code VARCHAR NOT NULL, quantity VARCHAR NOT NULL, value DOUBLE NOT NULL)`,
];

/** A DuckDB identifier in double quotes. */
const identifier = (name: string) => `"${name.replaceAll('"', '""')}"`;
/** A DuckDB string literal in single quotes. */
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * Sweep results in a DuckDB file (default `.tradewinds/sweeps.duckdb`, beside the server's store but its
 * own file, so a running server does not lock it). A point is stored once: `sweep_points` has the key
 * (sweep, point), and a chunk's values are written in the same transaction as its new points only — a
 * chunk delivered twice (a retried job) adds nothing. Statements run one at a time on one connection.
 */
export class SweepStore {
  private chain: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    readonly file: string,
  ) {}

  static async open(file: string): Promise<SweepStore> {
    mkdirSync(dirname(file), { recursive: true });
    const instance = await DuckDBInstance.create(file);
    const connection = await instance.connect();
    for (const sql of schema) await connection.run(sql);
    return new SweepStore(instance, connection, file);
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private rows(sql: string, values: DuckDBValue[] = []): Promise<Record<string, unknown>[]> {
    return this.serial(async () => (await this.connection.runAndReadAll(sql, values)).getRowObjectsJS());
  }

  private exec(sql: string, values: DuckDBValue[] = []): Promise<void> {
    return this.serial(async () => void (await this.connection.run(sql, values)));
  }

  async getSweep(id: string): Promise<SweepRecord | undefined> {
    const [row] = await this.rows(`SELECT * FROM sweeps WHERE id = ?`, [id]);
    if (!row) return undefined;
    return {
      id: String(row.id),
      name: String(row.name),
      source: String(row.source),
      createdAt: String(row.created_at),
      version: String(row.version),
      dataChecksum: String(row.data_checksum),
      totalPoints: Number(row.total_points),
      dimensions: JSON.parse(String(row.dimensions_json)) as ResolvedDimension[],
      requestJson: String(row.request_json),
    };
  }

  /** Records a sweep (once; a resumed sweep keeps its first record). */
  async beginSweep(sweep: SweepRecord): Promise<void> {
    await this.exec(`INSERT INTO sweeps VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, [
      sweep.id, sweep.name, sweep.source, sweep.createdAt, sweep.version, sweep.dataChecksum, sweep.totalPoints, JSON.stringify(sweep.dimensions), sweep.requestJson,
    ]);
  }

  /** Deletes a sweep and everything stored of it (`--replace`). */
  async deleteSweep(id: string): Promise<void> {
    for (const table of ["sweep_values", "sweep_phases", "sweep_coordinates", "sweep_points"]) await this.exec(`DELETE FROM ${table} WHERE sweep_id = ?`, [id]);
    await this.exec(`DELETE FROM sweeps WHERE id = ?`, [id]);
  }

  async storedPoints(id: string): Promise<Set<number>> {
    return new Set((await this.rows(`SELECT point FROM sweep_points WHERE sweep_id = ?`, [id])).map((r) => Number(r.point)));
  }

  /**
   * Stores the points of `results` not stored yet, with their coordinates, phases and values, in one
   * transaction; returns how many were new. `worker` names who solved them.
   */
  async storeResults(sweep: SweepRecord, strides: number[], results: PointResult[], worker: string): Promise<number> {
    return this.serial(async () => {
      const c = this.connection;
      await c.run("BEGIN TRANSACTION");
      try {
        // Point indices are integers the engine produced (checked), so they go into the statement as numbers.
        const indices = results.map((r) => r.point);
        if (!indices.every((p) => Number.isSafeInteger(p) && p >= 0)) throw new Error("internal: a point index is not a non-negative integer");
        const known = new Set(
          indices.length ? (await c.runAndReadAll(`SELECT point FROM sweep_points WHERE sweep_id = ? AND point IN (${indices.join(",")})`, [sweep.id])).getRowObjectsJS().map((r) => Number(r.point)) : [],
        );
        const fresh: PointResult[] = [];
        for (const r of results) {
          if (known.has(r.point)) continue;
          known.add(r.point);
          fresh.push(r);
        }
        const points = await c.createAppender("sweep_points");
        const coordinates = await c.createAppender("sweep_coordinates");
        const phases = await c.createAppender("sweep_phases");
        const values = await c.createAppender("sweep_values");
        for (const r of fresh) {
          points.appendVarchar(sweep.id);
          const point = BigInt(r.point); // one BigInt per point, not one per stored value
          points.appendBigInt(point);
          points.appendBoolean(r.converged);
          if (r.error === undefined) points.appendNull();
          else points.appendVarchar(r.error);
          points.appendVarchar(worker);
          points.endRow();
          sweep.dimensions.forEach((d, k) => {
            const at = Math.floor(r.point / strides[k]) % d.labels.length;
            coordinates.appendVarchar(sweep.id);
            coordinates.appendBigInt(point);
            coordinates.appendVarchar(d.name);
            coordinates.appendVarchar(d.labels[at]);
            if (d.values[at] === null) coordinates.appendNull();
            else coordinates.appendDouble(d.values[at]!);
            coordinates.endRow();
          });
          for (const phase of r.phases) {
            phases.appendVarchar(sweep.id);
            phases.appendBigInt(point);
            phases.appendVarchar(phase.phase);
            phases.appendBoolean(phase.converged);
            phases.appendInteger(phase.iterations);
            phases.appendDouble(phase.residual);
            phases.endRow();
            for (const [row, key, value] of phase.cells) {
              values.appendVarchar(sweep.id);
              values.appendBigInt(point);
              values.appendVarchar(phase.phase);
              values.appendVarchar(row);
              values.appendVarchar(key);
              values.appendDouble(value);
              values.endRow();
            }
          }
        }
        for (const a of [points, coordinates, phases, values]) a.closeSync();
        await c.run("COMMIT");
        return fresh.length;
      } catch (err) {
        await c.run("ROLLBACK");
        throw err;
      }
    });
  }

  async counts(id: string): Promise<SweepCounts> {
    const [p] = await this.rows(
      `SELECT count(*) AS points, count(*) FILTER (WHERE converged) AS converged, count(*) FILTER (WHERE NOT converged AND error IS NULL) AS not_converged,
              count(*) FILTER (WHERE error IS NOT NULL) AS failed FROM sweep_points WHERE sweep_id = ?`,
      [id],
    );
    const [v] = await this.rows(`SELECT count(*) AS n FROM sweep_values WHERE sweep_id = ?`, [id]);
    return { points: Number(p.points), converged: Number(p.converged), notConverged: Number(p.not_converged), failed: Number(p.failed), values: Number(v.n) };
  }

  /**
   * The SQL of a sweep's results, one row per (point, phase, report row, key): point, one column per
   * dimension (its number where it has one — grid values, draw indices — else its label), phase, code (the
   * country, group or WORLD), quantity (the registry key), value, phase_converged. The table `--query`
   * calls `results` and `--export` writes.
   */
  resultsSql(sweep: SweepRecord): string {
    const id = literal(sweep.id);
    const dims = sweep.dimensions.map((d, k) => ({ d, alias: `c${k}` }));
    const columns = dims.map(({ d, alias }) => `${alias}.${d.kind === "grid" || d.kind === "draws" ? "value" : "label"} AS ${identifier(d.name)}`);
    const joins = dims.map(({ d, alias }) => `JOIN sweep_coordinates ${alias} ON ${alias}.sweep_id = v.sweep_id AND ${alias}.point = v.point AND ${alias}.dimension = ${literal(d.name)}`);
    return [
      `SELECT v.point, ${[...columns, `v.phase, v.code, v.quantity, v.value, ph.converged AS phase_converged`].join(", ")}`,
      `FROM sweep_values v`,
      `JOIN sweep_phases ph ON ph.sweep_id = v.sweep_id AND ph.point = v.point AND ph.phase = v.phase`,
      ...joins,
      `WHERE v.sweep_id = ${id}`,
    ].join("\n");
  }

  /** Writes a sweep's results to a Parquet or CSV file (DuckDB COPY), ordered by point, phase, row and key. */
  async exportResults(sweep: SweepRecord, file: string, format: "parquet" | "csv"): Promise<void> {
    const options = format === "parquet" ? "FORMAT parquet" : "FORMAT csv, HEADER true";
    await this.exec(`COPY (${this.resultsSql(sweep)} ORDER BY v.point, v.phase, v.code, v.quantity) TO ${literal(file)} (${options})`);
  }

  /** Runs a query in which `results` is the sweep's results table (see resultsSql). */
  async query(sweep: SweepRecord, sql: string): Promise<Record<string, unknown>[]> {
    await this.exec(`CREATE OR REPLACE TEMP VIEW results AS ${this.resultsSql(sweep)}`);
    return this.rows(sql);
  }

  async close(): Promise<void> {
    await this.serial(async () => {
      this.connection.closeSync();
      this.instance.closeSync();
    });
  }
}

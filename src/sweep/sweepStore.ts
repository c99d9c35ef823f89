import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from "@duckdb/node-api";
import type { CellLayout, PhaseCells, PointResult } from "./pointResult.js";
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
  // A sweep's cells — (phase, report row, quantity) — are numbered once; each value names its cell by number, so
  // a stored value is three numbers (a third of the appends and none of the strings of a row of names).
  `CREATE TABLE IF NOT EXISTS sweep_cells (
     cell INTEGER PRIMARY KEY, sweep_id VARCHAR NOT NULL, phase VARCHAR NOT NULL, code VARCHAR NOT NULL, quantity VARCHAR NOT NULL)`,
];

const valuesTable = `CREATE TABLE sweep_values (point BIGINT NOT NULL, cell INTEGER NOT NULL, value DOUBLE NOT NULL)`;

/**
 * Stores written before cells were numbered kept each value with its names (sweep_id, point, phase, code,
 * quantity, value). Numbers their cells and rewrites their values, in one transaction, so nothing stored is lost.
 */
const migrateNamedValues = [
  `INSERT INTO sweep_cells SELECT (row_number() OVER (ORDER BY sweep_id, phase, code, quantity) - 1)::INTEGER, sweep_id, phase, code, quantity
     FROM (SELECT DISTINCT sweep_id, phase, code, quantity FROM sweep_values)`,
  valuesTable.replace("sweep_values", "sweep_values_numbered"),
  `INSERT INTO sweep_values_numbered SELECT v.point, k.cell, v.value FROM sweep_values v JOIN sweep_cells k USING (sweep_id, phase, code, quantity)`,
  `DROP TABLE sweep_values`,
  `ALTER TABLE sweep_values_numbered RENAME TO sweep_values`,
];

/** A sweep's cell numbers by phase, then report row, then quantity. */
type CellNumbers = Map<string, Map<string, Map<string, number>>>;

function numberCell(numbers: CellNumbers, phase: string, code: string, quantity: string, cell: number): void {
  let ofPhase = numbers.get(phase);
  if (!ofPhase) numbers.set(phase, (ofPhase = new Map()));
  let ofRow = ofPhase.get(code);
  if (!ofRow) ofPhase.set(code, (ofRow = new Map()));
  ofRow.set(quantity, cell);
}

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
  /** The cell numbers of the sweeps this store has written or read, as stored. */
  private readonly cellNumbers = new Map<string, CellNumbers>();
  /** The cell numbers of each layout object seen (sweep/pointResult.ts), valid while `generation` is unchanged. */
  private readonly layoutCells = new WeakMap<CellLayout, { sweepId: string; phase: string; generation: number; numbers: Int32Array }>();
  /** Counts rollbacks and deletions: each makes the kept layout numbers stale. */
  private generation = 0;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    readonly file: string,
    /** The number the next new cell gets (cells are numbered across the store's sweeps; one writer holds the file). */
    private nextCell: number,
  ) {}

  static async open(file: string): Promise<SweepStore> {
    mkdirSync(dirname(file), { recursive: true });
    const instance = await DuckDBInstance.create(file);
    const connection = await instance.connect();
    for (const sql of schema) await connection.run(sql);
    const columns = (await connection.runAndReadAll(`SELECT column_name FROM duckdb_columns() WHERE table_name = 'sweep_values' AND schema_name = 'main'`)).getRowObjectsJS().map((r) => String(r.column_name));
    if (columns.length === 0) await connection.run(valuesTable);
    else if (columns.includes("code")) {
      await connection.run("BEGIN TRANSACTION");
      try {
        for (const sql of migrateNamedValues) await connection.run(sql);
        await connection.run("COMMIT");
      } catch (err) {
        await connection.run("ROLLBACK");
        throw err;
      }
    }
    const [next] = (await connection.runAndReadAll(`SELECT coalesce(max(cell) + 1, 0) AS next FROM sweep_cells`)).getRowObjectsJS();
    return new SweepStore(instance, connection, file, Number(next.next));
  }

  /** The cell numbers stored for a sweep (read once, then kept up to date by storeResults). */
  private async cellsOf(id: string): Promise<CellNumbers> {
    let numbers = this.cellNumbers.get(id);
    if (numbers) return numbers;
    numbers = new Map();
    const rows = (await this.connection.runAndReadAll(`SELECT cell, phase, code, quantity FROM sweep_cells WHERE sweep_id = ?`, [id])).getRowObjectsJS();
    for (const r of rows) numberCell(numbers, String(r.phase), String(r.code), String(r.quantity), Number(r.cell));
    this.cellNumbers.set(id, numbers);
    return numbers;
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
    await this.exec(`DELETE FROM sweep_values WHERE cell IN (SELECT cell FROM sweep_cells WHERE sweep_id = ?)`, [id]);
    for (const table of ["sweep_cells", "sweep_phases", "sweep_coordinates", "sweep_points"]) await this.exec(`DELETE FROM ${table} WHERE sweep_id = ?`, [id]);
    await this.exec(`DELETE FROM sweeps WHERE id = ?`, [id]);
    await this.serial(async () => {
      this.cellNumbers.delete(id);
      this.generation++;
    });
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
        const cellNumbers = await this.cellsOf(sweep.id);
        let nextCell = this.nextCell;
        const points = await c.createAppender("sweep_points");
        const coordinates = await c.createAppender("sweep_coordinates");
        const phases = await c.createAppender("sweep_phases");
        const cells = await c.createAppender("sweep_cells");
        const values = await c.createAppender("sweep_values");
        /** The cell numbers of a phase's layout (numbering its new cells), once per layout object. */
        const numbersOf = (phase: PhaseCells): Int32Array => {
          const kept = this.layoutCells.get(phase.layout);
          if (kept && kept.sweepId === sweep.id && kept.phase === phase.phase && kept.generation === this.generation) return kept.numbers;
          let ofPhase = cellNumbers.get(phase.phase);
          if (!ofPhase) cellNumbers.set(phase.phase, (ofPhase = new Map()));
          const { rows, keys } = phase.layout;
          const numbers = new Int32Array(rows.length);
          for (let k = 0; k < rows.length; k++) {
            let cell = ofPhase.get(rows[k])?.get(keys[k]);
            if (cell === undefined) {
              cell = nextCell++;
              numberCell(cellNumbers, phase.phase, rows[k], keys[k], cell);
              cells.appendInteger(cell);
              cells.appendVarchar(sweep.id);
              cells.appendVarchar(phase.phase);
              cells.appendVarchar(rows[k]);
              cells.appendVarchar(keys[k]);
              cells.endRow();
            }
            numbers[k] = cell;
          }
          this.layoutCells.set(phase.layout, { sweepId: sweep.id, phase: phase.phase, generation: this.generation, numbers });
          return numbers;
        };
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
            const numbers = numbersOf(phase);
            const pointValues = phase.values;
            if (pointValues.length !== numbers.length) throw new Error(`internal: point ${r.point}, phase ${phase.phase}: ${pointValues.length} values for ${numbers.length} cells`);
            for (let k = 0; k < numbers.length; k++) {
              values.appendBigInt(point);
              values.appendInteger(numbers[k]);
              values.appendDouble(pointValues[k]);
              values.endRow();
            }
          }
        }
        for (const a of [points, coordinates, phases, cells, values]) a.closeSync();
        await c.run("COMMIT");
        this.nextCell = nextCell;
        return fresh.length;
      } catch (err) {
        // The kept numbers may name cells the rollback undoes: read them again when needed.
        this.cellNumbers.delete(sweep.id);
        this.generation++;
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
    const [v] = await this.rows(`SELECT count(*) AS n FROM sweep_values WHERE cell IN (SELECT cell FROM sweep_cells WHERE sweep_id = ?)`, [id]);
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
    const joins = dims.map(({ d, alias }) => `JOIN sweep_coordinates ${alias} ON ${alias}.sweep_id = k.sweep_id AND ${alias}.point = v.point AND ${alias}.dimension = ${literal(d.name)}`);
    return [
      `SELECT v.point, ${[...columns, `k.phase, k.code, k.quantity, v.value, ph.converged AS phase_converged`].join(", ")}`,
      `FROM sweep_cells k`,
      `JOIN sweep_values v ON v.cell = k.cell`,
      `JOIN sweep_phases ph ON ph.sweep_id = k.sweep_id AND ph.point = v.point AND ph.phase = k.phase`,
      ...joins,
      `WHERE k.sweep_id = ${id}`,
    ].join("\n");
  }

  /** Writes a sweep's results to a Parquet or CSV file (DuckDB COPY), ordered by point, phase, row and key. */
  async exportResults(sweep: SweepRecord, file: string, format: "parquet" | "csv"): Promise<void> {
    const options = format === "parquet" ? "FORMAT parquet" : "FORMAT csv, HEADER true";
    await this.exec(`COPY (${this.resultsSql(sweep)} ORDER BY v.point, k.phase, k.code, k.quantity) TO ${literal(file)} (${options})`);
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

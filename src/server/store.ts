import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { DuckDBInstance, blobValue, type DuckDBConnection, type DuckDBValue } from "@duckdb/node-api";
import type { BlocReport } from "../report/blocReport.js";
import type { RunReport } from "../report/types.js";
import type { ErrorBody } from "./errors.js";
import { checkStoreFile } from "./storeCheck.js";

export type JobStatus = "queued" | "running" | "succeeded" | "failed";

/** What a job computes: a scenario run (phases) or a bloc-formation analysis (every membership set). */
export type JobKind = "run" | "bloc";

/** A run as the API shows it: queued, running with progress, then a stored result or an error. */
export interface JobRecord {
  id: string;
  /** "run" for scenario runs, "bloc" for bloc analyses; sweeps will add their own kind. */
  kind: JobKind;
  status: JobStatus;
  /** Fraction done in [0, 1]. */
  progress: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  scenarioName: string;
  dataset: string;
  model: string;
  resultId: string | null;
  error: ErrorBody | null;
}

export interface ResultSummary {
  id: string;
  kind: JobKind;
  jobId: string;
  createdAt: string;
  scenarioName: string;
  dataset: string;
  model: string;
}

export type StoredResult = ResultSummary & { scenarioText: string } & ({ kind: "run"; report: RunReport } | { kind: "bloc"; report: BlocReport });

const schema = [
  `CREATE TABLE IF NOT EXISTS jobs (
     id VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, status VARCHAR NOT NULL, progress DOUBLE NOT NULL,
     created_at VARCHAR NOT NULL, started_at VARCHAR, finished_at VARCHAR,
     scenario_name VARCHAR NOT NULL, dataset VARCHAR NOT NULL, model VARCHAR NOT NULL,
     scenario_text VARCHAR NOT NULL, result_id VARCHAR, error_json VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS results (
     id VARCHAR PRIMARY KEY, job_id VARCHAR NOT NULL, created_at VARCHAR NOT NULL,
     scenario_name VARCHAR NOT NULL, dataset VARCHAR NOT NULL, model VARCHAR NOT NULL,
     scenario_text VARCHAR NOT NULL, report_json VARCHAR NOT NULL)`,
  `ALTER TABLE results ADD COLUMN IF NOT EXISTS kind VARCHAR DEFAULT 'run'`,
  // Reports are stored gzipped here (report_json is then ''); rows written before keep their report_json.
  `ALTER TABLE results ADD COLUMN IF NOT EXISTS report_gzip BLOB`,
];

/**
 * DuckDB's own memory, bounded for a store of small rows: by default it may cache up to 80% of the
 * machine's memory and keeps 128 MiB of freed allocations, so a long-running server's RSS climbed with
 * every stored result (bench/server-soak.ts). One thread: statements here are single-row.
 */
export const STORE_SETTINGS: Record<string, string> = { memory_limit: "64MB", allocator_flush_threshold: "8MB", threads: "1" };

/**
 * Results and jobs in one DuckDB file under the data dir, so both survive a restart. Statements
 * run one at a time on a single connection (a promise chain), which keeps writes ordered.
 */
export class ResultStore {
  private chain: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  /**
   * Opens (creating if needed) `<dataDir>/tradewinds.duckdb`. An existing file is read through first
   * (storeCheck.ts): a damaged one is an input error naming it, and is left untouched.
   */
  static async open(dataDir: string): Promise<ResultStore> {
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, "tradewinds.duckdb");
    await checkStoreFile(file, STORE_SETTINGS);
    const instance = await DuckDBInstance.create(file, STORE_SETTINGS);
    const connection = await instance.connect();
    for (const sql of schema) await connection.run(sql);
    return new ResultStore(instance, connection);
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async rows(sql: string, values: DuckDBValue[] = []): Promise<Record<string, unknown>[]> {
    return this.serial(async () => (await this.connection.runAndReadAll(sql, values)).getRowObjectsJS());
  }

  private async exec(sql: string, values: DuckDBValue[] = []): Promise<void> {
    await this.serial(() => this.connection.run(sql, values));
  }

  /**
   * Marks every job left queued or running by a previous process as failed, with the reason, so an
   * interrupted run is never lost silently. Returns how many were marked.
   */
  async failInterruptedJobs(error: ErrorBody, now: string): Promise<number> {
    const stale = await this.rows(`SELECT id FROM jobs WHERE status IN ('queued', 'running')`);
    await this.exec(`UPDATE jobs SET status = 'failed', finished_at = ?, error_json = ? WHERE status IN ('queued', 'running')`, [now, JSON.stringify(error)]);
    return stale.length;
  }

  async insertJob(job: JobRecord, scenarioText: string): Promise<void> {
    await this.exec(`INSERT INTO jobs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
      job.id, job.kind, job.status, job.progress, job.createdAt, job.startedAt, job.finishedAt,
      job.scenarioName, job.dataset, job.model, scenarioText, job.resultId, job.error ? JSON.stringify(job.error) : null,
    ]);
  }

  /** Writes the mutable fields of a job: status, progress, times, result, error. */
  async updateJob(job: JobRecord): Promise<void> {
    await this.exec(`UPDATE jobs SET status = ?, progress = ?, started_at = ?, finished_at = ?, result_id = ?, error_json = ? WHERE id = ?`, [
      job.status, job.progress, job.startedAt, job.finishedAt, job.resultId, job.error ? JSON.stringify(job.error) : null, job.id,
    ]);
  }

  async getJob(id: string): Promise<JobRecord | undefined> {
    const [row] = await this.rows(`SELECT * FROM jobs WHERE id = ?`, [id]);
    return row ? toJob(row) : undefined;
  }

  async listJobs(limit: number): Promise<JobRecord[]> {
    return (await this.rows(`SELECT * FROM jobs ORDER BY created_at DESC, id LIMIT ?`, [limit])).map(toJob);
  }

  /**
   * Stores a result; its report gzipped (a report is 25–500 KB of JSON, 4× less gzipped). Stored as
   * text, reports filled DuckDB's pages and kept a long-running server's RSS climbing (bench/server-soak.ts).
   */
  async insertResult(result: StoredResult): Promise<void> {
    const report = blobValue(gzipSync(JSON.stringify(result.report)));
    await this.exec(`INSERT INTO results (id, job_id, created_at, scenario_name, dataset, model, scenario_text, report_json, kind, report_gzip) VALUES (?, ?, ?, ?, ?, ?, ?, '', ?, ?)`, [
      result.id, result.jobId, result.createdAt, result.scenarioName, result.dataset, result.model, result.scenarioText, result.kind, report,
    ]);
  }

  async getResult(id: string): Promise<StoredResult | undefined> {
    const [row] = await this.rows(`SELECT * FROM results WHERE id = ?`, [id]);
    if (!row) return undefined;
    const report = row.report_gzip instanceof Uint8Array ? gunzipSync(row.report_gzip).toString("utf8") : String(row.report_json);
    return { ...toSummary(row), scenarioText: String(row.scenario_text), report: JSON.parse(report) } as StoredResult;
  }

  async listResults(limit: number): Promise<ResultSummary[]> {
    const rows = await this.rows(`SELECT id, kind, job_id, created_at, scenario_name, dataset, model FROM results ORDER BY created_at DESC, id LIMIT ?`, [limit]);
    return rows.map(toSummary);
  }

  async close(): Promise<void> {
    await this.serial(async () => {
      this.connection.closeSync();
      this.instance.closeSync();
    });
  }
}

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function toJob(row: Record<string, unknown>): JobRecord {
  return {
    id: String(row.id),
    kind: String(row.kind) as JobKind,
    status: String(row.status) as JobStatus,
    progress: Number(row.progress),
    createdAt: String(row.created_at),
    startedAt: text(row.started_at),
    finishedAt: text(row.finished_at),
    scenarioName: String(row.scenario_name),
    dataset: String(row.dataset),
    model: String(row.model),
    resultId: text(row.result_id),
    error: row.error_json ? (JSON.parse(String(row.error_json)) as ErrorBody) : null,
  };
}

function toSummary(row: Record<string, unknown>): ResultSummary {
  return {
    id: String(row.id),
    kind: String(row.kind ?? "run") as JobKind,
    jobId: String(row.job_id),
    createdAt: String(row.created_at),
    scenarioName: String(row.scenario_name),
    dataset: String(row.dataset),
    model: String(row.model),
  };
}

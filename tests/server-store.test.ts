import { createHash, randomUUID } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../src/cli/main.js";
import { TradewindsInputError, message } from "../src/messages.js";
import { ResultStore, type JobRecord, type StoredResult } from "../src/server/store.js";
import { runCli } from "./support/cli.js";

/**
 * The server's DuckDB store at start (issue 15, "A corrupted store"): a truncated, overwritten or
 * emptied file is detected by reading it through before the server opens it for writing, reported
 * with the file and what to do, and left byte for byte as it was.
 */
const ROWS = 200;
let valid: string; // a folder holding a valid store of ROWS jobs and results

function job(id: string): JobRecord {
  const now = new Date(Date.UTC(2025, 0, 1)).toISOString();
  return { id, kind: "run", status: "succeeded", progress: 1, createdAt: now, startedAt: now, finishedAt: now, scenarioName: `scenario ${id}`, dataset: "fake-4", model: "fake", resultId: null, error: null };
}

beforeAll(async () => {
  valid = mkdtempSync(join(tmpdir(), "tradewinds-store-"));
  const store = await ResultStore.open(valid);
  for (let k = 0; k < ROWS; k++) {
    const id = randomUUID();
    await store.insertJob(job(id), `name: scenario ${k}\n`);
    // Incompressible report content, so that the file spans many blocks.
    const noise = createHash("sha512").update(String(k)).digest("hex").repeat(40);
    await store.insertResult({ id: randomUUID(), kind: "run", jobId: id, createdAt: job(id).createdAt, scenarioName: `scenario ${k}`, dataset: "fake-4", model: "fake", scenarioText: "x", report: { noise } } as unknown as StoredResult);
  }
  await store.close();
});

function copyOfValid(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), "tradewinds-store-copy-"));
  const file = join(dir, "tradewinds.duckdb");
  copyFileSync(join(valid, "tradewinds.duckdb"), file);
  return { dir, file };
}

const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

const CORRUPTIONS: Record<string, (file: string) => void> = {
  "truncated to half": (file) => truncateSync(file, Math.floor(statSync(file).size / 2)),
  "truncated to 100 bytes": (file) => truncateSync(file, 100),
  "random bytes": (file) => writeFileSync(file, Buffer.from(Array.from({ length: statSync(file).size }, (_, k) => (k * 2654435761 + 97) % 256))),
  "emptied": (file) => writeFileSync(file, ""),
};

describe("ResultStore.open on a damaged store", () => {
  it("the valid store opens and reads: the check passes on good data", async () => {
    const { dir } = copyOfValid();
    const store = await ResultStore.open(dir);
    expect((await store.listResults(500)).length).toBe(ROWS);
    await store.close();
  });

  for (const [name, corrupt] of Object.entries(CORRUPTIONS)) {
    it(`${name}: an input error naming the file and the fix; the file is left as it was`, async () => {
      const { dir, file } = copyOfValid();
      corrupt(file);
      const before = sha256(file);
      const error = await ResultStore.open(dir).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(error).toBeInstanceOf(TradewindsInputError);
      const [issue] = (error as TradewindsInputError).issues;
      expect(issue).toMatchObject({ source: file, path: "--data-dir" });
      const [head, tail] = message.storeUnreadable(file, "DETAIL").split("DETAIL");
      expect(issue.message.startsWith(head)).toBe(true);
      expect(issue.message.endsWith(tail)).toBe(true);
      expect(sha256(file)).toBe(before);
    });
  }

  it("tradewinds serve on a damaged store exits 2 naming the file", async () => {
    const { dir, file } = copyOfValid();
    truncateSync(file, Math.floor(statSync(file).size / 2));
    const r = await runCli("serve", "--data-dir", dir, "--port", "0");
    expect(r.code).toBe(EXIT.input);
    expect(r.err).toContain(`${file}: --data-dir: the result store ${file} cannot be read`);
  });
});

describe("stores written before reports were compressed", () => {
  it("a result whose report is in report_json (text) still reads", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tradewinds-store-old-"));
    const instance = await DuckDBInstance.create(join(dir, "tradewinds.duckdb"));
    const connection = await instance.connect();
    await connection.run(`CREATE TABLE results (id VARCHAR PRIMARY KEY, job_id VARCHAR NOT NULL, created_at VARCHAR NOT NULL, scenario_name VARCHAR NOT NULL, dataset VARCHAR NOT NULL, model VARCHAR NOT NULL, scenario_text VARCHAR NOT NULL, report_json VARCHAR NOT NULL)`);
    await connection.run(`INSERT INTO results VALUES ('old', 'job', '2025-01-01', 'old run', 'fake-4', 'fake', 'name: old', '{"phases":[{"name":"p"}]}')`);
    connection.closeSync();
    instance.closeSync();
    const store = await ResultStore.open(dir);
    expect(await store.getResult("old")).toMatchObject({ id: "old", kind: "run", scenarioName: "old run", report: { phases: [{ name: "p" }] } });
    await store.close();
  });
});

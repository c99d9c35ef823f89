import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddedDataChecksum } from "../../src/data/checksum.js";
import { message } from "../../src/messages.js";
import { VERSION } from "../../src/version.js";
import { distributedEngine } from "../../src/sweep/distributed/coordinator.js";
import { incompatibility, KEY_PREFIX, queueNameOf, refusedKey, REGISTRATION_TTL_MS, workerKey } from "../../src/sweep/distributed/protocol.js";
import { readSweepFile } from "../../src/sweep/readSweepFile.js";
import { localEngine, runSweep } from "../../src/sweep/runSweep.js";
import { SweepStore } from "../../src/sweep/sweepStore.js";
import { workerFile } from "../../src/util/workerFile.js";
import { runCli } from "../support/cli.js";
import { freePort, startRedis, type TestRedis } from "../support/redisServer.js";

/** Generous: two worker processes start from the TypeScript sources on a shared two-core machine. */
const SLOW = 300_000;
/** A killed worker's chunk is taken over this long after its last lock renewal (tradewinds worker --lock-seconds). */
const LOCK_SECONDS = 2;

// 40 draws of ε on the 2025 scenario (5 phases × 194 countries): each point is five Liberation Day
// equilibria (about 0.1 s together), chunks of 5 points, so a worker holds each chunk long enough to be
// killed in the middle of it.
const dir = mkdtempSync(join(tmpdir(), "tw-distributed-"));
writeFileSync(join(dir, "japan.yaml"), readFileSync("examples/japan-2025.yaml", "utf8"));
writeFileSync(join(dir, "draws.yaml"), "name: distributed draws\nscenario: japan.yaml\ndimensions:\n  - { name: draw, draws: 40 }\n");
const request = readSweepFile(join(dir, "draws.yaml"));

let redis: TestRedis;
const workers: { process: ChildProcess; id: Promise<string>; log: string[] }[] = [];

/** Starts `tradewinds worker --redis <url>` as its own process (from the sources, through tsx). */
function startWorker(): (typeof workers)[number] {
  const { execArgv } = workerFile(import.meta.url, "x");
  const child = spawn(process.execPath, [...execArgv, "tests/support/cliEntry.ts", "worker", "--redis", redis.url, "--threads", "1", "--lock-seconds", String(LOCK_SECONDS)], { stdio: ["ignore", "ignore", "pipe"] });
  const log: string[] = [];
  const id = new Promise<string>((resolve, reject) => {
    child.stderr!.on("data", (chunk: Buffer) => {
      log.push(...String(chunk).split("\n").filter(Boolean));
      const m = log.map((line) => /^tradewinds worker: (\S+): tradewinds/.exec(line)).find(Boolean);
      if (m) resolve(m[1]);
    });
    child.once("exit", (code) => reject(new Error(`worker exited (${code}) before it started: ${log.join(" | ")}`)));
  });
  const worker = { process: child, id, log };
  workers.push(worker);
  return worker;
}

/** Every stored value of a sweep, with each number as its IEEE-754 bit pattern (bitwise comparison). */
async function storedBits(storeFile: string, id: string): Promise<string[]> {
  const store = await SweepStore.open(storeFile);
  try {
    const sweep = (await store.getSweep(id))!;
    const rows = await store.query(sweep, `SELECT point, phase, code, quantity, value FROM results ORDER BY point, phase, code, quantity`);
    const bits = new DataView(new ArrayBuffer(8));
    return rows.map((r) => {
      bits.setFloat64(0, Number(r.value));
      return `${r.point}|${r.phase}|${r.code}|${r.quantity}|${bits.getBigUint64(0).toString(16)}`;
    });
  } finally {
    await store.close();
  }
}

async function pointsStoredTwice(storeFile: string, id: string): Promise<number> {
  const store = await SweepStore.open(storeFile);
  try {
    const sweep = (await store.getSweep(id))!;
    const [row] = await store.query(sweep, `SELECT count(*) AS n FROM (SELECT point, phase, code, quantity FROM results GROUP BY ALL HAVING count(*) > 1)`);
    return Number(row.n);
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  redis = await startRedis();
}, SLOW);

afterAll(async () => {
  for (const w of workers) if (w.process.exitCode === null && w.process.signalCode === null) w.process.kill("SIGTERM");
  await Promise.all(workers.map((w) => (w.process.exitCode === null && w.process.signalCode === null ? new Promise((r) => w.process.once("exit", r)) : undefined)));
  await redis?.stop();
}, SLOW);

describe("distributed sweeps (BullMQ on a local redis-server, two worker processes)", () => {
  it("a Redis server that does not answer is bad input naming --redis and the fix (coordinator and worker)", { timeout: SLOW }, async () => {
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    const expected = message.redisUnreachable(url, `connect ECONNREFUSED 127.0.0.1:${port}`);
    const sweep = await runCli("sweep", join(dir, "draws.yaml"), "--redis", url, "--data-dir", join(dir, "unreachable"));
    expect(sweep.code).toBe(2);
    expect(sweep.err).toContain(expected);
    const worker = await runCli("worker", "--redis", url);
    expect(worker.code).toBe(2);
    expect(worker.err).toContain(expected);
  });

  let local: string[];

  it("a sweep on two worker processes is bitwise identical to the local run; incompatible workers are refused", { timeout: SLOW }, async () => {
    const localRun = await runSweep(request, { storeFile: join(dir, "local", "sweeps.duckdb"), engine: localEngine(1) });
    local = await storedBits(join(dir, "local", "sweeps.duckdb"), localRun.sweep.id);
    expect(local.length).toBeGreaterThan(40 * 5 * 194);
    await Promise.all([startWorker().id, startWorker().id]);
    // A worker of another version announces itself: the coordinator must refuse it and say so.
    const client = new Redis(redis.url);
    const other = { id: "elsewhere-1", version: "0.0.0-other", dataChecksum: embeddedDataChecksum(), host: "elsewhere", pid: 1, threads: 1 };
    await client.set(workerKey(other.id), JSON.stringify(other), "PX", REGISTRATION_TTL_MS * 100);
    const lines: string[] = [];
    const distributed = await runSweep(request, { storeFile: join(dir, "two", "sweeps.duckdb"), engine: distributedEngine({ redis: redis.url, chunk: 5, log: (l) => lines.push(l) }) });
    expect(distributed.counts).toMatchObject({ points: 40, converged: 40, failed: 0 });
    expect(await storedBits(join(dir, "two", "sweeps.duckdb"), distributed.sweep.id)).toEqual(local);
    const why = incompatibility({ version: VERSION, dataChecksum: embeddedDataChecksum() }, other)!;
    expect(lines).toContain(message.workerRefused(other.id, why));
    expect(await client.get(refusedKey(other.id))).toBe(message.workerRefused(other.id, why));
    await client.del(workerKey(other.id));
    client.disconnect();
  });

  it("SIGKILL of a worker mid-chunk: the sweep still completes, every result present once and equal to the local run", { timeout: SLOW }, async () => {
    const [victim] = workers;
    const victimId = await victim.id;
    const queue = new Queue(queueNameOf({ version: VERSION, dataChecksum: embeddedDataChecksum() }), { connection: new Redis(redis.url, { maxRetriesPerRequest: null }), prefix: KEY_PREFIX });
    const storeFile = join(dir, "killed", "sweeps.duckdb");
    const sweep = runSweep(request, { storeFile, engine: distributedEngine({ redis: redis.url, chunk: 5, log: () => undefined }), replace: true });
    // Kill the victim while it holds a chunk (BullMQ records which worker processes an active job).
    let killedDuring: string | undefined;
    for (let tries = 0; tries < 15000 && !killedDuring; tries++) {
      const active = await queue.getActive();
      const held = active.find((job) => job.processedBy === victimId);
      if (held) {
        victim.process.kill("SIGKILL");
        killedDuring = held.id;
      } else await new Promise((r) => setTimeout(r, 20));
    }
    expect(killedDuring, "the victim never held a chunk").toBeDefined();
    const summary = await sweep;
    await queue.close();
    expect(victim.process.signalCode).toBe("SIGKILL");
    expect(summary.counts).toMatchObject({ points: 40, converged: 40, failed: 0 });
    expect(await pointsStoredTwice(storeFile, summary.sweep.id)).toBe(0);
    expect(await storedBits(storeFile, summary.sweep.id)).toEqual(local);
  });
});

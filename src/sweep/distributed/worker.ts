import { SOLVER_THREAD_LIMITS } from "../../util/workerFile.js";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { UnrecoverableError, Worker } from "bullmq";
import { Piscina } from "piscina";
import { embeddedDataChecksum } from "../../data/checksum.js";
import { VERSION } from "../../version.js";
import { sweepWorkerFile } from "../localPool.js";
import { onceEach, probeRedis, redisConnection } from "./redisConnection.js";
import type { PointResult } from "../pointResult.js";
import type { SweepTask } from "../sweepWorker.js";
import { HEARTBEAT_MS, KEY_PREFIX, MAX_STALLS, REGISTRATION_TTL_MS, encodeResults, queueNameOf, redisLabel, refusedKey, workerKey, type ChunkJob, type ChunkResult, type WorkerIdentity } from "./protocol.js";

export interface WorkerOptions {
  redis: string;
  threads: number;
  /** BullMQ lock of a chunk: renewed every lockMs/2 while it runs; a dead worker's chunk is taken over lockMs after its last renewal. */
  lockMs: number;
  log: (line: string) => void;
  /** Resolves to stop the worker (default: SIGINT or SIGTERM). */
  stop?: Promise<void>;
}

/**
 * `tradewinds worker --redis <url>`: announces itself (version, data checksum), takes chunks of sweep
 * points from the queue of its version and data, solves them on its own worker threads (the same
 * sweepWorker the local engine runs, so the main thread stays free to renew the chunk's lock) and returns
 * the results through Redis. Runs until stopped.
 */
export async function runWorker(options: WorkerOptions): Promise<void> {
  const identity: WorkerIdentity = {
    id: `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
    version: VERSION,
    dataChecksum: embeddedDataChecksum(),
    host: hostname(),
    pid: process.pid,
    threads: options.threads,
  };
  await probeRedis(options.redis);
  const connection = redisConnection(options.redis, options.log);
  let refusalSeen = false;
  const heartbeat = async () => {
    await connection.set(workerKey(identity.id), JSON.stringify(identity), "PX", REGISTRATION_TTL_MS);
    const refusal = await connection.get(refusedKey(identity.id));
    if (refusal && !refusalSeen) options.log(`refused by a coordinator: ${refusal}`);
    refusalSeen = refusal !== null;
  };
  await heartbeat();
  const timer = setInterval(() => heartbeat().catch((err: Error) => options.log(`heartbeat failed: ${err.message}`)), HEARTBEAT_MS);
  const { filename, execArgv } = sweepWorkerFile();
  const pool = new Piscina({ filename, execArgv, minThreads: options.threads, maxThreads: options.threads, idleTimeout: Infinity, resourceLimits: SOLVER_THREAD_LIMITS });
  const queue = queueNameOf(identity);
  const workerConnection = redisConnection(options.redis, options.log);
  const worker = new Worker<ChunkJob, ChunkResult>(
    queue,
    async (job) => {
      const chunk = job.data;
      // The queue name already carries version and data checksum; a job that says otherwise is not ours to solve.
      if (chunk.version !== identity.version || chunk.dataChecksum !== identity.dataChecksum) throw new UnrecoverableError(`chunk for tradewinds ${chunk.version} / data ${chunk.dataChecksum}`);
      const task: SweepTask = { request: chunk.request, points: chunk.points };
      const results = (await pool.run(task)) as PointResult[];
      return { worker: { id: identity.id, version: identity.version, dataChecksum: identity.dataChecksum }, results: encodeResults(results) };
    },
    { name: identity.id, connection: workerConnection, prefix: KEY_PREFIX, concurrency: options.threads, lockDuration: options.lockMs, stalledInterval: options.lockMs, maxStalledCount: MAX_STALLS },
  );
  const logOnce = onceEach(options.log);
  worker.on("error", (err) => logOnce(`error: ${err.message}`));
  worker.on("failed", (job, err) => options.log(`chunk ${job?.id ?? "?"} failed: ${err.message}`));
  options.log(`${identity.id}: tradewinds ${VERSION}, data ${identity.dataChecksum.slice(0, 12)}…, ${options.threads} thread(s), serving ${queue} on ${redisLabel(options.redis)}`);
  await (options.stop ??
    new Promise<void>((resolve) => {
      process.once("SIGINT", () => resolve());
      process.once("SIGTERM", () => resolve());
    }));
  clearInterval(timer);
  // A clean stop finishes the running chunks and deregisters; with Redis gone that would wait forever, so it
  // gets STOP_GRACE_MS, then the connections are dropped (an unfinished chunk is taken over by another worker).
  const clean = (async () => {
    await worker.close();
    await connection.del(workerKey(identity.id));
  })();
  await Promise.race([clean.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref())]);
  workerConnection.disconnect();
  connection.disconnect();
  await pool.destroy();
}

/** How long a stopping worker may take to finish its chunks and deregister. */
const STOP_GRACE_MS = 10_000;

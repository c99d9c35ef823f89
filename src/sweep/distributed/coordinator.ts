import { Queue, QueueEvents } from "bullmq";
import type { Redis } from "ioredis";
import { embeddedDataChecksum } from "../../data/checksum.js";
import { message } from "../../messages.js";
import { VERSION } from "../../version.js";
import { chunksOf } from "../localPool.js";
import { onceEach, probeRedis, redisConnection } from "./redisConnection.js";
import type { SweepEngine } from "../runSweep.js";
import {
  CHUNK_ATTEMPTS,
  HEARTBEAT_MS,
  KEY_PREFIX,
  REGISTRATION_TTL_MS,
  decodeResults,
  incompatibility,
  queueNameOf,
  redisLabel,
  refusedKey,
  workerKey,
  type ChunkJob,
  type ChunkResult,
  type WorkerIdentity,
} from "./protocol.js";

export interface DistributedOptions {
  redis: string;
  /** Points per job (default: about points / (8 × workers), at most 25, tapering to single points at the end). */
  chunk?: number;
  log: (line: string) => void;
}

/**
 * The distributed engine (`tradewinds sweep … --redis <url>`): waits for at least one compatible worker,
 * refusing and naming every worker that runs another version or other data; queues the points in chunks
 * (BullMQ jobs, id `<sweep>-<first>-<last>`); stores each chunk's results as its job completes, checking
 * the sender again, then deletes the job. A worker that dies mid-chunk stops renewing its lock, so BullMQ
 * hands the chunk to another worker; a chunk delivered twice is stored once (the store keys points).
 * Chunks that fail for good are reported; their points stay missing, for `--resume`.
 */
export function distributedEngine(options: DistributedOptions): SweepEngine {
  return async (request, sweepId, points, sink) => {
    const me = { version: VERSION, dataChecksum: embeddedDataChecksum() };
    const name = queueNameOf(me);
    await probeRedis(options.redis);
    const connection = redisConnection(options.redis, options.log);
    const eventsConnection = redisConnection(options.redis, options.log);
    const queue = new Queue<ChunkJob, ChunkResult>(name, { connection, prefix: KEY_PREFIX });
    // Each job waiting for its end listens to the queue's "closing": one listener per chunk, by design.
    queue.setMaxListeners(0);
    const events = new QueueEvents(name, { connection: eventsConnection, prefix: KEY_PREFIX });
    const logOnce = onceEach(options.log);
    queue.on("error", (err) => logOnce(`queue: ${err.message}`));
    events.on("error", (err) => logOnce(`queue events: ${err.message}`));
    const refused = new Set<string>();
    const vet = async (): Promise<number> => {
      let compatible = 0;
      for (const worker of await registeredWorkers(connection)) {
        const why = incompatibility(me, worker);
        if (!why) compatible++;
        else {
          await connection.set(refusedKey(worker.id), message.workerRefused(worker.id, why), "PX", REGISTRATION_TTL_MS * 10);
          if (!refused.has(worker.id)) options.log(message.workerRefused(worker.id, why));
          refused.add(worker.id);
        }
      }
      return compatible;
    };
    try {
      await events.waitUntilReady();
      // Harvest what an earlier coordinator of this sweep left: completed chunks are stored, waiting ones dropped.
      for (const job of await queue.getJobs(["completed", "waiting", "delayed", "prioritized"])) {
        if (job?.data.sweepId !== sweepId) continue;
        if (job.returnvalue) await storeChecked(job.returnvalue, me, sink, options.log);
        await job.remove().catch(() => undefined);
      }
      let compatible = await vet();
      for (let waited = 0; compatible === 0; waited++) {
        if (waited % 10 === 0) options.log(message.waitingForWorkers(redisLabel(options.redis), name, refused.size));
        await new Promise((resolve) => setTimeout(resolve, 1000));
        compatible = await vet();
      }
      options.log(`${compatible} compatible worker(s) on ${redisLabel(options.redis)}; queue ${name}`);
      const vetting = setInterval(() => void vet().catch(() => undefined), HEARTBEAT_MS);
      try {
        // Chunks of --chunk points, or sized as the local pool's for the workers registered now (at most 25 points),
        // tapering to single points at the end, where workers that join late still find work.
        const chunks = chunksOf(points, compatible, options.chunk ? { size: options.chunk } : {});
        const jobs = await queue.addBulk(
          chunks.map((chunk) => ({
            name: "chunk",
            data: { sweepId, version: me.version, dataChecksum: me.dataChecksum, request, points: chunk },
            opts: { jobId: `${sweepId}-${chunk[0]}-${chunk[chunk.length - 1]}`, attempts: CHUNK_ATTEMPTS, backoff: { type: "fixed", delay: 500 }, removeOnComplete: false, removeOnFail: false },
          })),
        );
        const failures: string[] = [];
        await Promise.all(
          jobs.map(async (job) => {
            // The completion event carries the chunk's results (QueueEvents parses them once): no second read of the job.
            let result: ChunkResult | undefined;
            try {
              result = (await job.waitUntilFinished(events)) as ChunkResult | undefined;
            } catch (err) {
              failures.push(`${job.id}: ${(err as Error).message}`);
              return;
            }
            if (!result?.results) return void failures.push(`${job.id}: no result stored in Redis`);
            await storeChecked(result, me, sink, options.log);
            await job.remove().catch(() => undefined);
          }),
        );
        if (failures.length) options.log(message.chunksFailed(failures.length, failures.slice(0, 3)));
      } finally {
        clearInterval(vetting);
      }
    } finally {
      await events.close();
      await queue.close();
      // BullMQ leaves connections it was given open: close them, or they keep the process alive.
      eventsConnection.disconnect();
      connection.disconnect();
    }
  };
}

/** Stores a chunk's results unless its sender runs other code or data (then the points stay missing, and it is said). */
async function storeChecked(result: ChunkResult, me: Pick<WorkerIdentity, "version" | "dataChecksum">, sink: Parameters<SweepEngine>[3], log: (line: string) => void): Promise<void> {
  const why = incompatibility(me, result.worker);
  if (why) return log(message.workerRefused(result.worker.id, why));
  let results: ReturnType<typeof decodeResults>;
  try {
    results = decodeResults(result.results);
  } catch (err) {
    // Its points stay unsolved: the sweep reports them missing, and --resume solves them again.
    return log(`worker ${result.worker.id}: ${(err as Error).message}; its points are left unsolved`);
  }
  await sink(results, result.worker.id);
}

/** The workers registered in Redis now (each renews its key every HEARTBEAT_MS). */
async function registeredWorkers(connection: Redis): Promise<WorkerIdentity[]> {
  const keys: string[] = [];
  let cursor = "0";
  do {
    const [next, batch] = await connection.scan(cursor, "MATCH", workerKey("*"), "COUNT", 100);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== "0");
  const values = keys.length ? await connection.mget(keys) : [];
  return values.flatMap((v) => {
    if (!v) return [];
    try {
      return [JSON.parse(v) as WorkerIdentity];
    } catch {
      return [];
    }
  });
}

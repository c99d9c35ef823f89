import { Piscina } from "piscina";
import { SOLVER_THREAD_LIMITS, workerFile } from "../util/workerFile.js";
import type { PointResult } from "./pointResult.js";
import type { SweepRequest } from "./prepareSweep.js";
import type { SweepTask } from "./sweepWorker.js";

/** Receives the results of each finished chunk, in the order chunks finish (a store writes them as they come). */
export type ResultSink = (results: PointResult[]) => void | Promise<void>;

/** The sweep pool's worker module (sweepWorker.ts, or .js when built) and the Node options it needs. */
export function sweepWorkerFile(): { filename: string; execArgv: string[] } {
  return workerFile(import.meta.url, "sweepWorker");
}

/** Chunks per thread: enough for load balance and a smooth progress bar, few enough to keep the overhead small. */
const CHUNKS_PER_THREAD = 8;
/** The most points in one chunk (a chunk is the unit of work a thread or a worker takes). */
export const MAX_CHUNK = 25;

/**
 * `points` cut, in order, into the chunks threads or workers take in turn. With `size`, chunks of that many
 * points. Otherwise chunks of at most `largest` points (default about total / (workers × 8), at most MAX_CHUNK)
 * that taper at the end — guided scheduling: each chunk about 1/(2·workers) of the points left, down to single
 * points — so that no worker sits idle while another finishes a long last chunk (on two threads a fixed chunk
 * of 25 draws left one core idle for half a chunk, ~0.6 s, on average).
 */
export function chunksOf(points: number[], workers: number, options: { size?: number; largest?: number } = {}): number[][] {
  const parallel = Math.max(1, workers);
  const largest = options.largest ?? Math.max(1, Math.min(MAX_CHUNK, Math.ceil(points.length / (parallel * CHUNKS_PER_THREAD))));
  const out: number[][] = [];
  for (let start = 0; start < points.length; ) {
    const left = points.length - start;
    const chunk = options.size ?? Math.max(1, Math.min(largest, Math.ceil(left / (2 * parallel))));
    out.push(points.slice(start, start + chunk));
    start += chunk;
  }
  return out;
}

/**
 * The local engine: solves `points` of a sweep on a pool of `threads` worker threads (piscina), chunk
 * by chunk; each chunk's results go to `sink` as it finishes. Every point is a pure function of
 * (request, point), so the results do not depend on the thread count or the order.
 */
export async function solvePointsInPool(request: SweepRequest, points: number[], threads: number, sink: ResultSink): Promise<void> {
  const { filename, execArgv } = sweepWorkerFile();
  const pool = new Piscina({ filename, execArgv, minThreads: threads, maxThreads: threads, idleTimeout: 1000, resourceLimits: SOLVER_THREAD_LIMITS });
  try {
    let stored = Promise.resolve();
    await Promise.all(
      chunksOf(points, threads).map(async (chunk) => {
        const task: SweepTask = { request, points: chunk };
        const results = (await pool.run(task)) as PointResult[];
        // Sinks run one at a time, in the order chunks finish.
        stored = stored.then(() => sink(results));
        await stored;
      }),
    );
  } finally {
    await pool.destroy();
  }
}

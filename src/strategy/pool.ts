import { Piscina } from "piscina";
import { workerFile } from "../util/workerFile.js";
import type { BlocRequest, MembershipSolve } from "./blocSolve.js";
import type { BlocTask } from "./blocWorker.js";

export interface PoolOptions {
  /** Worker threads (≥ 1). */
  threads: number;
  /** Called after each finished batch with (solved, total). */
  onProgress?: (solved: number, total: number) => void;
}

/** Batches per thread: enough for load balance and a smooth progress bar, few enough to keep overhead small. */
const BATCHES_PER_THREAD = 8;

/**
 * Solves the membership sets `masks` of a bloc scenario on a pool of worker threads (piscina).
 * Every solve is a deterministic function of (request, mask) — each starts from the same point and
 * shares nothing — so the results, returned in the order of `masks`, are identical for any thread count.
 */
export async function solveMembershipsInPool(request: BlocRequest, masks: number[], options: PoolOptions): Promise<MembershipSolve[]> {
  const threads = Math.max(1, Math.floor(options.threads));
  const { filename, execArgv } = workerFile(import.meta.url, "blocWorker");
  const pool = new Piscina({ filename, execArgv, minThreads: threads, maxThreads: threads, idleTimeout: 1000 });
  const size = Math.max(1, Math.ceil(masks.length / (threads * BATCHES_PER_THREAD)));
  const batches: number[][] = [];
  for (let start = 0; start < masks.length; start += size) batches.push(masks.slice(start, start + size));
  let solved = 0;
  try {
    const results = await Promise.all(
      batches.map(async (batch) => {
        const task: BlocTask = { request, masks: batch };
        const out = (await pool.run(task)) as MembershipSolve[];
        solved += batch.length;
        options.onProgress?.(solved, masks.length);
        return out;
      }),
    );
    return results.flat();
  } finally {
    await pool.destroy();
  }
}

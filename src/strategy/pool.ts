import { Piscina } from "piscina";
import { workerFile } from "../util/workerFile.js";
import type { BlocRequest, MembershipSolve } from "./blocSolve.js";
import type { BlocTask, BlocTaskResult } from "./blocWorker.js";

export interface PoolOptions {
  /** Called after each finished batch with (solved, total). */
  onProgress?: (solved: number, total: number) => void;
}

/** Where a pool's time went, per worker thread (for bench/strategy.ts). Milliseconds from the pool's start. */
export interface PoolTimeline {
  threads: number;
  perThread: {
    threadId: number;
    /** When the thread began its first task (module loading before that). */
    firstTaskAt: number;
    /** Loading the dataset and calibrating, once per thread. */
    prepareMs: number;
    /** Solving membership sets. */
    solveMs: number;
    /** When its last task finished. */
    lastTaskAt: number;
    tasks: number;
  }[];
  /** When the main thread handed over the first task (after its own validation and calibration). */
  firstDispatchAt: number;
  finishedAt: number;
}

/**
 * Batches per thread: small batches keep the threads busy to the end (the last batch is the tail where
 * one thread may idle: 256 sets on 2 threads → batches of 4, about 30 ms of work); messages cost ~0.1 ms.
 */
const BATCHES_PER_THREAD = 32;

/**
 * A pool of worker threads (piscina) for bloc solves, started before the caller has prepared anything so
 * that the threads load their modules while the main thread validates and calibrates.
 */
export class BlocPool {
  private readonly pool: Piscina;
  private readonly startedAt = performance.now();
  readonly threads: number;

  constructor(threads: number) {
    this.threads = Math.max(1, Math.floor(threads));
    const { filename, execArgv } = workerFile(import.meta.url, "blocWorker");
    this.pool = new Piscina({ filename, execArgv, minThreads: this.threads, maxThreads: this.threads, idleTimeout: 1000 });
  }

  /**
   * Solves the membership sets `masks`. Every solve is a deterministic function of (request, mask) — each
   * starts from the same point and shares nothing — so the results, returned in the order of `masks`, are
   * identical for any thread count. `onTimeline` receives where the time went.
   */
  async solve(request: BlocRequest, masks: number[], options: PoolOptions & { onTimeline?: (timeline: PoolTimeline) => void } = {}): Promise<MembershipSolve[]> {
    const size = Math.max(1, Math.ceil(masks.length / (this.threads * BATCHES_PER_THREAD)));
    const batches: number[][] = [];
    for (let start = 0; start < masks.length; start += size) batches.push(masks.slice(start, start + size));
    const firstDispatchAt = performance.now() - this.startedAt;
    const perThread = new Map<number, PoolTimeline["perThread"][number]>();
    let solved = 0;
    const results = await Promise.all(
      batches.map(async (batch) => {
        const task: BlocTask = { request, masks: batch };
        const out = (await this.pool.run(task)) as BlocTaskResult;
        const at = performance.now() - this.startedAt;
        const entry = perThread.get(out.threadId) ?? { threadId: out.threadId, firstTaskAt: at - out.prepareMs - out.solveMs, prepareMs: 0, solveMs: 0, lastTaskAt: 0, tasks: 0 };
        entry.prepareMs += out.prepareMs;
        entry.solveMs += out.solveMs;
        entry.lastTaskAt = Math.max(entry.lastTaskAt, at);
        entry.firstTaskAt = Math.min(entry.firstTaskAt, at - out.prepareMs - out.solveMs);
        entry.tasks += 1;
        perThread.set(out.threadId, entry);
        solved += batch.length;
        options.onProgress?.(solved, masks.length);
        return out.solves;
      }),
    );
    options.onTimeline?.({ threads: this.threads, perThread: [...perThread.values()], firstDispatchAt, finishedAt: performance.now() - this.startedAt });
    return results.flat();
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}

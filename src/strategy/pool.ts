import { Piscina } from "piscina";
import { SOLVER_THREAD_LIMITS, workerFile } from "../util/workerFile.js";
import { solveMembership, type BlocRequest, type MembershipSolve, type PreparedBloc } from "./blocSolve.js";
import type { BlocTask, BlocTaskResult } from "./blocWorker.js";

export interface PoolOptions {
  /** Called after each finished batch with (solved, total). */
  onProgress?: (solved: number, total: number) => void;
}

/** Where a pool's time went, per thread (threadId 0: the calling thread). Milliseconds from the pool's start. */
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
 * Membership sets solved by the calling thread alone (no workers), or by `workers` worker threads (piscina)
 * that the calling thread only feeds. The workers start before the caller has prepared anything, so they
 * load their modules while it validates and calibrates. Measured (bench/strategy.ts, 1,024 sets of
 * world-2023): a calling thread that also solved ran ~20% slower per set than a worker and slowed its
 * worker too, so "this thread + one worker" took 5.2 s where two workers take 4.1 s (one thread: 7.2 s).
 */
export class BlocPool {
  private readonly pool: Piscina | undefined;
  private readonly startedAt = performance.now();
  readonly workers: number;

  constructor(workers: number) {
    this.workers = Math.max(0, Math.floor(workers));
    if (this.workers === 0) return;
    const { filename, execArgv } = workerFile(import.meta.url, "blocWorker");
    this.pool = new Piscina({ filename, execArgv, minThreads: this.workers, maxThreads: this.workers, idleTimeout: 1000, resourceLimits: SOLVER_THREAD_LIMITS });
  }

  /**
   * Solves the membership sets `masks`; `prepared` is the calling thread's calibrated bloc (used when it solves alone).
   * Every solve is a deterministic function of (request, mask) — each starts from the same point and
   * shares nothing — so the results, returned in the order of `masks`, are identical for any thread count.
   * `onTimeline` receives where the time went.
   */
  async solve(request: BlocRequest, prepared: PreparedBloc, masks: number[], options: PoolOptions & { onTimeline?: (timeline: PoolTimeline) => void } = {}): Promise<MembershipSolve[]> {
    const threads = Math.max(1, this.workers);
    const size = Math.max(1, Math.ceil(masks.length / (threads * BATCHES_PER_THREAD)));
    const batches: number[][] = [];
    for (let start = 0; start < masks.length; start += size) batches.push(masks.slice(start, start + size));
    const results: MembershipSolve[][] = new Array(batches.length);
    const firstDispatchAt = this.now();
    const perThread = new Map<number, PoolTimeline["perThread"][number]>();
    const record = (threadId: number, prepareMs: number, solveMs: number): void => {
      const at = this.now();
      const entry = perThread.get(threadId) ?? { threadId, firstTaskAt: at - prepareMs - solveMs, prepareMs: 0, solveMs: 0, lastTaskAt: 0, tasks: 0 };
      entry.prepareMs += prepareMs;
      entry.solveMs += solveMs;
      entry.lastTaskAt = Math.max(entry.lastTaskAt, at);
      entry.firstTaskAt = Math.min(entry.firstTaskAt, at - prepareMs - solveMs);
      entry.tasks += 1;
      perThread.set(threadId, entry);
    };
    let next = 0;
    let solved = 0;
    const done = (batch: number): void => {
      solved += batches[batch].length;
      options.onProgress?.(solved, masks.length);
    };
    const workerLoop = async (pool: Piscina): Promise<void> => {
      for (let batch = next++; batch < batches.length; batch = next++) {
        const out = (await pool.run({ request, masks: batches[batch] } satisfies BlocTask)) as BlocTaskResult;
        record(out.threadId, out.prepareMs, out.solveMs);
        results[batch] = out.solves;
        done(batch);
      }
    };
    const callerLoop = async (): Promise<void> => {
      for (let batch = next++; batch < batches.length; batch = next++) {
        const start = this.now();
        results[batch] = batches[batch].map((mask) => solveMembership(prepared, mask));
        record(0, 0, this.now() - start);
        done(batch);
        await new Promise((resolve) => setImmediate(resolve)); // let the event loop run (progress, signals)
      }
    };
    // With workers, this thread only hands out batches (each worker loop keeps one in flight); without, it solves them.
    const pool = this.pool;
    await (pool ? Promise.all(Array.from({ length: this.workers }, () => workerLoop(pool))) : callerLoop());
    options.onTimeline?.({ threads, perThread: [...perThread.values()], firstDispatchAt, finishedAt: this.now() });
    return results.flat();
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
  }

  private now(): number {
    return performance.now() - this.startedAt;
  }
}

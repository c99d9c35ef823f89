import { MessageChannel, type MessagePort } from "node:worker_threads";
import { Piscina } from "piscina";
import type { BlocReport } from "../report/blocReport.js";
import type { RunReport } from "../report/types.js";
import { workerFile } from "../util/workerFile.js";
import { httpMessage, type ErrorBody } from "./errors.js";

export interface SolveRequest {
  kind: "run" | "bloc";
  text: string;
  source: string;
}

export type WorkerMessage =
  | { type: "started" }
  | { type: "progress"; fraction: number }
  | { type: "ready" }
  | { type: "done"; report: RunReport | BlocReport }
  | { type: "failed"; status: number; error: ErrorBody };

export type SolveOutcome = { ok: true; report: RunReport | BlocReport } | { ok: false; status: number; error: ErrorBody };

export interface SolveLimits {
  timeLimitMs: number;
  /** Heap limit of a worker (old generation), MB: one runaway run cannot take the server's memory. */
  maxHeapMb: number;
}

/** The task a solve worker receives: a request and a port for its progress messages, or a warm-up. */
export type SolveTask = { request: SolveRequest; progress: MessagePort } | { warm: true };

/** How long a run may wait for its thread to start (a replacement thread loading the library), ms. */
const START_DEADLINE_MS = 120_000;

/**
 * The server's solve threads: a fixed pool (piscina) of `threads` workers that stay up between runs,
 * so a run pays neither the thread start nor the module and dataset loading (each worker caches the
 * datasets it has loaded; they are immutable). A run past its time limit, or every run when the
 * server shuts down, is aborted: piscina terminates the thread running it and starts a fresh one,
 * which loads the library before it reports ready (solveWorker.ts) — and a run's time limit counts
 * from the moment its thread starts it, so a replacement's start is never charged to a run.
 */
export class SolvePool {
  private readonly pool: Piscina;

  constructor(
    private readonly threads: number,
    private readonly limits: SolveLimits,
    catalogModule?: string,
  ) {
    const { filename, execArgv } = workerFile(import.meta.url, "solveWorker");
    this.pool = new Piscina({
      filename,
      execArgv,
      workerData: { catalogModule },
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: Infinity,
      resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb },
    });
  }

  /**
   * Runs one scenario (or bloc analysis) on a pool thread; resolves (never rejects) with the report or
   * an error body and HTTP status: 504 past the time limit, 503 when `shutdown` aborts, 500 when the
   * thread dies (e.g. over its heap limit).
   */
  async solve(request: SolveRequest, onProgress: (fraction: number) => void, shutdown?: AbortSignal): Promise<SolveOutcome> {
    if (shutdown?.aborted) return interrupted();
    const abort = new AbortController();
    let reason: "time" | "start" | "shutdown" | undefined;
    const stop = (why: "time" | "start" | "shutdown") => {
      reason ??= why;
      abort.abort();
    };
    let timer: NodeJS.Timeout | undefined;
    const startDeadline = setTimeout(() => stop("start"), START_DEADLINE_MS);
    const onShutdown = () => stop("shutdown");
    shutdown?.addEventListener("abort", onShutdown, { once: true });
    const { port1, port2 } = new MessageChannel();
    port1.on("message", (msg: WorkerMessage) => {
      if (msg.type === "started") {
        clearTimeout(startDeadline);
        timer ??= setTimeout(() => stop("time"), this.limits.timeLimitMs);
      }
      if (msg.type === "progress") onProgress(msg.fraction);
    });
    try {
      const task: SolveTask = { request, progress: port2 };
      const outcome = (await this.pool.run(task, { transferList: [port2], signal: abort.signal })) as WorkerMessage;
      if (outcome.type === "done") return { ok: true, report: outcome.report };
      if (outcome.type === "failed") return { ok: false, status: outcome.status, error: outcome.error };
      return { ok: false, status: 500, error: { error: httpMessage.internal("the solve worker sent no result"), issues: [] } };
    } catch (err) {
      if (reason === "time") return { ok: false, status: 504, error: { error: httpMessage.timeLimit(this.limits.timeLimitMs / 1000), issues: [] } };
      if (reason === "shutdown") return interrupted();
      if (reason === "start") return { ok: false, status: 500, error: { error: httpMessage.internal(`no solve thread started the run within ${START_DEADLINE_MS / 1000} s`), issues: [] } };
      return { ok: false, status: 500, error: { error: httpMessage.internal(`the solve worker failed: ${(err as Error).message}`), issues: [] } };
    } finally {
      clearTimeout(timer);
      clearTimeout(startDeadline);
      shutdown?.removeEventListener("abort", onShutdown);
      port1.close();
    }
  }

  /**
   * Resolves when every first thread has loaded the library (modules, the catalog module): piscina
   * counts the pool's first threads ready at once, so buildServer waits for them here before listening.
   */
  async warm(): Promise<void> {
    const task: SolveTask = { warm: true };
    await Promise.all(Array.from({ length: this.threads }, () => this.pool.run(task)));
  }

  /** Stops the threads (after the running solves were aborted or finished). */
  async destroy(): Promise<void> {
    await this.pool.destroy();
  }
}

function interrupted(): SolveOutcome {
  return { ok: false, status: 503, error: { error: "interrupted", issues: [{ source: "request", path: "", value: "", message: httpMessage.interrupted() }] } };
}

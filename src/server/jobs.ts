import { randomUUID } from "node:crypto";
import type { BoundedQueue } from "./boundedQueue.js";
import { HttpError, httpMessage, requestIssue, type ErrorBody } from "./errors.js";
import { SolvePool, type SolveLimits, type SolveOutcome } from "./solvePool.js";
import type { JobKind, JobRecord, ResultStore, StoredResult } from "./store.js";

export interface JobRequest {
  kind: JobKind;
  scenarioText: string;
  source: string;
  scenarioName: string;
  dataset: string;
  model: string;
}

/** A finished job and, for a failed one, the HTTP status its error maps to. */
export interface JobOutcome {
  job: JobRecord;
  status: number;
}

/**
 * Jobs: every run (a scenario run, a bloc analysis) is one — recorded in the store as queued before it waits, then running with
 * progress, then succeeded (with a stored result) or failed (with the error). Direct runs are jobs
 * whose caller awaits `done`; long runs answer at once with the job.
 */
export class JobService {
  /** Jobs queued or running in this process, with live progress. */
  private readonly live = new Map<string, JobRecord>();
  private readonly shutdown = new AbortController();
  /** One solve thread per slot of the queue. */
  private readonly solver: SolvePool;

  constructor(
    private readonly store: ResultStore,
    private readonly queue: BoundedQueue,
    limits: SolveLimits,
    catalogModule: string | undefined,
  ) {
    this.solver = new SolvePool(queue.maxRunning, limits, catalogModule);
  }

  /** Records and queues a run; throws a 429 HttpError (with Retry-After) when the queue is full. */
  submit(request: JobRequest): { job: JobRecord; recorded: Promise<void>; done: Promise<JobOutcome> } {
    if (!this.queue.hasRoom()) {
      const retry = this.queue.retryAfterSeconds();
      throw new HttpError(429, { error: "busy", issues: [requestIssue("", "", httpMessage.busy(this.queue.running, this.queue.waiting, retry))] }, { "retry-after": String(retry) });
    }
    const job: JobRecord = {
      id: randomUUID(),
      kind: request.kind,
      status: "queued",
      progress: 0,
      createdAt: new Date().toISOString(),
      startedAt: null,
      finishedAt: null,
      scenarioName: request.scenarioName,
      dataset: request.dataset,
      model: request.model,
      resultId: null,
      error: null,
    };
    this.live.set(job.id, job);
    const inserted = this.store.insertJob(job, request.scenarioText);
    let resolveDone!: (outcome: JobOutcome) => void;
    const done = new Promise<JobOutcome>((resolve) => (resolveDone = resolve));
    this.queue.tryAdd(async () => {
      let status = 200;
      try {
        await inserted;
        job.status = "running";
        job.startedAt = new Date().toISOString();
        await this.store.updateJob(job);
        const outcome = await this.solver.solve({ kind: request.kind, text: request.scenarioText, source: request.source }, (fraction) => {
          job.progress = fraction;
        }, this.shutdown.signal);
        status = await this.finish(job, request, outcome);
      } catch (err) {
        status = 500;
        await this.fail(job, { error: httpMessage.internal((err as Error).message), issues: [] }).catch(() => undefined);
      } finally {
        this.live.delete(job.id);
        resolveDone({ job, status });
      }
    });
    // A job answered 202 must survive a crash: `recorded` settles once its row is in the store (a
    // failure reaches whoever awaits it, and the queued task records it; never an unhandled rejection).
    const recorded = inserted.then(() => undefined);
    recorded.catch(() => undefined);
    return { job, recorded, done };
  }

  /** Stops the running solves (their jobs fail as interrupted); the queue's waiting ones never start. */
  stopAll(): void {
    this.shutdown.abort();
  }

  /** Starts the solve threads and loads the library in each (buildServer awaits it before listening). */
  async warm(): Promise<void> {
    await this.solver.warm();
  }

  /** Stops the solve threads (after stopAll and the queue's end). */
  async close(): Promise<void> {
    await this.solver.destroy();
  }

  /** The job, live if it is in this process, else from the store. */
  async get(id: string): Promise<JobRecord | undefined> {
    return this.live.get(id) ?? (await this.store.getJob(id));
  }

  private async finish(job: JobRecord, request: JobRequest, outcome: SolveOutcome): Promise<number> {
    if (!outcome.ok) {
      await this.fail(job, outcome.error);
      return outcome.status;
    }
    const resultId = randomUUID();
    const now = new Date().toISOString();
    await this.store.insertResult({
      id: resultId,
      kind: request.kind,
      jobId: job.id,
      createdAt: now,
      scenarioName: request.scenarioName,
      dataset: request.dataset,
      model: request.model,
      scenarioText: request.scenarioText,
      report: outcome.report,
    } as StoredResult);
    Object.assign(job, { status: "succeeded", progress: 1, finishedAt: now, resultId });
    await this.store.updateJob(job);
    return 200;
  }

  private async fail(job: JobRecord, error: ErrorBody): Promise<void> {
    Object.assign(job, { status: "failed", finishedAt: new Date().toISOString(), error });
    await this.store.updateJob(job);
  }
}

import { Piscina } from "piscina";
import { workerFile } from "../util/workerFile.js";
import type { CheckedScenario } from "./checkScenario.js";
import { HttpError, httpMessage, requestIssue } from "./errors.js";
import type { ValidateOutcome, ValidateTask } from "./validateWorker.js";

export interface ValidationLimits {
  /** Time one validation may take, ms; past it the thread is stopped and the request answered 413. */
  timeLimitMs: number;
  /** Heap limit of the validation thread, MB. */
  maxHeapMb: number;
  /** Validations waiting for the thread; more answer 429. */
  maxQueued: number;
}

/**
 * Where requests' scenarios are validated: one thread (piscina) beside the solve threads, so that
 * parsing and normalizing a large scenario (a 1 MiB YAML body parses in about a second) never holds
 * the event loop — /api/health and every other request keep answering. Its work is bounded by
 * SCENARIO_LIMITS, and by a time and a heap limit here.
 */
export class ValidatePool {
  private readonly pool: Piscina;

  constructor(
    private readonly limits: ValidationLimits,
    catalogModule: string | undefined,
  ) {
    const { filename, execArgv } = workerFile(import.meta.url, "validateWorker");
    this.pool = new Piscina({
      filename,
      execArgv,
      workerData: { catalogModule },
      minThreads: 1,
      maxThreads: 1,
      maxQueue: limits.maxQueued,
      idleTimeout: Infinity,
      resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb },
    });
  }

  /** The checked scenario, or throws an HttpError: 400 with the issues, 413 past the time or heap limit, 429 when the queue is full. */
  async check(text: string, source: string): Promise<CheckedScenario> {
    if (this.pool.queueSize >= this.limits.maxQueued) throw busy(this.limits.maxQueued);
    const abort = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, this.limits.timeLimitMs);
    let outcome: ValidateOutcome;
    try {
      outcome = (await this.pool.run({ text, source } satisfies ValidateTask, { signal: abort.signal })) as ValidateOutcome;
    } catch (err) {
      if (timedOut) throw tooLarge(httpMessage.validationTimeLimit(this.limits.timeLimitMs / 1000));
      // The thread died (over its heap limit): piscina starts another.
      throw tooLarge(httpMessage.validationFailed((err as Error).message));
    } finally {
      clearTimeout(timer);
    }
    if (outcome.ok) return outcome.checked;
    throw new HttpError(outcome.status, outcome.error);
  }

  /** Resolves once the thread has loaded the library (buildServer awaits it before listening). */
  async warm(): Promise<void> {
    // A trivial text: its 400 proves the thread answers.
    await this.pool.run({ text: "", source: "warm-up" } satisfies ValidateTask);
  }

  async destroy(): Promise<void> {
    await this.pool.destroy();
  }
}

function tooLarge(text: string): HttpError {
  return new HttpError(413, { error: "scenario too large", issues: [requestIssue("scenario", "", text)] });
}

function busy(queued: number): HttpError {
  return new HttpError(429, { error: "busy", issues: [requestIssue("", "", httpMessage.validationBusy(queued))] }, { "retry-after": "1" });
}

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { BlocReport } from "../report/blocReport.js";
import type { RunReport } from "../report/types.js";
import { httpMessage, type ErrorBody } from "./errors.js";

export interface SolveRequest {
  kind: "run" | "bloc";
  text: string;
  source: string;
  catalogModule?: string;
}

export type WorkerMessage =
  | { type: "progress"; fraction: number }
  | { type: "done"; report: RunReport | BlocReport }
  | { type: "failed"; status: number; error: ErrorBody };

export type SolveOutcome = { ok: true; report: RunReport | BlocReport } | { ok: false; status: number; error: ErrorBody };

export interface SolveLimits {
  timeLimitMs: number;
  /** Heap limit of the worker (old generation), MB: one runaway run cannot take the server's memory. */
  maxHeapMb: number;
}

const fromSource = import.meta.url.endsWith(".ts");
const workerUrl = new URL(fromSource ? "./solveWorker.ts" : "./solveWorker.js", import.meta.url);

/**
 * The worker's entry. Built (dist/), it is solveWorker.js; from the TypeScript sources (tests, tsx)
 * a two-line bootstrap first registers tsx's loader in the thread, then imports solveWorker.ts.
 */
function workerEntry(): { entry: URL | string; eval: boolean } {
  if (!fromSource) return { entry: workerUrl, eval: false };
  const tsxPackage = createRequire(import.meta.url).resolve("tsx/package.json");
  const exported = (JSON.parse(readFileSync(tsxPackage, "utf8")) as { exports: Record<string, { import: { default: string } }> }).exports["./esm/api"];
  const tsxApi = pathToFileURL(join(dirname(tsxPackage), exported.import.default)).href;
  return { entry: `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl.href)}); });`, eval: true };
}

/**
 * Runs one scenario in a fresh worker thread; resolves (never rejects) with the report or an
 * error body and HTTP status. Past `timeLimitMs`, or when `signal` aborts (server shutdown), the
 * thread is terminated and the run fails.
 */
export function solveInWorker(request: SolveRequest, limits: SolveLimits, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<SolveOutcome> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(interrupted());
    const { entry, eval: isCode } = workerEntry();
    const worker = new Worker(entry, { eval: isCode, workerData: request, resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb } });
    let settled = false;
    const finish = (outcome: SolveOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(outcome);
    };
    const timer = setTimeout(
      () => finish({ ok: false, status: 504, error: { error: httpMessage.timeLimit(limits.timeLimitMs / 1000), issues: [] } }),
      limits.timeLimitMs,
    );
    signal?.addEventListener("abort", () => finish(interrupted()), { once: true });
    worker.on("message", (msg: WorkerMessage) => {
      if (msg.type === "progress") onProgress(msg.fraction);
      else if (msg.type === "done") finish({ ok: true, report: msg.report });
      else finish({ ok: false, status: msg.status, error: msg.error });
    });
    worker.on("error", (err) => finish({ ok: false, status: 500, error: { error: httpMessage.internal(err.message), issues: [] } }));
    worker.on("exit", (code) => finish({ ok: false, status: 500, error: { error: httpMessage.internal(`the solve worker exited with code ${code}`), issues: [] } }));
  });
}

function interrupted(): SolveOutcome {
  return { ok: false, status: 503, error: { error: "interrupted", issues: [{ source: "request", path: "", value: "", message: httpMessage.interrupted() }] } };
}

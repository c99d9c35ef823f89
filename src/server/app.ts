import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyInstance } from "fastify";
import { embeddedDataDir } from "../data/load.js";
import { TradewindsInputError } from "../messages.js";
import { VERSION } from "../run.js";
import { scenarioJsonSchema } from "../scenario/jsonSchema.js";
import { BoundedQueue } from "./boundedQueue.js";
import { HttpError, httpMessage, inputErrorBody, requestIssue, type ErrorBody } from "./errors.js";
import { JobService } from "./jobs.js";
import { registerSecurity } from "./security.js";
import { ValidatePool } from "./validatePool.js";
import { defaultExamplesDir, loadLibrary } from "./library.js";
import { openApiDocument } from "./openapi.js";
import { catalogRoutes } from "./routes/catalog.js";
import { runRoutes } from "./routes/runs.js";
import { ResultStore } from "./store.js";

export interface ServerOptions {
  /** Folder of the DuckDB file with results and jobs (created if missing). */
  dataDir: string;
  /** Largest accepted request body, bytes (default 1 MiB). */
  bodyLimitBytes?: number;
  /** Solves running at once (default 2) and waiting beyond those (default 32); more answer 429. */
  maxConcurrentSolves?: number;
  maxQueuedSolves?: number;
  /** Time limit of one run, ms (default 5 min); past it the run is stopped and fails. */
  timeLimitMs?: number;
  /** Heap limit of one solve worker, MB (default 2048). */
  maxHeapMb?: number;
  /** Time limit of checking one request's scenario, ms (default 10 s); past it the request answers 413. */
  validationTimeLimitMs?: number;
  /** A module exporting `catalog` (and optionally `datasets`) instead of the library's (tests). */
  catalogModule?: string;
  /** Example scenarios (default: the package's examples/). */
  examplesDir?: string;
  /** The built dashboard (default: the package's dist/web; not served when missing). */
  webDir?: string;
  /** Host names accepted in the Host header besides 127.0.0.1, localhost and [::1] (serve adds its --host). */
  allowedHosts?: string[];
  logger?: boolean;
}

/** Heap of the validation thread, MB: a scenario within SCENARIO_LIMITS needs a small fraction of it. */
const VALIDATION_HEAP_MB = 512;
/** Requests waiting for the validation thread; more answer 429. */
const VALIDATION_QUEUE = 64;

export type TradewindsServer = FastifyInstance & { queue: BoundedQueue };

/**
 * The HTTP API and the dashboard's files — a thin shell over the library: parse the request, call
 * the pipeline (validate and normalize in the validation thread, solve in a solve thread), send JSON. Results and jobs
 * live in DuckDB under `dataDir`; jobs that a previous process left unfinished are marked failed.
 */
export async function buildServer(options: ServerOptions): Promise<TradewindsServer> {
  const bodyLimit = options.bodyLimitBytes ?? 1024 * 1024;
  const library = await loadLibrary(options.catalogModule);
  const store = await ResultStore.open(options.dataDir);
  await store.failInterruptedJobs({ error: "interrupted", issues: [requestIssue("", "", httpMessage.interrupted())] }, new Date().toISOString());
  const queue = new BoundedQueue(options.maxConcurrentSolves ?? 2, options.maxQueuedSolves ?? 32);
  const jobs = new JobService(store, queue, { timeLimitMs: options.timeLimitMs ?? 300_000, maxHeapMb: options.maxHeapMb ?? 2048 }, options.catalogModule);
  const validator = new ValidatePool({ timeLimitMs: options.validationTimeLimitMs ?? 10_000, maxHeapMb: VALIDATION_HEAP_MB, maxQueued: VALIDATION_QUEUE }, options.catalogModule);
  await Promise.all([jobs.warm(), validator.warm()]);

  const app = Fastify({ logger: options.logger ?? false, bodyLimit }) as unknown as TradewindsServer;
  app.decorate("queue", queue);
  await registerSecurity(app, options.allowedHosts ?? []);

  app.setErrorHandler((err: unknown, _request, reply) => {
    if (err instanceof HttpError) return reply.code(err.status).headers(err.headers).send(err.body);
    if (err instanceof TradewindsInputError) return reply.code(400).send(inputErrorBody(err));
    const e = err as { code?: string; statusCode?: number; message?: string };
    if (e.code === "FST_ERR_CTP_BODY_TOO_LARGE") return reply.code(413).send(errorBody("body too large", requestIssue("body", "", httpMessage.bodyTooLarge(bodyLimit))));
    if (e.statusCode && e.statusCode < 500) return reply.code(e.statusCode).send(errorBody("bad request", requestIssue("body", "", e.message ?? "")));
    app.log.error(err);
    return reply.code(500).send(errorBody("internal error", requestIssue("", "", httpMessage.internal(e.message ?? String(err)))));
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(errorBody("not found", requestIssue("url", JSON.stringify(request.url), "no such route; see /openapi.json"))),
  );

  const openapi = openApiDocument(scenarioJsonSchema());
  app.get("/openapi.json", async () => openapi);
  app.get("/api/health", async () => ({
    status: "ok",
    version: VERSION,
    queue: { running: queue.running, waiting: queue.waiting, peakRunning: queue.peakRunning, maxRunning: queue.maxRunning, maxWaiting: queue.maxWaiting },
  }));
  catalogRoutes(app, library, options.examplesDir ?? defaultExamplesDir());
  runRoutes(app, validator, jobs, store);

  const webDir = resolve(options.webDir ?? join(dirname(embeddedDataDir()), "dist", "web"));
  if (existsSync(join(webDir, "index.html"))) await app.register(fastifyStatic, { root: webDir, prefix: "/" });

  // Shutdown: running solves are stopped and every unfinished job fails as interrupted (so that no
  // request waits on it), before the listener closes; then the store closes.
  app.addHook("preClose", async () => {
    jobs.stopAll();
    await queue.idle();
    await Promise.all([jobs.close(), validator.destroy()]);
  });
  app.addHook("onClose", async () => store.close());
  return app;
}

function errorBody(error: string, ...issues: ErrorBody["issues"]): ErrorBody {
  return { error, issues };
}

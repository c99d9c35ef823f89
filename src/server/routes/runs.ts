import type { FastifyInstance } from "fastify";
import { compareReports } from "../../report/compare.js";
import { formatBlocReport } from "../../report/formatBloc.js";
import { formatReport } from "../../report/format.js";
import { HttpError, httpMessage, requestIssue } from "../errors.js";
import type { JobService } from "../jobs.js";
import type { ValidatePool } from "../validatePool.js";
import { compareQuery, listQuery, parseRequest, resultQuery, runBody, scenarioBody } from "../requests.js";
import type { ResultStore, StoredResult } from "../store.js";

const SOURCE = "scenario";

/** Validate, run (directly or as a job), jobs, stored results and their comparison. */
export function runRoutes(app: FastifyInstance, validator: ValidatePool, jobs: JobService, store: ResultStore): void {
  // Steps 1–2 of the pipeline (validate, normalize; the bloc section too) run in the validation
  // thread, off the event loop: bad input answers 400 before any queueing. A scenario with a `bloc`
  // section is a bloc analysis.

  app.post("/api/validate", async (request) => {
    const { scenario } = parseRequest(scenarioBody, request.body, "body");
    const s = await validator.check(scenario, SOURCE);
    return { valid: true, kind: s.kind, name: s.name, dataset: s.dataset, model: s.modelType, phases: s.phases };
  });

  app.post("/api/runs", async (request, reply) => {
    const body = parseRequest(runBody, request.body, "body");
    const { kind, dataset, name, modelType } = await validator.check(body.scenario, SOURCE);
    const { job, recorded, done } = jobs.submit({ kind, scenarioText: body.scenario, source: SOURCE, scenarioName: name, dataset, model: modelType });
    // Scenario runs are small and answer directly; bloc analyses (2^k solves) are long: "auto" makes them jobs.
    if (body.mode === "job" || (body.mode === "auto" && kind !== "run")) {
      await recorded;
      return reply.code(202).header("location", `/api/jobs/${job.id}`).send({ job });
    }
    const { job: finished, status } = await done;
    // 503: the server is shutting down; close the connection so that the shutdown need not wait for it.
    if (finished.status !== "succeeded") return reply.code(status).headers(status === 503 ? { connection: "close" } : {}).send(finished.error);
    const result = (await store.getResult(finished.resultId!))!;
    return { job: finished, result: { id: result.id, kind: result.kind, report: result.report } };
  });

  app.get("/api/jobs", async (request) => store.listJobs(parseRequest(listQuery, request.query, "query").limit));

  app.get<{ Params: { id: string } }>("/api/jobs/:id", async (request) => {
    const job = await jobs.get(request.params.id);
    if (!job) throw notFound("job", request.params.id);
    return job;
  });

  app.get("/api/results", async (request) => store.listResults(parseRequest(listQuery, request.query, "query").limit));

  const result = async (id: string): Promise<StoredResult> => {
    const hit = await store.getResult(id);
    if (!hit) throw notFound("result", id);
    return hit;
  };

  app.get<{ Params: { id: string } }>("/api/results/:id", async (request, reply) => {
    const { format } = parseRequest(resultQuery, request.query, "query");
    const stored = await result(request.params.id);
    if (format === "json") return stored;
    if (stored.kind === "bloc" && format === "csv") throw new HttpError(400, { error: "invalid input", issues: [requestIssue("format", '"csv"', httpMessage.notForBloc("CSV"))] });
    const name = `${stored.scenarioName.replace(/[^A-Za-z0-9._-]+/g, "_")}-${stored.id.slice(0, 8)}`;
    return reply
      .type(format === "csv" ? "text/csv; charset=utf-8" : "text/plain; charset=utf-8")
      .header("content-disposition", `attachment; filename="${name}.${format === "csv" ? "csv" : "txt"}"`)
      .send(stored.kind === "bloc" ? formatBlocReport(stored.report, "table") : formatReport(stored.report, format));
  });

  app.get("/api/compare", async (request) => {
    const { a, b } = parseRequest(compareQuery, request.query, "query");
    const [ra, rb] = [scenarioRun(await result(a), "a"), scenarioRun(await result(b), "b")];
    return { a: ra.id, b: rb.id, comparison: compareReports(ra.report, rb.report) };
  });
}

function scenarioRun(stored: StoredResult, field: string): Extract<StoredResult, { kind: "run" }> {
  if (stored.kind === "run") return stored;
  throw new HttpError(400, { error: "invalid input", issues: [requestIssue(field, JSON.stringify(stored.id), httpMessage.compareNeedsRuns(stored.id))] });
}

function notFound(what: "job" | "result", id: string): HttpError {
  return new HttpError(404, { error: "not found", issues: [requestIssue("id", JSON.stringify(id), httpMessage.notFound(what, id))] });
}

import { VERSION } from "../run.js";
import { SCENARIO_LIMITS } from "../scenario/limits.js";

const json = (schema: object) => ({ content: { "application/json": { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const error = (description: string) => ({ description, ...json(ref("Error")) });
const idParam = (what: string) => ({ name: "id", in: "path", required: true, schema: { type: "string" }, description: `The ${what}'s id` });
const limitParam = { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 500, default: 50 } };
const invalid = error("Invalid input: every issue names the field path, the value and the fix");
const tooLarge = error("Body larger than the server's limit, or a scenario whose check took longer than 10 s or more than the check's memory");
const busy = { ...error("The queue (of runs, or of scenario checks) is full"), headers: { "Retry-After": { description: "Seconds to wait", schema: { type: "integer" } } } };

/**
 * The OpenAPI 3.1 document of the HTTP API (served at /openapi.json). Written by hand next to the
 * routes; the server tests check that every path here is a registered route.
 */
export function openApiDocument(scenarioSchema: object): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: {
      title: "Tradewinds API",
      version: VERSION,
      description:
        "Trade-policy scenarios solved by general-equilibrium trade models. Runs are queued with bounded concurrency (429 with Retry-After when full), limited in time and stored in DuckDB under the server's data dir. " +
        "A scenario names data by embedded name only (panel:<name>; stage specs inline): the server reads no file a request names. " +
        `Limits per scenario (400 naming the limit past one): ${SCENARIO_LIMITS.maxPhases} phases, ${SCENARIO_LIMITS.maxShocks} shocks, ${SCENARIO_LIMITS.maxGroups} groups, ${SCENARIO_LIMITS.maxValues} values, ` +
        `${SCENARIO_LIMITS.maxDepth} levels of nesting, ${SCENARIO_LIMITS.maxAliasCount} YAML alias expansions; keys __proto__, constructor and prototype are refused (x-scenario-limits). ` +
        "Requests whose Host header is not one of the server's names answer 421.",
    },
    "x-scenario-limits": SCENARIO_LIMITS,
    paths: {
      "/api/health": { get: { summary: "Server status and queue occupancy", responses: { 200: { description: "OK", ...json({ type: "object" }) } } } },
      "/api/datasets": { get: { summary: "The datasets (by name) with metadata, countries, sectors, groups and tariff sets", responses: { 200: { description: "Datasets", ...json({ type: "array" }) } } } },
      "/api/models": { get: { summary: "The models a scenario can name in model.type", responses: { 200: { description: "Models", ...json({ type: "array" }) } } } },
      "/api/examples": { get: { summary: "The example scenarios with their text", responses: { 200: { description: "Examples", ...json({ type: "array" }) } } } },
      "/api/examples/{name}": {
        get: {
          summary: "One example scenario",
          parameters: [{ name: "name", in: "path", required: true, schema: { type: "string" } }],
          responses: { 200: { description: "The example", ...json({ type: "object" }) }, 404: error("No such example") },
        },
      },
      "/api/datasets/{name}/header": {
        get: {
          summary: "The header (JSON) of an embedded dataset's binary form, by dataset name: what the dashboard fetches to solve in the browser",
          parameters: [{ name: "name", in: "path", required: true, schema: { type: "string" } }],
          responses: { 200: { description: "The header", ...json({ type: "object" }) }, 404: error("Not an embedded dataset") },
        },
      },
      "/api/datasets/{name}/chunks/{index}": {
        get: {
          summary: "Chunk k of an embedded dataset's binary form, gzip as stored (the header lists its inflated size and checksums)",
          parameters: [
            { name: "name", in: "path", required: true, schema: { type: "string" } },
            { name: "index", in: "path", required: true, schema: { type: "integer", minimum: 0 } },
          ],
          responses: { 200: { description: "gzip bytes", content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } }, 404: error("No such chunk") },
        },
      },
      "/api/schema": { get: { summary: "The JSON Schema of scenario files", responses: { 200: { description: "JSON Schema", ...json({ type: "object" }) } } } },
      "/api/validate": {
        post: {
          summary: "Check a scenario against the schema and its dataset, without solving",
          requestBody: { required: true, ...json(ref("ScenarioRequest")) },
          responses: { 200: { description: "Valid", ...json({ type: "object" }) }, 400: invalid, 413: tooLarge, 429: busy },
        },
      },
      "/api/runs": {
        post: {
          summary:
            "Run a scenario: directly (200 with the result) or as a job (202, poll /api/jobs/{id}). A scenario with a bloc section is a bloc analysis (every membership set), a job unless mode is direct",
          requestBody: { required: true, ...json(ref("RunRequest")) },
          responses: {
            200: { description: "The finished run and its stored result", ...json({ type: "object", properties: { job: ref("Job"), result: { type: "object", properties: { id: { type: "string" }, report: { type: "object" } } } } }) },
            202: { description: "Queued as a job; the Location header names it", ...json({ type: "object", properties: { job: ref("Job") } }) },
            400: invalid,
            413: tooLarge,
            429: busy,
            500: error("The solve failed"),
            504: error("The run exceeded the server's time limit"),
          },
        },
      },
      "/api/jobs": { get: { summary: "Recent jobs, newest first", parameters: [limitParam], responses: { 200: { description: "Jobs", ...json({ type: "array", items: ref("Job") }) } } } },
      "/api/jobs/{id}": { get: { summary: "A job's status and progress", parameters: [idParam("job")], responses: { 200: { description: "The job", ...json(ref("Job")) }, 404: error("No such job") } } },
      "/api/results": { get: { summary: "Stored results, newest first", parameters: [limitParam], responses: { 200: { description: "Result summaries", ...json({ type: "array" }) } } } },
      "/api/results/{id}": {
        get: {
          summary: "A stored result as JSON (with the scenario text), CSV or a text table",
          parameters: [idParam("result"), { name: "format", in: "query", schema: { enum: ["json", "csv", "table"], default: "json" } }],
          responses: { 200: { description: "The result", content: { "application/json": { schema: { type: "object" } }, "text/csv": { schema: { type: "string" } } } }, 404: error("No such result") },
        },
      },
      "/api/compare": {
        get: {
          summary: "Two stored results side by side (b − a)",
          parameters: [
            { name: "a", in: "query", required: true, schema: { type: "string" } },
            { name: "b", in: "query", required: true, schema: { type: "string" } },
          ],
          responses: { 200: { description: "The comparison", ...json({ type: "object" }) }, 400: invalid, 404: error("No such result") },
        },
      },
    },
    components: {
      schemas: {
        Scenario: scenarioSchema,
        ScenarioRequest: { type: "object", required: ["scenario"], additionalProperties: false, properties: { scenario: { type: "string", description: "The scenario file's text (YAML or JSON); see #/components/schemas/Scenario" } } },
        RunRequest: {
          type: "object",
          required: ["scenario"],
          additionalProperties: false,
          properties: { scenario: { type: "string" }, mode: { enum: ["auto", "direct", "job"], default: "auto" } },
        },
        Job: {
          type: "object",
          properties: {
            id: { type: "string" },
            kind: { enum: ["run", "bloc"] },
            status: { enum: ["queued", "running", "succeeded", "failed"] },
            progress: { type: "number", minimum: 0, maximum: 1 },
            createdAt: { type: "string" },
            startedAt: { type: ["string", "null"] },
            finishedAt: { type: ["string", "null"] },
            scenarioName: { type: "string" },
            dataset: { type: "string" },
            model: { type: "string" },
            resultId: { type: ["string", "null"] },
            error: { oneOf: [ref("Error"), { type: "null" }] },
          },
        },
        Error: {
          type: "object",
          required: ["error", "issues"],
          properties: {
            error: { type: "string" },
            issues: {
              type: "array",
              items: {
                type: "object",
                required: ["source", "path", "value", "message"],
                properties: {
                  source: { type: "string", description: "Where: scenario, request, …" },
                  path: { type: "string", description: "Field path, e.g. phases[1].shocks[0].set" },
                  value: { type: "string", description: "The offending value as written" },
                  message: { type: "string", description: "What is wrong and how to fix it" },
                },
              },
            },
          },
        },
      },
    },
  };
}

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { message } from "../src/messages.js";
import { MAX_API_DRAWS } from "../src/server/checkScenario.js";
import { httpMessage } from "../src/server/errors.js";
import type { TradewindsServer } from "../src/server/app.js";
import { fakeScenario } from "./support/fakeCatalog.js";
import { getJson, postJson, startTestServer } from "./support/testServer.js";

/**
 * The HTTP API against the fake model (tests/support/fakeCatalog.ts): contract status codes, error
 * bodies from the message catalog, a concurrent burst, results, comparison, downloads.
 */
const BODY_LIMIT = 64 * 1024;
const CONCURRENCY = 2;
let app: TradewindsServer;
let url: string;

beforeAll(async () => {
  ({ app, url } = await startTestServer({ bodyLimitBytes: BODY_LIMIT, maxConcurrentSolves: CONCURRENCY, maxQueuedSolves: 32 }));
});
afterAll(async () => {
  await app.close();
});

describe("GET /openapi.json", () => {
  it("documents only routes the server has, and the server answers each documented GET", async () => {
    const { status, json } = await getJson(`${url}/openapi.json`);
    expect(status).toBe(200);
    expect(json.openapi).toMatch(/^3\.1/);
    for (const [path, methods] of Object.entries(json.paths as Record<string, Record<string, unknown>>)) {
      const route = path.replace(/\{(\w+)\}/g, ":$1");
      for (const method of Object.keys(methods)) expect(app.hasRoute({ method: method.toUpperCase() as "GET", url: route }), `${method} ${path}`).toBe(true);
    }
  });
});

describe("catalog routes", () => {
  it("GET /api/datasets lists the datasets by name with metadata and ISO3 codes", async () => {
    const { status, json } = await getJson(`${url}/api/datasets`);
    expect(status).toBe(200);
    expect(json.map((d: { name: string }) => d.name)).toEqual(["fake-100", "fake-4"]);
    expect(json[1].countries.map((c: { code: string }) => c.code)).toEqual(["USA", "JPN", "CHN", "DEU"]);
    expect(json[1].licence).toBe("test data");
  });
});

describe("POST /api/validate and /api/runs: errors name the field, the value and the fix", () => {
  it("a tariff of 24 where 0.24 is meant is a 400 naming phases[0].shocks[0].set", async () => {
    const bad = fakeScenario().replace("set: 0.2", "set: 24");
    for (const route of ["/api/validate", "/api/runs"]) {
      const { status, json } = await postJson(`${url}${route}`, { scenario: bad });
      expect(status, route).toBe(400);
      expect(json.issues).toContainEqual({ source: "scenario", path: "phases[0].shocks[0].set", value: "24", message: message.rateLooksLikePercent(24) });
    }
  });

  it("uncertainty draws past the API's per-request limit are a 400 naming uncertainty.draws, the value and where to run more", async () => {
    const many = `${fakeScenario()}uncertainty:\n  draws: ${MAX_API_DRAWS + 1}\n  parameters:\n    - { parameter: tradeElasticity, distribution: lognormal, cv: 0.1 }\n`;
    for (const route of ["/api/validate", "/api/runs"]) {
      const { status, json } = await postJson(`${url}${route}`, { scenario: many });
      expect(status, route).toBe(400);
      expect(json.issues).toContainEqual({ source: "scenario", path: "uncertainty.draws", value: String(MAX_API_DRAWS + 1), message: message.apiDrawsLimit(MAX_API_DRAWS) });
    }
  });

  it("an unknown country code is a 400 from the dataset check", async () => {
    const { status, json } = await postJson(`${url}/api/validate`, { scenario: fakeScenario().replace("exporter: JPN, set", "exporter: XXX, set") });
    expect(status).toBe(400);
    expect(json.issues[0]).toMatchObject({ path: "phases[0].shocks[0].exporter", message: expect.stringContaining('unknown country or group "XXX"') });
  });

  it("datasets are chosen by name only: a path is refused as a path (no file is read over HTTP), an extra body field is rejected", async () => {
    const traversal = await postJson(`${url}/api/runs`, { scenario: fakeScenario().replace("dataset: fake-4", "dataset: ../../etc/passwd") });
    expect(traversal.status).toBe(400);
    expect(traversal.json.issues[0]).toEqual({ source: "scenario", path: "dataset", value: '"../../etc/passwd"', message: message.datasetPathDenied(["fake-100", "fake-4"]) });
    const extra = await postJson(`${url}/api/runs`, { scenario: fakeScenario(), datasetFile: "/tmp/x.json" });
    expect(extra.status).toBe(400);
    expect(extra.json.issues[0]).toMatchObject({ source: "body", path: "datasetFile", value: '"/tmp/x.json"' });
  });

  it("a missing body field and a YAML syntax error are 400s", async () => {
    expect((await postJson(`${url}/api/validate`, {})).json.issues[0]).toMatchObject({ path: "scenario", message: expect.stringContaining("is required") });
    const yaml = await postJson(`${url}/api/validate`, { scenario: "name: [unclosed" });
    expect(yaml.status).toBe(400);
    expect(yaml.json.issues[0].message).toMatch(/^not valid YAML\/JSON/);
  });

  it("a body over the size limit is a 413 with the limit in the message", async () => {
    const res = await fetch(`${url}/api/runs`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ scenario: "#".repeat(BODY_LIMIT + 1) }) });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: "body too large", issues: [{ source: "request", path: "body", value: "", message: httpMessage.bodyTooLarge(BODY_LIMIT) }] });
  });
});

describe("runs, results and comparison", () => {
  it("a direct run answers with the stored result; its figure is the fake model's hand-computed one", async () => {
    const { status, json } = await postJson(`${url}/api/runs`, { scenario: fakeScenario() });
    expect(status).toBe(200);
    expect(json.job.status).toBe("succeeded");
    // Phase 2: the US tariff on Japan is 0.2 + 0.1; Japan exports to three partners → −100·0.3/3.
    const japan = json.result.report.phases[1].countries.find((c: { code: string }) => c.code === "JPN");
    expect(japan.values.welfareChangePct).toBeCloseTo(-10, 12);
    const stored = await getJson(`${url}/api/results/${json.result.id}`);
    expect(stored.json.report).toEqual(json.result.report);
    expect(stored.json.scenarioText).toBe(fakeScenario());
    const csv = await fetch(`${url}/api/results/${json.result.id}?format=csv`);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csv.headers.get("content-disposition")).toMatch(/attachment; filename=".+\.csv"/);
  });

  it("mode job answers 202 with a Location; the job reaches succeeded with progress 1", async () => {
    const { status, headers, json } = await postJson(`${url}/api/runs`, { scenario: fakeScenario({ delayMs: 100 }), mode: "job" });
    expect(status).toBe(202);
    expect(headers.get("location")).toBe(`/api/jobs/${json.job.id}`);
    let job = json.job;
    for (let poll = 0; poll < 200 && job.status !== "succeeded" && job.status !== "failed"; poll++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await getJson(`${url}${headers.get("location")}`)).json;
    }
    expect(job).toMatchObject({ status: "succeeded", progress: 1 });
    expect((await getJson(`${url}/api/results/${job.resultId}`)).status).toBe(200);
  });

  it("GET /api/compare pairs two results: b − a per country and key", async () => {
    const a = await postJson(`${url}/api/runs`, { scenario: fakeScenario() });
    const b = await postJson(`${url}/api/runs`, { scenario: fakeScenario().replace("set: 0.2", "set: 0.5") });
    const { status, json } = await getJson(`${url}/api/compare?a=${a.json.result.id}&b=${b.json.result.id}`);
    expect(status).toBe(200);
    const japan = json.comparison.phases[0].rows.find((r: { code: string }) => r.code === "JPN").values.welfareChangePct;
    // Hand-computed: phase 1 JPN = −100·0.2/3 (a) and −100·0.5/3 (b).
    expect(japan.a).toBeCloseTo(-20 / 3, 12);
    expect(japan.b).toBeCloseTo(-50 / 3, 12);
    expect(japan.difference).toBeCloseTo(-10, 12);
  });

  it("unknown ids are 404s in the error shape", async () => {
    const { status, json } = await getJson(`${url}/api/results/nope`);
    expect(status).toBe(404);
    expect(json.issues[0]).toMatchObject({ path: "id", message: httpMessage.notFound("result", "nope") });
  });
});

describe("a concurrent burst", () => {
  it("20 simultaneous runs are all answered, none lost, never more than the bound solving at once", async () => {
    const BURST = 20;
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 25);
    const t0 = performance.now();
    const answers = await Promise.all(
      Array.from({ length: BURST }, (_, k) => postJson(`${url}/api/runs`, { scenario: fakeScenario({ delayMs: 50, name: `burst ${k}` }) })),
    );
    const elapsed = performance.now() - t0;
    clearInterval(sampler);
    expect(answers.map((a) => a.status)).toEqual(Array(BURST).fill(200));
    const ids = new Set(answers.map((a) => a.json.result.id));
    expect(ids.size).toBe(BURST);
    const names = answers.map((a) => a.json.result.report.scenario.name).sort();
    expect(names).toEqual(Array.from({ length: BURST }, (_, k) => `burst ${k}`).sort());
    const listed = (await getJson(`${url}/api/results?limit=500`)).json.map((r: { id: string }) => r.id);
    for (const id of ids) expect(listed).toContain(id);
    const health = (await getJson(`${url}/api/health`)).json;
    expect(health.queue.peakRunning).toBeLessThanOrEqual(CONCURRENCY);
    expect(health.queue).toMatchObject({ running: 0, waiting: 0 });
    // Bounded memory: at most CONCURRENCY worker threads exist at once; 20 unbounded ones would not fit this bound.
    const growthMb = (rssPeak - rssBefore) / 2 ** 20;
    console.log(`burst of ${BURST}: ${elapsed.toFixed(0)} ms, peak RSS growth ${growthMb.toFixed(0)} MB, peak solving ${health.queue.peakRunning}`);
    expect(growthMb).toBeLessThan(512);
  });
});

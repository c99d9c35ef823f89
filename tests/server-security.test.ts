import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddedDataDir } from "../src/data/load.js";
import { message } from "../src/messages.js";
import { SCENARIO_LIMITS } from "../src/scenario/limits.js";
import { listEmbeddedPanels } from "../src/scenario/filePolicy.js";
import type { TradewindsServer } from "../src/server/app.js";
import { httpMessage } from "../src/server/errors.js";
import { datasets as fakeDatasets, fakeScenario } from "./support/fakeCatalog.js";
import { getJson, postJson, requestWithHost, startTestServer } from "./support/testServer.js";

/**
 * The HTTP API as an attacker would try it (issue 15, "Security" and "Availability"), against the
 * fake model (tests/support/fakeCatalog.ts): no server file is read or quoted, a poisonous name
 * cannot poison a thread, foreign Host headers are refused, CSV cells are no formulas, and hostile
 * bodies get 400s while the server keeps answering.
 */
const CONCURRENCY = 1; // one solve thread: the run after a refused one is on the same thread
let app: TradewindsServer;
let url: string;

beforeAll(async () => {
  ({ app, url } = await startTestServer({ maxConcurrentSolves: CONCURRENCY }));
});
afterAll(async () => {
  await app.close();
});

const withEstimation = (estimation: string) => fakeScenario() + estimation;

describe("no server file is read or quoted: a scenario names embedded data only", () => {
  const firstLine = existsSync("/etc/passwd") ? readFileSync("/etc/passwd", "utf8").split("\n")[0] : "root:x:0:0";
  const serverPaths = [embeddedDataDir(), process.cwd()];
  const panels = listEmbeddedPanels();

  it("estimation.data /etc/passwd, ../ traversal, panel:../../x, a spec file: 400 naming the field, nothing from the file, no server path", async () => {
    const cases: [string, string, string][] = [
      ["estimation:\n  data: /etc/passwd\n  crossSection: {}\n  stages: [{ name: s, spec: { outcome: trade } }]\n", "estimation.data", message.dataPathDenied(panels)],
      ["estimation:\n  data: ../../../../etc/passwd\n  crossSection: {}\n  stages: [{ name: s, spec: { outcome: trade } }]\n", "estimation.data", message.dataPathDenied(panels)],
      ["estimation:\n  data: panel:../../../../etc/passwd\n  crossSection: {}\n  stages: [{ name: s, spec: { outcome: trade } }]\n", "estimation.data", message.unknownPanel("../../../../etc/passwd", panels)],
      ["estimation:\n  data: panel:ag-rta-1986-2006\n  crossSection: {}\n  stages: [{ name: s, spec: /etc/passwd }]\n", "estimation.stages[0].spec", message.specPathDenied()],
      ["estimation:\n  data: panel:ag-rta-1986-2006\n  crossSection: {}\n  stages: [{ name: s, spec: { data: /etc/shadow, outcome: trade } }]\n", "estimation.stages[0].spec.data", message.dataPathDenied(panels)],
    ];
    const jobsBefore = (await getJson(`${url}/api/jobs?limit=500`)).json.length;
    for (const [estimation, path, text] of cases) {
      for (const route of ["/api/validate", "/api/runs"]) {
        const res = await fetch(`${url}${route}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ scenario: withEstimation(estimation) }) });
        const body = await res.text();
        expect(res.status, `${route} ${path}`).toBe(400);
        expect(JSON.parse(body).issues).toEqual([expect.objectContaining({ path, message: text })]);
        expect(body).not.toContain(firstLine);
        for (const p of serverPaths) expect(body).not.toContain(p);
      }
    }
    expect((await getJson(`${url}/api/jobs?limit=500`)).json.length).toBe(jobsBefore); // refused before any job
  });
});

describe("a scenario's dataset is an embedded name over HTTP, never a file", () => {
  it("dataset /etc/passwd, ../ traversal, ./flows.csv, data.json, x.parquet: 400 naming the field, nothing from the file, no server path, no job", async () => {
    const firstLine = existsSync("/etc/passwd") ? readFileSync("/etc/passwd", "utf8").split("\n")[0] : "root:x:0:0";
    const jobsBefore = (await getJson(`${url}/api/jobs?limit=500`)).json.length;
    for (const dataset of ["/etc/passwd", "../../../../etc/passwd", "./flows.csv", "data.json", "x.parquet", "C:\\data\\x"]) {
      for (const route of ["/api/validate", "/api/runs"]) {
        const res = await fetch(`${url}${route}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ scenario: fakeScenario({ dataset: JSON.stringify(dataset) }) }) });
        const body = await res.text();
        expect(res.status, `${route} ${dataset}`).toBe(400);
        // The catalog module's datasets are the server's names (tests/support/fakeCatalog.ts).
        expect(JSON.parse(body).issues).toEqual([{ source: "scenario", path: "dataset", value: JSON.stringify(dataset), message: message.datasetPathDenied(Object.keys(fakeDatasets).sort()) }]);
        expect(body).not.toContain(firstLine);
        for (const p of [embeddedDataDir(), process.cwd()]) expect(body).not.toContain(p);
      }
    }
    expect((await getJson(`${url}/api/jobs?limit=500`)).json.length).toBe(jobsBefore);
  });
});

describe("a name cannot poison a thread", () => {
  it("the issue's repro: a covariate shock named __proto__ gets 400; the next run on the same solve thread has the right numbers", async () => {
    const poison = fakeScenario().replace("{ type: tariff, importer: USA, exporter: JPN, set: 0.2 }", '{ type: covariate, name: "__proto__", importer: USA, exporter: JPN, set: 1 }');
    for (const route of ["/api/validate", "/api/runs"]) {
      const refused = await postJson(`${url}${route}`, { scenario: poison });
      expect(refused.status, route).toBe(400);
      expect(refused.json.issues).toEqual([{ source: "scenario", path: "phases[0].shocks[0].name", value: '"__proto__"', message: message.unknownCovariate("__proto__", ["pta"]) }]);
    }
    const ok = await postJson(`${url}/api/runs`, { scenario: fakeScenario().replace("{ type: tariff, importer: USA, exporter: JPN, set: 0.2 }", "{ type: covariate, name: pta, importer: USA, exporter: JPN, set: 1 }") });
    expect(ok.status).toBe(200);
    // Phase 1: pta JPN→USA 0 → 1, no tariff: JPN's welfare = 100 × (1/3) (three partners); phase 2 adds a 0.1 tariff: 100 × (1 − 0.1)/3.
    const japan = (phase: number) => ok.json.result.report.phases[phase].countries.find((c: { code: string }) => c.code === "JPN").values.welfareChangePct;
    expect(japan(0)).toBeCloseTo(100 / 3, 12);
    expect(japan(1)).toBeCloseTo(30, 12);
    expect(ok.json.result.report.phases[0].countries.find((c: { code: string }) => c.code === "USA").values.welfareChangePct).toBe(0);
  });

  it("a group named constructor and a model type toString are refused with the usual messages", async () => {
    const group = await postJson(`${url}/api/validate`, { scenario: fakeScenario().replace("phases:", "groups:\n  constructor: [USA]\nphases:") });
    expect(group.json.issues).toEqual([{ source: "scenario", path: "groups.constructor", value: '"constructor"', message: message.reservedName("constructor") }]);
    const type = await postJson(`${url}/api/validate`, { scenario: fakeScenario().replace("type: fake", "type: toString") });
    expect(type.json.issues).toEqual([{ source: "scenario", path: "model.type", value: '"toString"', message: message.unknownModel(["fake"]) }]);
  });
});

describe("Host allow-list and security headers", () => {
  it("a foreign Host header (DNS rebinding) answers 421; loopback names with any port are served", async () => {
    const port = new URL(url).port;
    for (const host of ["evil.example", `evil.example:${port}`, "127.0.0.1.evil.example", "localhost."]) {
      const res = await requestWithHost(url, host);
      expect(res.status, JSON.stringify(host)).toBe(421);
      expect(JSON.parse(res.body).issues[0].message).toBe(httpMessage.hostNotAllowed(["127.0.0.1", "localhost", "[::1]"]));
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`, "127.0.0.1"]) {
      expect((await requestWithHost(url, host)).status, host).toBe(200);
    }
  });

  it("allowedHosts (serve --host / --allow-host) adds names", async () => {
    const other = await startTestServer({ allowedHosts: ["tradewinds.test"] });
    try {
      expect((await requestWithHost(other.url, "tradewinds.test:8080")).status).toBe(200);
      expect((await requestWithHost(other.url, "other.test")).status).toBe(421);
    } finally {
      await other.app.close();
    }
  });

  it("API answers, errors and the dashboard carry CSP (frame-ancestors 'none'), nosniff and X-Frame-Options", async () => {
    const web = await startTestServer({ webDir: join("dist", "web") });
    try {
      const responses = [await fetch(`${web.url}/api/health`), await fetch(`${web.url}/api/results/nope`), await fetch(`${web.url}/`)];
      if (existsSync(join("dist", "web", "index.html"))) expect(responses[2].headers.get("content-type")).toMatch(/^text\/html/);
      for (const res of responses) {
        const csp = res.headers.get("content-security-policy") ?? "";
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("script-src 'self'");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).not.toContain("unsafe-eval");
        expect(res.headers.get("x-content-type-options")).toBe("nosniff");
        expect(res.headers.get("x-frame-options")).toBe("DENY");
      }
    } finally {
      await web.app.close();
    }
  });
});

describe("CSV downloads: text cells are no formulas, numbers stay numbers", () => {
  it("names beginning with = + - @ get an apostrophe; negative results stay numeric", async () => {
    const scenario = fakeScenario()
      .replace("name: first", 'name: "=HYPERLINK(\\"http://x\\")"')
      .replace("name: second", 'name: "@SUM(A1)"')
      .replace("phases:", 'groups:\n  "-G": [USA, JPN]\n  "+H": [CHN, DEU]\nreport: { countries: ["-G", "+H", JPN] }\nphases:');
    const run = await postJson(`${url}/api/runs`, { scenario });
    expect(run.status).toBe(200);
    const csv = await (await fetch(`${url}/api/results/${run.json.result.id}?format=csv`)).text();
    const [header, ...rows] = parseCsv(csv) as string[][];
    const column = (name: string) => header.indexOf(name);
    expect(new Set(rows.map((r) => r[column("phase")]))).toEqual(new Set(['\'=HYPERLINK("http://x")', "'@SUM(A1)"]));
    expect(rows.filter((r) => r[column("kind")] === "aggregate").map((r) => r[column("code")])).toEqual(["'-G", "'+H", "WORLD", "'-G", "'+H", "WORLD"]);
    // JPN in phase 1: −100 × 0.2/3 — a number in the file, not text with an apostrophe.
    const japan = rows.find((r) => r[column("code")] === "JPN")!;
    expect(japan[column("welfareChangePct")]).toMatch(/^-6\.66666/);
    expect(Number(japan[column("welfareChangePct")])).toBeCloseTo(-20 / 3, 12);
    for (const row of rows) expect(row.every((cell) => !/^[=+@\t\r]/.test(cell) && !/^-[^\d]/.test(cell))).toBe(true);
  });
});

describe("hostile bodies get 400, never 500, and the server keeps answering", () => {
  it("deep JSON nesting in the body and in the scenario: 400", async () => {
    const depth = 20_000;
    const body = `{"scenario":"name: x","extra":${"[".repeat(depth)}${"]".repeat(depth)}}`;
    const res = await fetch(`${url}/api/validate`, { method: "POST", headers: { "content-type": "application/json" }, body });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { issues: unknown[] }).issues[0]).toEqual({ source: "body", path: "extra", value: "[…]", message: message.unknownKey("extra", ["scenario"]) });
    const nested = await postJson(`${url}/api/validate`, { scenario: `{"name":"x","model":${"[".repeat(depth)}${"]".repeat(depth)}}` });
    expect(nested.status).toBe(400);
    const shallower = await postJson(`${url}/api/validate`, { scenario: `{"name":"x","model":${"[".repeat(100)}${"]".repeat(100)}}` });
    expect(shallower.status).toBe(400);
    expect(shallower.json.issues[0].message).toBe(message.scenarioLimit(`more than ${SCENARIO_LIMITS.maxDepth} levels`, "levels of nesting", SCENARIO_LIMITS.maxDepth));
  });

  it("YAML alias bombs (billion laughs) and unresolved aliases: 400 with the alias limit", async () => {
    const laughs = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let k = 1; k < 9; k++) laughs.push(`${"abcdefghi"[k]}: &${"abcdefghi"[k]} [${Array(10).fill(`*${"abcdefghi"[k - 1]}`).join(", ")}]`);
    const bomb = await postJson(`${url}/api/validate`, { scenario: laughs.join("\n") });
    expect(bomb.status).toBe(400);
    expect(bomb.json.issues[0].message).toContain(`at most ${SCENARIO_LIMITS.maxAliasCount} aliases`);
    const unresolved = await postJson(`${url}/api/validate`, { scenario: "name: *nowhere\n" });
    expect(unresolved.status).toBe(400);
    expect(unresolved.json.issues[0].message).toContain(`at most ${SCENARIO_LIMITS.maxAliasCount} aliases`);
  });

  it("the limits are stated in the OpenAPI document", async () => {
    const { json } = await getJson(`${url}/openapi.json`);
    expect(json["x-scenario-limits"]).toEqual(SCENARIO_LIMITS);
    expect(json.info.description).toContain(`${SCENARIO_LIMITS.maxPhases} phases`);
    expect(Object.keys(json.paths["/api/runs"].post.responses)).toEqual(expect.arrayContaining(["400", "413", "429"]));
  });

  it(`a scenario over a limit is refused naming it (${SCENARIO_LIMITS.maxPhases} phases, ${SCENARIO_LIMITS.maxGroups} groups)`, async () => {
    const phases = Array.from({ length: SCENARIO_LIMITS.maxPhases + 1 }, (_, k) => `  - { name: p${k} }`);
    const many = await postJson(`${url}/api/validate`, { scenario: ["name: x", "dataset: fake-4", "model: { type: fake }", "phases:", ...phases].join("\n") });
    expect(many.status).toBe(400);
    expect(many.json.issues).toEqual([{ source: "scenario", path: "phases", value: String(SCENARIO_LIMITS.maxPhases + 1), message: message.scenarioLimit(`${SCENARIO_LIMITS.maxPhases + 1} phases`, "phases", SCENARIO_LIMITS.maxPhases) }]);
    const groups = Array.from({ length: SCENARIO_LIMITS.maxGroups + 1 }, (_, k) => `  g${k}: [USA]`);
    const grouped = await postJson(`${url}/api/validate`, { scenario: fakeScenario().replace("phases:", ["groups:", ...groups, "phases:"].join("\n")) });
    expect(grouped.json.issues[0].message).toBe(message.scenarioLimit(`${SCENARIO_LIMITS.maxGroups + 1} groups`, "groups", SCENARIO_LIMITS.maxGroups));
    // At the limit, a scenario of inheriting phases validates.
    const atLimit = await postJson(`${url}/api/validate`, { scenario: ["name: x", "dataset: fake-4", "model: { type: fake }", "phases:", ...phases.slice(0, -1).map((p) => p.replace(" }", ", shocks: [{ type: tariff, importer: USA, exporter: JPN, add: 0.001 }] }"))].join("\n") });
    expect(atLimit.status).toBe(200);
    expect(atLimit.json.phases).toHaveLength(SCENARIO_LIMITS.maxPhases);
  });

  it("a 1 MiB body of inheriting phases is refused by the phase limit, and /api/health answers while it is checked", async () => {
    const lines = ["name: big", "dataset: fake-4", "model: { type: fake }", "phases:"];
    const limit = 1024 * 1024 - 2048; // the body (JSON-escaped) stays under the server's default 1 MiB
    let size = lines.join("\n").length;
    for (let k = 0; size < limit - 200; k++) {
      const line = `- { name: p${k}, shocks: [{ type: tariff, importer: USA, exporter: JPN, add: 0 }] }`;
      lines.push(line);
      size += line.length + 3; // newline, escaped as \n in JSON
    }
    const body = JSON.stringify({ scenario: lines.join("\n") });
    expect(body.length).toBeLessThan(1024 * 1024);
    let answered = false;
    const t0 = performance.now();
    const validation = fetch(`${url}/api/validate`, { method: "POST", headers: { "content-type": "application/json" }, body }).then(async (res) => {
      answered = true;
      return { status: res.status, json: (await res.json()) as { issues: { path: string; message: string }[] } };
    });
    let healthWhileChecking = 0;
    while (!answered) {
      const health = await getJson(`${url}/api/health`);
      expect(health.status).toBe(200);
      if (!answered) healthWhileChecking++;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const { status, json } = await validation;
    console.log(`1 MiB body (${lines.length - 4} phases): answered in ${(performance.now() - t0).toFixed(0)} ms; ${healthWhileChecking} health checks answered meanwhile`);
    expect(status).toBe(400);
    expect(json.issues[0]).toMatchObject({ path: "phases", message: message.scenarioLimit(`${lines.length - 4} phases`, "phases", SCENARIO_LIMITS.maxPhases) });
    // Validation runs in its own thread: the event loop answered health checks meanwhile (before, it stalled for seconds).
    expect(healthWhileChecking).toBeGreaterThan(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TradewindsServer } from "../src/server/app.js";
import { httpMessage } from "../src/server/errors.js";
import { fakeScenario } from "./support/fakeCatalog.js";
import { LOAD_MS } from "./support/slowCatalog.js";
import { getJson, postJson, slowCatalogModule, startTestServer } from "./support/testServer.js";

/**
 * The queue bound (one solving, one waiting) and the time limit per run. Nothing here depends on the
 * machine's speed: the fake model's delays are wall-clock busy waits, and every wait below is bounded
 * by a generous deadline rather than a tight timeout.
 */
const TIME_LIMIT_MS = 3000;
/** A deadline for what should take a moment (a queued job finishing), far above it on any machine. */
const DEADLINE_MS = 60_000;
let app: TradewindsServer;
let url: string;

beforeAll(async () => {
  ({ app, url } = await startTestServer({ maxConcurrentSolves: 1, maxQueuedSolves: 1, timeLimitMs: TIME_LIMIT_MS }));
});
afterAll(async () => {
  await app.close();
});

describe("the bounded queue", () => {
  it("over the bound answers 429 with Retry-After; the accepted runs all finish", async () => {
    const slow = fakeScenario({ delayMs: 700 });
    const accepted = [await postJson(`${url}/api/runs`, { scenario: slow, mode: "job" }), await postJson(`${url}/api/runs`, { scenario: slow, mode: "job" })];
    expect(accepted.map((r) => r.status)).toEqual([202, 202]);
    const refused = await postJson(`${url}/api/runs`, { scenario: slow });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1).toBe(true);
    expect(refused.json.issues[0].message).toBe(httpMessage.busy(1, 1, retryAfter));
    const jobsNow = (await getJson(`${url}/api/jobs`)).json;
    expect(jobsNow).toHaveLength(2); // the refused run left no job behind

    for (const { json } of accepted) {
      let job = json.job;
      for (const until = Date.now() + DEADLINE_MS; (job.status === "queued" || job.status === "running") && Date.now() < until; ) {
        await new Promise((r) => setTimeout(r, 50));
        job = (await getJson(`${url}/api/jobs/${job.id}`)).json;
      }
      expect(job.status).toBe("succeeded");
    }
    expect((await postJson(`${url}/api/runs`, { scenario: fakeScenario() })).status).toBe(200);
  });
});

describe("the time limit", () => {
  it("a run past the limit is stopped: 504 with the limit in the message, the job failed", async () => {
    const t0 = performance.now();
    const { status, json } = await postJson(`${url}/api/runs`, { scenario: fakeScenario({ delayMs: 60_000 }) });
    expect(status).toBe(504);
    expect(json.error).toBe(httpMessage.timeLimit(TIME_LIMIT_MS / 1000));
    // Stopped near the limit, not after the run's 60 s (the limit counts from the run's start in its thread).
    expect(performance.now() - t0).toBeLessThan(30_000);
    const [latest] = (await getJson(`${url}/api/jobs?limit=1`)).json;
    expect(latest).toMatchObject({ status: "failed", error: { error: httpMessage.timeLimit(TIME_LIMIT_MS / 1000) } });
    // The stopped thread is replaced: the server still solves (both slots).
    const after = await Promise.all([postJson(`${url}/api/runs`, { scenario: fakeScenario() }), postJson(`${url}/api/runs`, { scenario: fakeScenario() })]);
    expect(after.map((r) => r.status)).toEqual([200, 200]);
  });
});

describe("replacement threads", () => {
  it("the thread that replaces one stopped at the time limit loads the library before it takes a run", async () => {
    // Every solve thread takes LOAD_MS (> the time limit) to load this catalog; one solve slot.
    expect(LOAD_MS).toBeGreaterThan(TIME_LIMIT_MS / 2);
    const slow = await startTestServer({ catalogModule: slowCatalogModule, maxConcurrentSolves: 1, timeLimitMs: TIME_LIMIT_MS / 2 });
    try {
      const stopped = await postJson(`${slow.url}/api/runs`, { scenario: fakeScenario({ delayMs: 60_000 }) });
      expect(stopped.status).toBe(504);
      // The next run waits for the replacement to load (LOAD_MS), then solves at once: its time limit
      // counts from its start in the thread, so the replacement's loading is never charged to it.
      const next = await postJson(`${slow.url}/api/runs`, { scenario: fakeScenario() });
      expect(next.status).toBe(200);
      const japan = next.json.result.report.phases[1].countries.find((c: { code: string }) => c.code === "JPN");
      expect(japan.values.welfareChangePct).toBeCloseTo(-10, 12);
    } finally {
      await slow.app.close();
    }
  });
});

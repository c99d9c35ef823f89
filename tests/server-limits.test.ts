import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TradewindsServer } from "../src/server/app.js";
import { httpMessage } from "../src/server/errors.js";
import { fakeScenario } from "./support/fakeCatalog.js";
import { getJson, postJson, startTestServer } from "./support/testServer.js";

/** The queue bound (one solving, one waiting) and the time limit per run. */
const TIME_LIMIT_MS = 3000;
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
      for (let poll = 0; poll < 300 && (job.status === "queued" || job.status === "running"); poll++) {
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
    expect(performance.now() - t0).toBeLessThan(TIME_LIMIT_MS + 5000);
    const [latest] = (await getJson(`${url}/api/jobs?limit=1`)).json;
    expect(latest).toMatchObject({ status: "failed", error: { error: httpMessage.timeLimit(TIME_LIMIT_MS / 1000) } });
    // The stopped thread is replaced: the server still solves (both slots).
    const after = await Promise.all([postJson(`${url}/api/runs`, { scenario: fakeScenario() }), postJson(`${url}/api/runs`, { scenario: fakeScenario() })]);
    expect(after.map((r) => r.status)).toEqual([200, 200]);
  });
});

import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { httpMessage } from "../src/server/errors.js";
import { fakeScenario } from "./support/fakeCatalog.js";
import { getJson, postJson, startTestServer, tempDataDir } from "./support/testServer.js";

/** Results and jobs live in DuckDB under the data dir: they survive a restart, and a crash fails its jobs visibly. */
async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string, limitMs = 60_000): Promise<T> {
  const until = Date.now() + limitMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("buildServer({dataDir}) persistence", () => {
  it("results and finished jobs survive a restart on the same data dir", async () => {
    const dataDir = tempDataDir();
    const first = await startTestServer({ dataDir });
    const run = await postJson(`${first.url}/api/runs`, { scenario: fakeScenario() });
    expect(run.status).toBe(200);
    const queued = await postJson(`${first.url}/api/runs`, { scenario: fakeScenario({ name: "as a job" }), mode: "job" });
    const job = await waitFor(() => getJson(`${first.url}/api/jobs/${queued.json.job.id}`), (r) => r.json.status === "succeeded", "the job");
    await first.app.close();

    const second = await startTestServer({ dataDir });
    try {
      const result = await getJson(`${second.url}/api/results/${run.json.result.id}`);
      expect(result.status).toBe(200);
      expect(result.json.report).toEqual(run.json.result.report);
      expect((await getJson(`${second.url}/api/jobs/${queued.json.job.id}`)).json).toEqual(job.json);
      expect((await getJson(`${second.url}/api/results/${job.json.resultId}`)).json.scenarioName).toBe("as a job");
    } finally {
      await second.app.close();
    }
  });

  it("closing the server stops a running solve: the waiting request gets 503 and the job is failed, not left running", async () => {
    const dataDir = tempDataDir();
    const server = await startTestServer({ dataDir, maxConcurrentSolves: 1 });
    const pending = postJson(`${server.url}/api/runs`, { scenario: fakeScenario({ delayMs: 60_000 }) });
    await waitFor(() => getJson(`${server.url}/api/jobs`), (r) => r.json[0]?.status === "running", "the run to start");
    const t0 = performance.now();
    await server.app.close();
    const answer = await pending;
    expect(performance.now() - t0).toBeLessThan(30_000); // stopped at once, not after the run's 60 s
    expect(answer.status).toBe(503);
    expect(answer.json.issues[0].message).toBe(httpMessage.interrupted());
    const restarted = await startTestServer({ dataDir });
    try {
      const [job] = (await getJson(`${restarted.url}/api/jobs`)).json;
      expect(job).toMatchObject({ status: "failed", error: { error: "interrupted" } });
    } finally {
      await restarted.app.close();
    }
  });

  it("jobs running or queued when the server process is killed are marked failed on restart, not lost", async () => {
    const dataDir = tempDataDir();
    const child = spawn(process.execPath, ["--import", "tsx", "tests/support/serveFake.ts", dataDir], { stdio: ["ignore", "pipe", "inherit"] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once("line", resolve);
        child.once("exit", (code) => reject(new Error(`serveFake exited with ${code}`)));
      });
      // Concurrency 1: the first job runs (a 60 s busy wait), the second waits in the queue.
      const running = await postJson(`${url}/api/runs`, { scenario: fakeScenario({ delayMs: 60_000 }), mode: "job" });
      const waiting = await postJson(`${url}/api/runs`, { scenario: fakeScenario({ delayMs: 60_000 }), mode: "job" });
      expect([running.status, waiting.status]).toEqual([202, 202]);
      await waitFor(() => getJson(`${url}/api/jobs/${running.json.job.id}`), (r) => r.json.status === "running", "the first job to start");
      child.kill("SIGKILL");
      await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once("exit", resolve)));
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }

    const restarted = await startTestServer({ dataDir });
    try {
      const jobs = (await getJson(`${restarted.url}/api/jobs`)).json as { status: string; error: { issues: { message: string }[] } }[];
      expect(jobs).toHaveLength(2);
      for (const job of jobs) {
        expect(job.status).toBe("failed");
        expect(job.error.issues[0].message).toBe(httpMessage.interrupted());
      }
    } finally {
      await restarted.app.close();
    }
  });
});

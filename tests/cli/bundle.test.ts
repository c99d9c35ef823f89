import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScenario } from "../../src/index.js";
import { runBloc } from "../../src/strategy/runBloc.js";
import { VERSION } from "../../src/version.js";

/**
 * The CLI as users start it: bin/tradewinds.js runs the bundle of scripts/bundle-cli.mjs (dist/bundle) — the
 * sources and the pure-JavaScript packages in a few chunks, with the worker threads' entries beside them.
 * Everything else tests the sources; this checks that the bundle computes the same numbers, and that each
 * worker entry it ships (bloc, sweep, and the server's solve and validation threads) starts and answers.
 * The bundle is built here (esbuild, about a second), so the test reads what the sources are now.
 */
const SLOW_PROCESS_MS = 120_000;
const TOL_SAME_CODE = 1e-12;

function cli(args: string[], cwd = process.cwd()): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [join(process.cwd(), "bin/tradewinds.js"), ...args], { cwd, encoding: "utf8", timeout: SLOW_PROCESS_MS });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("the bundled CLI (bin/tradewinds.js → dist/bundle)", { timeout: SLOW_PROCESS_MS }, () => {
  let scratch: string;
  beforeAll(() => {
    const built = spawnSync(process.execPath, ["scripts/bundle-cli.mjs"], { encoding: "utf8" });
    expect(built.status, built.stderr).toBe(0);
    scratch = mkdtempSync(join(tmpdir(), "tradewinds-bundle-"));
  }, SLOW_PROCESS_MS);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("--version prints the sources' version", () => {
    const r = cli(["--version"]);
    expect(r.code, r.err).toBe(0);
    expect(r.out.trim()).toBe(VERSION);
  });

  it("a run gives the numbers of the same run from the sources", () => {
    const file = "examples/gegravity-can-jpn.yaml";
    const r = cli(["run", file, "--format", "json"]);
    expect(r.code, r.err).toBe(0);
    const bundled = JSON.parse(r.out) as ReturnType<typeof runScenario>;
    const direct = runScenario(readFileSync(file, "utf8"), { source: file });
    direct.phases[0].countries.forEach((row, n) => {
      const other = bundled.phases[0].countries[n];
      expect(other.code).toBe(row.code);
      expect(Math.abs(other.values.welfareChangePct - row.values.welfareChangePct)).toBeLessThanOrEqual(TOL_SAME_CODE);
    });
  });

  it("estimate reads its CSV through the bundled DuckDB API: AG Ch. 1 App. 3 column 6 (PHSNG) as published", () => {
    // Yotov et al. (2016), An Advanced Guide to Trade Policy Analysis, Table 1 column 6 (Stata, 6 decimals).
    const r = cli(["estimate", "examples/estimate/ag-ch1-rta-lags.yaml", "--format", "json"]);
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(r.out) as { observations: { used: number }; coefficients: { name: string; estimate: number; stdError: number }[]; combinations: { estimate: number }[] };
    expect(report.observations.used).toBe(28_482);
    const published: Record<string, [number, number]> = { rta: [0.291445, 0.089181], rta_lag4: [0.413549, 0.067246], rta_lag8: [0.168731, 0.043135], rta_lag12: [0.118894, 0.03006] };
    for (const row of report.coefficients) {
      expect(Math.abs(row.estimate - published[row.name][0])).toBeLessThanOrEqual(1e-6);
      expect(Math.abs(row.stdError / published[row.name][1] - 1)).toBeLessThanOrEqual(1e-4);
    }
    expect(Math.abs(report.combinations[0].estimate - 0.992619)).toBeLessThanOrEqual(1e-6);
  });

  it("bloc on two threads (the bundled bloc worker) gives the payoffs of one thread from the sources", async () => {
    const file = "examples/bloc-japan.yaml";
    const r = cli(["bloc", file, "--threads", "2", "--format", "json"]);
    expect(r.code, r.err).toBe(0);
    const bundled = JSON.parse(r.out) as Awaited<ReturnType<typeof runBloc>>;
    const direct = await runBloc({ text: readFileSync(file, "utf8"), source: file }, { threads: 1 });
    expect(bundled.stableSets).toEqual(direct.stableSets);
    expect(bundled.sets.map((s) => s.payoffs)).toEqual(direct.sets.map((s) => s.payoffs));
  });

  it("sweep on two threads (the bundled sweep worker) solves every point", () => {
    const r = cli(["sweep", "examples/sweeps/us-rate-on-japan.yaml", "--threads", "2", "--data-dir", join(scratch, "sweeps")]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/33 points \(33 solved now\) — 33 converged, 0 not converged, 0 failed/);
  });

  it("serve: the bundled validation and solve threads answer a run over HTTP", async () => {
    const server = spawn(process.execPath, [join(process.cwd(), "bin/tradewinds.js"), "serve", "--port", "0", "--data-dir", join(scratch, "store")], { stdio: ["ignore", "ignore", "pipe"] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let err = "";
        server.stderr.on("data", (chunk: Buffer) => {
          err += chunk.toString();
          const m = err.match(/dashboard and API at (http:\/\/\S+) /);
          if (m) resolve(m[1]);
        });
        server.on("exit", (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
      });
      const text = readFileSync("examples/gegravity-can-jpn.yaml", "utf8");
      const response = await fetch(`${url}/api/runs`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ scenario: text }) });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { job: { status: string }; result: { report: ReturnType<typeof runScenario> } };
      expect(body.job.status).toBe("succeeded");
      const direct = runScenario(text, { source: "examples/gegravity-can-jpn.yaml" });
      expect(Math.abs(body.result.report.phases[0].countries[0].values.welfareChangePct - direct.phases[0].countries[0].values.welfareChangePct)).toBeLessThanOrEqual(TOL_SAME_CODE);
    } finally {
      server.kill();
    }
  });
});

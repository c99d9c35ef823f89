import { describe, expect, it } from "vitest";
import { EXIT } from "../src/cli/main.js";
import type { EstimationReport } from "../src/estimation/estimationReport.js";
import { message } from "../src/messages.js";
import { expectClose, expectRelativeClose } from "./ppml-helpers.js";
import { runCli } from "./support/cli.js";

/**
 * `tradewinds estimate <spec-file>` on the shipped spec files of examples/estimate/ reproduces the
 * Advanced Guide (Yotov, Piermartini, Monteiro & Larch 2016) estimates of spec ppml.md §4:
 * rows AG1-PPML (Ch.1 App.1 Table 1, PPML column), AG3-PHSNG (Ch.1 App.3 column 6) and NAFTA-S1
 * (Ch.2 App.2, RTAsEffects.log lines 141–3347), and reports N used, dropped by reason, clusters,
 * iterations, deviance and convergence.
 */

/** 6-decimal values of spec §4: half a unit in the 6th decimal plus the estimator's own accuracy. */
const TOL_COEF_6DP = 1e-6;
/** Stata prints 7 significant digits (spec §3.7). */
const TOL_COEF_STATA = 5e-7;
/** s.e. to ~5 significant digits: relative 1e‑4 (spec §3.7). */
const TOL_SE_RELATIVE = 1e-4;
/** A full-panel fit takes 2–5 s alone; the shared cores may be busy. */
const SLOW_FIT_TIMEOUT_MS = 90_000;


async function estimateJson(spec: string): Promise<EstimationReport> {
  const r = await runCli("estimate", spec, "--format", "json");
  expect(r.code, r.err).toBe(EXIT.ok);
  return JSON.parse(r.out) as EstimationReport;
}

function coefficient(report: EstimationReport, name: string): { estimate: number; stdError: number } {
  const found = report.coefficients.find((c) => c.name === name);
  if (!found) throw new Error(`no coefficient ${name}`);
  return found;
}

describe("tradewinds estimate <spec-file> (examples/estimate/)", { timeout: SLOW_FIT_TIMEOUT_MS }, () => {
  it("ag-nafta-stage1.yaml on the embedded panel: RTA 0.5571853 (0.055771), N 28,482, 84 separated (RTAsEffects.log 141–3347)", async () => {
    const report = await estimateJson("examples/estimate/ag-nafta-stage1.yaml");
    expect(report.converged).toBe(true);
    expect(report.observations.used).toBe(28482);
    expect(report.observations.dropped).toEqual({ missing: 0, singleton: 0, separatedByFixedEffect: 84 });
    expect(report.observations.droppedList).toHaveLength(84);
    expectClose(coefficient(report, "RTA").estimate, 0.5571853, TOL_COEF_STATA, "RTA");
    expectRelativeClose(coefficient(report, "RTA").stdError, 0.055771, TOL_SE_RELATIVE, "RTA robust s.e.");
    expectRelativeClose(report.deviance, 2630487, 1e-6, "deviance (log: 2630487)");
    // Stata's log: PAIR_FE1 (ARG–AUS) = −7.5535 under its normalisation (log line 186).
    expectClose(report.fixedEffects?.pair_id_2["1"] ?? NaN, -7.5535, 6e-7, "PAIR_FE1");
    expect(report.iterations).toBeGreaterThan(0);
  });

  it("ag-ch1-traditional-gravity.yaml: AG1-PPML slopes, N 28,152, 2,346 clusters; the table names N, drops, clusters, convergence", async () => {
    const report = await estimateJson("examples/estimate/ag-ch1-traditional-gravity.yaml");
    expect(report.observations.used).toBe(28152);
    expect(report.clusters).toEqual({ variable: "pair_id", count: 2346 });
    const expected: Record<string, [number, number]> = { log_dist: [-0.840927, 0.031658], cntg: [0.437443, 0.08316], lang: [0.247477, 0.076539], clny: [-0.22249, 0.116244] };
    for (const [name, [estimate, stdError]] of Object.entries(expected)) {
      expectClose(coefficient(report, name).estimate, estimate, TOL_COEF_6DP, name);
      expectRelativeClose(coefficient(report, name).stdError, stdError, TOL_SE_RELATIVE, `${name} s.e.`);
    }
    const table = await runCli("estimate", "examples/estimate/ag-ch1-traditional-gravity.yaml");
    expect(table.out).toContain("28152 used of 28152");
    expect(table.out).toContain("0 missing, 0 singleton, 0 separated by a fixed effect");
    expect(table.out).toContain("2346 clusters of pair_id");
    expect(table.out).toMatch(/converged after \d+ iterations/);
  });

  it("ag-ch1-rta-lags.yaml: AG3-PHSNG lags and the lincom total 0.992619 (0.094253)", async () => {
    const report = await estimateJson("examples/estimate/ag-ch1-rta-lags.yaml");
    expect(report.observations.dropped.separatedByFixedEffect).toBe(84);
    const expected: Record<string, [number, number]> = { rta: [0.291445, 0.089181], rta_lag4: [0.413549, 0.067246], rta_lag8: [0.168731, 0.043135], rta_lag12: [0.118894, 0.03006] };
    for (const [name, [estimate, stdError]] of Object.entries(expected)) {
      expectClose(coefficient(report, name).estimate, estimate, TOL_COEF_6DP, name);
      expectRelativeClose(coefficient(report, name).stdError, stdError, TOL_SE_RELATIVE, `${name} s.e.`);
    }
    expectClose(report.combinations[0].estimate, 0.992619, TOL_COEF_6DP, "total_rta");
    expectRelativeClose(report.combinations[0].stdError, 0.094253, TOL_SE_RELATIVE, "total_rta s.e.");
  });

  it("a spec without data, or with an unknown panel, exits 2 naming the field and the fix", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "tradewinds-estimate-"));
    writeFileSync(join(dir, "nodata.yaml"), "outcome: trade\n");
    writeFileSync(join(dir, "badpanel.yaml"), "data: panel:nope\noutcome: trade\n");
    const noData = await runCli("estimate", join(dir, "nodata.yaml"));
    expect(noData.code).toBe(EXIT.input);
    expect(noData.err).toContain(message.estimationDataRequired());
    const badPanel = await runCli("estimate", join(dir, "badpanel.yaml"));
    expect(badPanel.code).toBe(EXIT.input);
    expect(badPanel.err).toContain(message.unknownPanel("nope", ["ag-rta-1986-2006"]));
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadDataset } from "../../src/data/load.js";
import type { RunReport } from "../../src/report/types.js";
import { runScenario } from "../../src/run.js";
import { validateScenarioText } from "../../src/scenario/validate.js";
import { runWhatIf, WhatIfSession } from "../../src/whatIf/whatIfSession.js";

/**
 * The dashboard's what-if session (src/whatIf/whatIfSession.ts) against `runScenario`, the code
 * `tradewinds run` and the server use:
 * - "exact" mode solves each changed phase from the baseline, as runScenario does: the same report, bit for bit;
 * - "warm" mode starts from the phase's previous solution: the same equilibrium to the solvers' tolerance,
 *   in fewer iterations.
 */

/**
 * Warm and cold solves stop at different points within the solver's tolerance. Caliendo–Parro stops at
 * a Euclidean residual norm of 1e-7 (levels of unit costs and wages), Liberation Day at a scaled max
 * residual of 1e-12; their percentage changes then differ by ~1e-5 pp at most (observed 1.2e-5 pp on
 * a US import change). 1e-3 pp is well below the 2 decimals the tables print.
 */
const TOL_WARM_VS_COLD_PP = 1e-3;
/**
 * Dollar amounts (unit USD) differ by the same relative amount as the levels they come from: Caliendo–Parro's
 * 1e-7 on the US's ~$2 tn of trade is ~$0.1 m. Compared in billions, the 1e-3 bound is $1 m.
 */
const DOLLARS_PER_COMPARED_UNIT = 1e9;

function everyNumber(report: RunReport): Map<string, number> {
  const out = new Map<string, number>();
  for (const phase of report.phases)
    for (const [table, rows] of [["countries", phase.countries], ["summary", phase.summary]] as const)
      for (const row of rows)
        for (const [key, value] of Object.entries(row.values)) out.set(`${phase.name}/${table}/${row.code}/${key}`, report.definitions[key]?.unit === "USD" ? value / DOLLARS_PER_COMPARED_UNIT : value);
  return out;
}

function maxDifference(a: RunReport, b: RunReport): { difference: number; at: string } {
  const x = everyNumber(a);
  const y = everyNumber(b);
  expect([...x.keys()]).toEqual([...y.keys()]);
  let worst = { difference: 0, at: "" };
  for (const [at, value] of x) {
    const difference = Math.abs(value - y.get(at)!);
    if (difference > worst.difference) worst = { difference, at };
  }
  return worst;
}

describe("WhatIfSession on examples/japan-sectors.yaml (Caliendo–Parro on gtap-2007)", () => {
  const text = readFileSync("examples/japan-sectors.yaml", "utf8");
  const from = 'exceptSectors: [mvh], add: "15%"';
  const variant = text.replace(from, 'exceptSectors: [mvh], add: "30%"');

  it("exact mode gives runScenario's report bit for bit, and warm re-solves match the cold solve within the tolerance", () => {
    expect(variant).not.toBe(text);
    const input = validateScenarioText(text, "scenario");
    const session = new WhatIfSession(loadDataset(input.dataset));
    const first = runWhatIf(session, input, { mode: "exact" });
    expect(first.report).toEqual(runScenario(text));
    expect(first.timings.map((t) => t.start)).toEqual(["cold", "cold"]);

    const warm = runWhatIf(session, validateScenarioText(variant, "scenario"));
    // The first phase does not change: its outcome is reused; the deal phase starts from its previous solution.
    expect(warm.timings.map((t) => t.start)).toEqual(["unchanged", "warm"]);
    expect(warm.timings[1].converged).toBe(true);
    expect(warm.timings[1].iterations).toBeLessThan(first.timings[1].iterations);
    const server = runScenario(variant);
    const gap = maxDifference(warm.report, server);
    expect(gap.difference, `largest warm − cold gap at ${gap.at}`).toBeLessThan(TOL_WARM_VS_COLD_PP);

    // Settling (exact mode) after the warm solve: runScenario's numbers exactly.
    const settled = runWhatIf(session, validateScenarioText(variant, "scenario"), { mode: "exact" });
    expect(settled.timings.map((t) => t.start)).toEqual(["unchanged", "cold"]);
    expect(settled.report).toEqual(server);
  }, 120_000);
});

describe("WhatIfSession on examples/liberation-day-case-1.yaml (194 countries)", () => {
  it("a warm re-solve of a changed US tariff on Japan reaches runScenario's equilibrium in fewer solver steps", () => {
    const text = readFileSync("examples/liberation-day-case-1.yaml", "utf8");
    const variant = text.replace("importer: USA }", "importer: USA }\n      - { type: tariff, importer: USA, exporter: JPN, set: \"30%\" }");
    expect(variant).not.toBe(text);
    const input = validateScenarioText(text, "scenario");
    const session = new WhatIfSession(loadDataset(input.dataset));
    const cold = runWhatIf(session, input);
    expect(cold.timings[0].start).toBe("cold");
    const warm = runWhatIf(session, validateScenarioText(variant, "scenario"));
    expect(warm.timings[0].start).toBe("warm");
    expect(warm.timings[0].converged).toBe(true);
    expect(warm.timings[0].iterations).toBeLessThan(cold.timings[0].iterations);
    const gap = maxDifference(warm.report, runScenario(variant));
    expect(gap.difference, `largest warm − cold gap at ${gap.at}`).toBeLessThan(TOL_WARM_VS_COLD_PP);
  }, 120_000);
});

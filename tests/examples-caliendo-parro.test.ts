import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runScenario } from "../src/run.js";
import type { RunReport } from "../src/report/types.js";
import { expectClose } from "./support/expectClose.js";

function run(file: string): RunReport {
  return runScenario(readFileSync(`examples/${file}`, "utf8"), { source: file });
}

/**
 * Caliendo & Parro (2015) NAFTA through the example files, against the cp2015 package's results as listed
 * in ../shared/spec/caliendo-parro-and-ossa.md (Part 1, targets): [ToT, VoT, welfare, real wage], %.
 */
const TOL_PP = 1e-3; // the tolerance against the package's unrounded values
const NAFTA: Record<string, Record<string, number[]>> = {
  "cp-nafta.yaml": {
    CAN: [-0.108102, 0.044286, -0.063816, 0.32283],
    MEX: [-0.411771, 1.723885, 1.312114, 1.715324],
    USA: [0.043531, 0.041222, 0.084753, 0.112443],
  },
  "cp-nafta-deficits.yaml": {
    CAN: [-0.080142, 0.039626, -0.040515, 0.334076],
    USA: [0.0462, 0.038757, 0.084957, 0.117836],
  },
};
const KEYS = ["termsOfTradeEffectPct", "volumeOfTradeEffectPct", "welfareFirstOrderPct", "realWageChangePct"] as const;

describe.each(Object.entries(NAFTA))("examples/%s reproduces the cp2015 package", (file, expected) => {
  const phase = run(file).phases[0];
  it("converges", () => expect(phase.converged).toBe(true));
  it.each(Object.entries(expected))("%s: ToT, VoT, welfare, real wage", (code, values) => {
    const row = phase.countries.find((c) => c.code === code)!;
    KEYS.forEach((key, k) => expectClose(row.values[key], values[k], TOL_PP, `${code} ${key}`));
  });
});

describe("examples/japan-sectors.yaml", () => {
  const report = run("japan-sectors.yaml");

  it("solves both phases and reports Japan's sectors", () => {
    for (const phase of report.phases) expect(phase.converged).toBe(true);
    expect(report.phases[0].sectors?.filter((r) => r.country === "JPN")).toHaveLength(33);
  });

  it("the embargo makes China's non-ferrous metal exports to Japan exactly zero, and only those", () => {
    const flows = report.phases[0].bilateral.filter((b) => b.exporter === "CHN" && b.importer === "JPN");
    const nfm = flows.find((b) => b.sector === "nfm")!;
    expect(nfm.baseline).toBeGreaterThan(0);
    expect(nfm.counterfactual).toBe(0);
    expect(nfm.changePct).toBe(-100);
    for (const b of flows.filter((f) => f.sector !== "nfm" && f.sector !== "ALL")) expect(b.counterfactual).toBeGreaterThan(0);
  });
});

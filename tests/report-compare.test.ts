import { describe, expect, it } from "vitest";
import { message } from "../src/messages.js";
import { compareReports } from "../src/report/compare.js";
import { definitionOf, type QuantityValues } from "../src/report/registry.js";
import type { PhaseReport, RunReport } from "../src/report/types.js";

/** compareReports pairs phases by name (hand-built two-country reports; differences computed by hand). */
const phase = (name: string, jpn: number): PhaseReport => ({
  name,
  converged: true,
  status: "solved",
  solver: { converged: true, method: "test", iterations: 0, residual: 0, residualNorm: "max-abs", tolerance: 0, warnings: [] },
  countries: [
    { code: "JPN", name: "Japan", members: 1, values: { welfareChangePct: jpn } as QuantityValues },
    { code: "USA", name: "United States", members: 1, values: { welfareChangePct: 0 } as QuantityValues },
  ],
  summary: [],
  bilateral: [],
  scalars: {} as QuantityValues,
});
const report = (phases: PhaseReport[]): RunReport => ({
  tradewinds: "test",
  scenario: { name: "s", source: "test" },
  dataset: { name: "d", title: "d", year: 2023, units: "USD", source: "", licence: "", attribution: "" },
  model: { type: "m", description: "" },
  tableKeys: ["welfareChangePct"],
  sectorTableKeys: [],
  phases,
  definitions: { welfareChangePct: definitionOf("welfareChangePct") },
  warnings: [],
});

describe("compareReports", () => {
  it("pairs phases by name whatever their order, and warns of a phase without a partner", () => {
    const a = report([phase("liberation-day", -0.5), phase("reprieve", -0.25), phase("deal", -0.1)]);
    const b = report([phase("deal", -0.3), phase("liberation-day", -1.5)]);
    const c = compareReports(a, b);
    expect(c.phases.map((p) => [p.a, p.b])).toEqual([
      ["liberation-day", "liberation-day"],
      ["reprieve", null],
      ["deal", "deal"],
    ]);
    expect(c.phases[0].rows.find((r) => r.code === "JPN")?.values.welfareChangePct).toEqual({ a: -0.5, b: -1.5, difference: -1 });
    expect(c.phases[2].rows.find((r) => r.code === "JPN")?.values.welfareChangePct.difference).toBeCloseTo(-0.2, 15);
    expect(c.warnings).toEqual([message.comparePhaseUnmatched("reprieve", "A", ["deal", "liberation-day"])]);
  });

  it("pairs by position, saying so, when no name matches", () => {
    const c = compareReports(report([phase("one", 1), phase("two", 2)]), report([phase("uno", 3), phase("dos", 5)]));
    expect(c.phases.map((p) => [p.a, p.b])).toEqual([
      ["one", "uno"],
      ["two", "dos"],
    ]);
    expect(c.warnings).toEqual([message.comparePairedByPosition()]);
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runScenario } from "../src/run.js";
import type { RunReport } from "../src/report/types.js";

/**
 * Ignatenko, Macedoni, Lashkaripour & Simonovska (2025), "Making America Great Again: The Economic
 * Impacts of Liberation Day Tariffs", JIE, Table 1 (output/Table_1.tex of the replication package;
 * values as listed in ../shared/spec/one-sector.md §3.5), through the example scenario files.
 * Columns: welfare %, deficit %, exports/GDP %, imports/GDP %, employment %, prices %, printed with
 * %.2f, %.1f, %.1f, %.1f, %.2f, %.1f — each value must round to the printed figure.
 */
const COLUMNS = ["welfareChangePct", "deficitChangePct", "exportsToGdpChangePct", "importsToGdpChangePct", "employmentChangePct", "priceIndexChangePct"] as const;
const PRINTED_DECIMALS = [2, 1, 1, 1, 2, 1];

const TABLE_1: Record<string, { USA: number[]; NON_US?: number[] }> = {
  "liberation-day-case-1.yaml": { USA: [1.13, -18.1, -52.7, -43.6, 0.32, 12.8], NON_US: [-0.58, 11.6, -3.2, -3.3, -0.14, -4.7] },
  "liberation-day-case-2.yaml": { USA: [-0.01, -18.4, -52.5, -43.3, -0.41, 13.1] },
  "liberation-day-case-3.yaml": { USA: [1.79, -19.1, -55.3, -45.6, 0.51, 12.6], NON_US: [-0.61, 17.1, -4.2, -3.7, -0.16, -4.6] },
};

function run(file: string): RunReport {
  return runScenario(readFileSync(`examples/${file}`, "utf8"), { source: file });
}

/** Rounds like printf("%.Nf"), which the paper's tables use. */
const printed = (x: number, decimals: number) => Number(x.toFixed(decimals));

describe.each(Object.entries(TABLE_1))("examples/%s reproduces Liberation Day Table 1", (file, expected) => {
  const report = run(file);
  const phase = report.phases[0];

  it("converges", () => expect(phase.converged).toBe(true));

  for (const [row, values] of Object.entries(expected)) {
    it(`${row}: every printed column`, () => {
      const result = phase.summary.find((r) => r.code === row);
      if (!result) throw new Error(`${row} missing from the report rows`);
      const actual = COLUMNS.map((key, c) => printed(result.values[key], PRINTED_DECIMALS[c]));
      expect(actual).toEqual(values);
    });
  }
});

describe("examples/liberation-day-case-3.yaml", () => {
  it("applies the closed-form optimal tariff t* = 0.2179882 (spec one-sector.md §3.4, run 4)", () => {
    const [rate] = run("liberation-day-case-3.yaml").phases[0].appliedRates ?? [];
    expect(rate.importer).toBe("USA");
    expect(Math.abs(rate.rate - 0.2179882)).toBeLessThan(5e-8); // printed to 7 decimals
  });
});

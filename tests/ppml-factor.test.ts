import { describe, expect, it } from "vitest";
import { encodeFactor } from "../src/estimation/factor.js";
import { frameFromColumns } from "../src/estimation/frame.js";

// encodeFactor numbers the combinations of its columns in order of first appearance, whatever the size of
// their Cartesian product (a dense table, a numeric map key, or — beyond 2^53 — a text key). Expected
// codes by hand: rows are a sequence of new combinations with every other row repeating the one before.

function expectedCodes(rows: number): number[] {
  // Row r holds combination ⌊r/2⌋ (rows 2k and 2k+1 repeat it), so its code is ⌊r/2⌋.
  return Array.from({ length: rows }, (_, r) => Math.floor(r / 2));
}

describe("encodeFactor(frame, columns)", () => {
  it("interaction of a text and a number column: first-appearance codes, labels joined by |, missing → −1", () => {
    const frame = frameFromColumns({ country: ["DEU", "FRA", "DEU", "FRA", "NA"], year: [1994, 1994, 1998, 1994, 1994] });
    const factor = encodeFactor(frame, ["country", "year"], "fixedEffects[0]");
    expect(Array.from(factor.codes)).toEqual([0, 1, 2, 1, -1]);
    expect(factor.labels).toEqual(["DEU|1994", "FRA|1994", "DEU|1998"]);
    expect(factor.components).toEqual([["DEU", "FRA", "DEU"], ["1994", "1994", "1998"]]);
    expect(factor.name).toBe("country#year");
  });

  for (const [label, columns, rows] of [
    ["a product past the dense table (10⁴ × 10⁴ levels: a numeric map key)", 2, 20000],
    ["a product past 2^53 (four columns of 10⁴ levels: a text key)", 4, 20000],
  ] as const) {
    it(label, () => {
      const data: Record<string, number[]> = {};
      for (let c = 0; c < columns; c++) data[`c${c}`] = Array.from({ length: rows }, (_, r) => Math.floor(r / 2) * (c + 1));
      const factor = encodeFactor(frameFromColumns(data), Object.keys(data), "fixedEffects[0]");
      expect(factor.levelCount).toBe(rows / 2);
      expect(Array.from(factor.codes)).toEqual(expectedCodes(rows));
      expect(factor.labels[3]).toBe(Array.from({ length: columns }, (_, c) => String(3 * (c + 1))).join("|"));
    });
  }
});

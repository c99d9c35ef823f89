import { describe, expect, it } from "vitest";
import { fixedEffectStructure, type FixedEffectStructure } from "../src/estimation/fixedEffectStructure.js";
import { createProjectionWorkspace, projectFixedEffects, projectFixedEffectsColumns, setProjectionWeights } from "../src/estimation/projectFixedEffects.js";
import { seededRandom } from "./support/seededRandom.js";

/**
 * The weighted fixed-effect projection (projectFixedEffects.ts) against what any projection must satisfy:
 * hand-computable cases (one factor: the weighted level mean; a balanced two-way table with equal weights:
 * v − row mean − column mean + grand mean), the normal equations D'Ω r = 0 on an unbalanced three-factor
 * panel, and independence of the columns: projected together (the interleaved kernels, compaction as
 * columns finish, Irons–Tuck steps per column) each column is bit for bit what projecting it alone gives.
 */

/** exporter × year, importer × year and pair factors of an unbalanced panel (some pairs miss years), rows sorted by pair as in the Advanced Guide files. */
function panel(countries: number, years: number, random: () => number): { structure: FixedEffectStructure; rows: number } {
  const exporterYear: number[] = [];
  const importerYear: number[] = [];
  const pair: number[] = [];
  let pairs = 0;
  for (let i = 0; i < countries; i++)
    for (let j = 0; j < countries; j++) {
      if (i === j) continue;
      let used = false;
      for (let t = 0; t < years; t++) {
        if (random() < 0.15) continue;
        exporterYear.push(i * years + t);
        importerYear.push(j * years + t);
        pair.push(pairs);
        used = true;
      }
      if (used) pairs += 1;
    }
  const codes = [Int32Array.from(exporterYear), Int32Array.from(importerYear), Int32Array.from(pair)];
  return { structure: fixedEffectStructure(codes, [countries * years, countries * years, pairs], pair.length), rows: pair.length };
}

function project(structure: FixedEffectStructure, weights: Float64Array, columns: Float64Array[], tolerance: number): Float64Array[] {
  const workspace = createProjectionWorkspace(structure, columns.length);
  setProjectionWeights(structure, weights, workspace);
  const residuals = columns.map(() => new Float64Array(structure.observationCount));
  const outcomes = projectFixedEffectsColumns(
    structure,
    weights,
    columns,
    columns.map(() => new Float64Array(structure.totalLevels)),
    residuals,
    workspace,
    tolerance,
    10_000,
  );
  for (const outcome of outcomes) expect(outcome.converged).toBe(true);
  return residuals;
}

describe("weighted fixed-effect projection", () => {
  it("one factor: the residual is v minus the level's weighted mean (hand computation)", () => {
    // Levels 0, 1, 0, 1, 1 with weights 1, 2, 3, 1, 1: level 0 mean (1·4 + 3·8)/4 = 7, level 1 mean (2·1 + 1·5 + 1·9)/4 = 4.
    const structure = fixedEffectStructure([Int32Array.from([0, 1, 0, 1, 1])], [2], 5);
    const weights = Float64Array.from([1, 2, 3, 1, 1]);
    const [residual] = project(structure, weights, [Float64Array.from([4, 1, 8, 5, 9])], 1e-14);
    const expected = [4 - 7, 1 - 4, 8 - 7, 5 - 4, 9 - 4];
    expected.forEach((value, n) => expect(residual[n]).toBeCloseTo(value, 12));
  });

  it("balanced two-way table, equal weights: v − row mean − column mean + grand mean (analytic)", () => {
    const table = [
      [3, 7, 1, 9],
      [4, 4, 8, 2],
      [6, 0, 5, 5],
    ];
    const rows = table.length;
    const cols = table[0].length;
    const row: number[] = [];
    const col: number[] = [];
    const values: number[] = [];
    table.forEach((line, i) => line.forEach((value, j) => (row.push(i), col.push(j), values.push(value))));
    const structure = fixedEffectStructure([Int32Array.from(row), Int32Array.from(col)], [rows, cols], values.length);
    const [residual] = project(structure, new Float64Array(values.length).fill(1), [Float64Array.from(values)], 1e-14);
    const grand = values.reduce((a, b) => a + b, 0) / values.length;
    const rowMean = table.map((line) => line.reduce((a, b) => a + b, 0) / cols);
    const colMean = table[0].map((_, j) => table.reduce((sum, line) => sum + line[j], 0) / rows);
    values.forEach((value, n) => expect(residual[n]).toBeCloseTo(value - rowMean[row[n]] - colMean[col[n]] + grand, 10));
  });

  it("unbalanced three-factor panel: the residuals satisfy the normal equations Σ_{n∈ℓ} ω r = 0 for every level of every factor", () => {
    const random = seededRandom(20261130);
    const { structure, rows } = panel(12, 6, random);
    const weights = Float64Array.from({ length: rows }, () => 0.01 + 10 * random() ** 3);
    const columns = Array.from({ length: 5 }, (_, c) => Float64Array.from({ length: rows }, () => (c + 1) * (random() - 0.3) + (c === 0 ? 50 * random() : 0)));
    const residuals = project(structure, weights, columns, 1e-13);
    for (const [c, residual] of residuals.entries()) {
      const scale = Math.sqrt(columns[c].reduce((sum, v, n) => sum + weights[n] * v * v, 0));
      for (let f = 0; f < structure.codes.length; f++) {
        const sums = new Float64Array(structure.levelCounts[f]);
        structure.codes[f].forEach((level, n) => (sums[level] += weights[n] * residual[n]));
        for (const sum of sums) expect(Math.abs(sum)).toBeLessThan(1e-9 * scale);
      }
    }
  });

  it("columns projected together are bit for bit the columns projected one at a time", () => {
    const random = seededRandom(7);
    const { structure, rows } = panel(10, 5, random);
    const weights = Float64Array.from({ length: rows }, () => 0.1 + random());
    // Columns of very different difficulty, so that they finish after different numbers of sweeps and the
    // interleaved buffers are compacted between Irons–Tuck steps.
    const columns = [
      Float64Array.from({ length: rows }, () => random()),
      Float64Array.from({ length: rows }, (_, n) => structure.codes[2][n] % 3),
      Float64Array.from({ length: rows }, () => 1000 * random() ** 4),
      Float64Array.from({ length: rows }, (_, n) => structure.codes[0][n] + 0.5 * structure.codes[1][n]),
    ];
    for (const tolerance of [1e-6, 1e-12]) {
      const together = project(structure, weights, columns, tolerance);
      columns.forEach((column, c) => {
        const workspace = createProjectionWorkspace(structure);
        setProjectionWeights(structure, weights, workspace);
        const alone = new Float64Array(rows);
        projectFixedEffects(structure, weights, column, new Float64Array(structure.totalLevels), alone, workspace, tolerance, 10_000);
        expect(Buffer.from(together[c].buffer).equals(Buffer.from(alone.buffer))).toBe(true);
      });
    }
  });
});

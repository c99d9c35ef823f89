import { describe, expect, it } from "vitest";
import { parseEstimationSpec, type EstimationSpecInput } from "../src/estimation/estimationSpec.js";
import { fitPpml, PpmlNotConvergedError } from "../src/estimation/fitPpml.js";
import { frameFromColumns, type DataFrame } from "../src/estimation/frame.js";
import { fixedEffectStructure } from "../src/estimation/fixedEffectStructure.js";
import { checkScoreEquations } from "../src/estimation/scoreCheck.js";
import { expectClose, fixedEffect, slope } from "./ppml-helpers.js";

/** Cases hand-checkable from spec ppml.md §5 (values derived analytically or verified in the spec). */

/** The estimator's own outer tolerance is 1e‑8 relative deviance; β and μ are then accurate to ~1e‑7 or better. */
const TOL_COEFFICIENT = 1e-7;
/** Spec §5.3 prints μ and s.e. to 6–7 decimals: half a unit in the last digit plus the fit's accuracy. */
const TOL_PRINTED_7 = 1e-6;
/** Adding-up after convergence (spec §5.6: < 1e‑8 relative). */
const TOL_ADDING_UP = 1e-8;

/** An exporter × importer table as a frame (row-major y[i][j]) with optional extra numeric columns. */
function tableFrame(y: number[][], extra: Record<string, number[][]> = {}): DataFrame {
  const exporter: string[] = [];
  const importer: string[] = [];
  const columns: Record<string, number[]> = { y: [] };
  for (const name of Object.keys(extra)) columns[name] = [];
  y.forEach((row, i) =>
    row.forEach((value, j) => {
      exporter.push(`E${i + 1}`);
      importer.push(`I${j + 1}`);
      columns.y.push(value);
      for (const [name, table] of Object.entries(extra)) columns[name].push(table[i][j]);
    }),
  );
  return frameFromColumns({ exporter, importer, ...columns });
}

function spec(input: Partial<EstimationSpecInput>): ReturnType<typeof parseEstimationSpec> {
  return parseEstimationSpec({ outcome: "y", fixedEffects: ["exporter", "importer"], ...input }, "hand case");
}

const Y_2X2 = [
  [10, 2],
  [3, 5],
];
const Y_3X3 = [
  [20, 4, 1],
  [5, 30, 2],
  [1, 3, 10],
];
const X_3X3 = [
  [0, 1, 2],
  [1, 0, 1],
  [2, 1, 0],
];

describe("fitPpml on hand-checkable tables (spec ppml.md §5)", () => {
  it("§5.1 two-way FE only gives the independence table μ_ij = R_i C_j / T and the stated FE", () => {
    const result = fitPpml(tableFrame(Y_2X2), spec({ normalisation: [{ factor: "importer", where: { importer: "I2" } }] }));
    const expected = [7.8, 4.2, 5.2, 2.8]; // R = (12, 8), C = (13, 7), T = 20
    expected.forEach((mu, n) => expectClose(result.value.fit.mean[n], mu, TOL_COEFFICIENT, `μ[${n}]`));
    expectClose(fixedEffect(result, "exporter", "E1"), Math.log(4.2), TOL_COEFFICIENT, "α_ex1 = ln(R1·C2/T)");
    expectClose(fixedEffect(result, "exporter", "E2"), Math.log(2.8), TOL_COEFFICIENT, "α_ex2 = ln(R2·C2/T)");
    expectClose(fixedEffect(result, "importer", "I1"), Math.log(13 / 7), TOL_COEFFICIENT, "α_im1 = ln(C1/C2)");
    expect(fixedEffect(result, "importer", "I2")).toBe(0);
  });

  it("§5.2 saturated 2×2 with a home dummy fits exactly: β = ½ ln(y11 y22 / (y12 y21)), deviance 0", () => {
    const result = fitPpml(tableFrame(Y_2X2, { home: [[1, 0], [0, 1]] }), spec({ regressors: ["home"] }));
    expectClose(slope(result, "home").estimate, 0.5 * Math.log(50 / 6), TOL_COEFFICIENT, "β_home");
    expectClose(result.value.deviance, 0, 1e-9, "deviance of a perfect fit");
  });

  it("§5.3 3×3 with a distance-like regressor reproduces β, deviance, μ, FE and three s.e. conventions", () => {
    const frame = tableFrame(Y_3X3, { x: X_3X3 });
    const normalisation = [{ factor: "importer", where: { importer: "I3" } }];
    const robustStata = fitPpml(frame, spec({ regressors: ["x"], normalisation, vcov: { type: "robust", smallSample: "stata" } }));
    expectClose(slope(robustStata, "x").estimate, -1.648745317, TOL_PRINTED_7, "β");
    expectClose(robustStata.value.deviance, 1.219922065, TOL_PRINTED_7, "deviance");
    const mu = [20.284799, 4.29245, 0.422751, 5.077858, 29.060095, 2.862048, 0.637343, 3.647455, 9.715201];
    mu.forEach((value, n) => expectClose(robustStata.value.fit.mean[n], value, TOL_PRINTED_7, `μ[${n}]`));
    [2.4365196, 2.7002826, 2.2736918].forEach((value, i) => expectClose(fixedEffect(robustStata, "exporter", `E${i + 1}`), value, TOL_PRINTED_7, `α_ex${i + 1}`));
    [0.5733522, 0.6690833].forEach((value, j) => expectClose(fixedEffect(robustStata, "importer", `I${j + 1}`), value, TOL_PRINTED_7, `α_im${j + 1}`));
    expectClose(slope(robustStata, "x").stdError, 0.1044731, TOL_PRINTED_7, "s.e. HC0·N/(N−1) (Stata robust)");
    const hc0 = fitPpml(frame, spec({ regressors: ["x"], vcov: { type: "robust", smallSample: "none" } }));
    expectClose(slope(hc0, "x").stdError, 0.0984982, TOL_PRINTED_7, "s.e. HC0");
    const modelBased = fitPpml(frame, spec({ regressors: ["x"], vcov: { type: "iid" } }));
    expectClose(slope(modelBased, "x").stdError, 0.2537596, TOL_PRINTED_7, "s.e. model-based (OIM)");
  });

  it("§5.4 a zero exporter row is separated by its FE: 3 rows dropped and listed, N = 6, same β as the 2×3 sub-table", () => {
    const zeroRow = [Y_3X3[0], Y_3X3[1], [0, 0, 0]];
    const full = fitPpml(tableFrame(zeroRow, { x: X_3X3 }), spec({ regressors: ["x"] }));
    const sub = fitPpml(tableFrame(Y_3X3.slice(0, 2), { x: X_3X3.slice(0, 2) }), spec({ regressors: ["x"] }));
    expect(full.value.observations.used).toBe(6);
    expect(full.value.observations.dropped.separatedByFixedEffect).toBe(3);
    expect(full.value.observations.droppedList.map((d) => [d.row, d.reason])).toEqual([
      [6, "separated-by-fixed-effect"],
      [7, "separated-by-fixed-effect"],
      [8, "separated-by-fixed-effect"],
    ]);
    expectClose(slope(full, "x").estimate, slope(sub, "x").estimate, TOL_COEFFICIENT, "β with separated rows vs β on the sub-table");
  });

  it("a singleton level is dropped and does not change β (spec §2.1 item 2)", () => {
    const frame = frameFromColumns({
      exporter: ["E1", "E1", "E1", "E2", "E2", "E2", "E3", "E3", "E3", "E4"],
      importer: ["I1", "I2", "I3", "I1", "I2", "I3", "I1", "I2", "I3", "I1"],
      y: [...Y_3X3.flat(), 7],
      x: [...X_3X3.flat(), 3],
    });
    const result = fitPpml(frame, spec({ regressors: ["x"] }));
    expect(result.value.observations.dropped.singleton).toBe(1);
    expect(result.value.observations.droppedList[0].row).toBe(9);
    expectClose(slope(result, "x").estimate, -1.648745317, TOL_PRINTED_7, "β of §5.3 after dropping the singleton");
  });

  it("collinear regressors are reported and dropped; the remaining β is that of §5.3", () => {
    const frame = tableFrame(Y_3X3, { x: X_3X3, twiceX: X_3X3.map((row) => row.map((v) => 2 * v)), firstExporter: [[1, 1, 1], [0, 0, 0], [0, 0, 0]] });
    const result = fitPpml(frame, spec({ regressors: ["x", "firstExporter", "twiceX"] }));
    expect(result.value.droppedRegressors).toEqual([
      { name: "firstExporter", reason: "collinear-with-fixed-effects" },
      { name: "twiceX", reason: "collinear-with-regressors" },
    ]);
    expectClose(slope(result, "x").estimate, -1.648745317, TOL_PRINTED_7, "β_x");
  });

  it("adding-up: fitted row and column sums and Σxμ equal the observed ones on a full 6×5 table (spec §5.6)", () => {
    let seed = 12345; // deterministic linear congruential generator
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const y = Array.from({ length: 6 }, () => Array.from({ length: 5 }, () => Math.floor(random() * 100)));
    const distance = Array.from({ length: 6 }, () => Array.from({ length: 5 }, () => 1 + random() * 3));
    const border = Array.from({ length: 6 }, (_, i) => Array.from({ length: 5 }, (_, j) => (i === j ? 0 : 1)));
    const result = fitPpml(tableFrame(y, { distance, border }), spec({ regressors: ["distance", "border"] }));
    const mu = result.value.fit.mean;
    for (let i = 0; i < 6; i++) {
      const fitted = mu.slice(i * 5, i * 5 + 5).reduce((a, b) => a + b, 0);
      const observed = y[i].reduce((a, b) => a + b, 0);
      expectClose(fitted / observed, 1, TOL_ADDING_UP, `row ${i} sum`);
    }
    for (let j = 0; j < 5; j++) {
      let fitted = 0;
      let observed = 0;
      for (let i = 0; i < 6; i++) {
        fitted += mu[i * 5 + j];
        observed += y[i][j];
      }
      expectClose(fitted / observed, 1, TOL_ADDING_UP, `column ${j} sum`);
    }
    for (const [name, x] of [["distance", distance], ["border", border]] as const) {
      let fitted = 0;
      let observed = 0;
      y.flat().forEach((value, n) => {
        fitted += x.flat()[n] * mu[n];
        observed += x.flat()[n] * value;
      });
      expectClose(fitted / observed, 1, TOL_ADDING_UP, `Σ ${name}·μ / Σ ${name}·y`);
    }
  });
});

describe("the score check (spec ppml.md §2.3 item 10)", () => {
  const structure = fixedEffectStructure([new Int32Array([0, 0, 0, 1, 1, 1, 2, 2, 2]), new Int32Array([0, 1, 2, 0, 1, 2, 0, 1, 2])], [3, 3], 9);
  const y = Float64Array.from(Y_3X3.flat());
  const x = Float64Array.from(X_3X3.flat());

  it("checkScoreEquations accepts the published §5.3 μ and rejects it with one row's μ raised by 1 %", () => {
    const published = Float64Array.from([20.284799, 4.29245, 0.422751, 5.077858, 29.060095, 2.862048, 0.637343, 3.647455, 9.715201]);
    expect(checkScoreEquations(y, published, null, [x], structure, 1e-6).passed).toBe(true);
    const perturbed = Float64Array.from(published, (mu, n) => (n < 3 ? mu * 1.01 : mu));
    const check = checkScoreEquations(y, perturbed, null, [x], structure, 1e-6);
    expect(check.passed).toBe(false);
    expectClose(check.maxLevelScore, 0.01, 1e-6, "exporter-1 relative score = 1 %");
  });

  it("fitPpml stopped after 2 IRLS iterations is an error carrying the failed score check, not a result", () => {
    const truncated = spec({ regressors: ["x"], options: { maxIterations: 2 } });
    let caught: unknown;
    try {
      fitPpml(tableFrame(Y_3X3, { x: X_3X3 }), truncated);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PpmlNotConvergedError);
    const result = (caught as PpmlNotConvergedError).result;
    expect(result.converged).toBe(false);
    expect(result.value.scoreCheck.passed).toBe(false);
    const returned = fitPpml(tableFrame(Y_3X3, { x: X_3X3 }), truncated, { onNotConverged: "return" });
    expect(returned.converged).toBe(false);
  });
});

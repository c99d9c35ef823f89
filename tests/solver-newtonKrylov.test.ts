import { describe, expect, it } from "vitest";
import { solveDenseInPlace } from "../src/solver/denseLu.js";
import { gmres, newGmresWorkspace } from "../src/solver/gmres.js";
import { solveNewtonKrylov, type Linearisation } from "../src/solver/newtonKrylov.js";
import { expectClose } from "./support/expectClose.js";
import { seededRandom } from "./support/seededRandom.js";

// GMRES against a known solution and against dense LU; Newton–Krylov on root-finding problems of
// Moré, Garbow & Hillstrom (1981), "Testing unconstrained optimization software", ACM TOMS 7(1):17–41
// (problem numbers as in that paper), whose roots are known in closed form.

/** GMRES stopping tolerance on ‖b − Ax‖/‖b‖, and what it implies for x on these well-conditioned systems (cond ≲ 10). */
const TOL_LINEAR = 1e-13;
const TOL_SOLUTION = 1e-11;
/** Newton–Krylov stopping tolerance on max|F| and the accuracy of the well-conditioned roots it implies. */
const TOL_RESIDUAL = 1e-12;
const TOL_ROOT = 1e-9;


/** A row-major n×n matrix with random entries in [−1, 1] and diagonal n: strictly diagonally dominant, so well conditioned. */
function dominantMatrix(n: number, random: () => number): Float64Array {
  const a = Float64Array.from({ length: n * n }, () => 2 * random() - 1);
  for (let i = 0; i < n; i++) a[i * n + i] = n * (1 + random());
  return a;
}

const multiplyBy = (a: Float64Array, n: number) => (v: Float64Array, out: Float64Array) => {
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < n; k++) s += a[i * n + k] * v[k];
    out[i] = s;
  }
};

describe("gmres(A, b)", () => {
  const n = 60;
  const random = seededRandom(7); // the random systems are the same on every run
  const a = dominantMatrix(n, random);
  const solution = Float64Array.from({ length: n }, () => 2 * random() - 1);
  const b = new Float64Array(n);
  multiplyBy(a, n)(solution, b);

  it("recovers the x* that b = A·x* was built from, and agrees with dense LU", () => {
    const x = new Float64Array(n);
    const result = gmres(multiplyBy(a, n), undefined, b, x, { relativeTolerance: TOL_LINEAR, maxIterations: 200 }, newGmresWorkspace(n, 40));
    expect(result.converged).toBe(true);
    expect(result.relativeResidual).toBeLessThanOrEqual(TOL_LINEAR);
    const lu = Float64Array.from(b);
    expect(solveDenseInPlace(Float64Array.from(a), lu, n)).toBe(true);
    for (let i = 0; i < n; i++) {
      expectClose(x[i], solution[i], TOL_SOLUTION, `x[${i}] vs x*`);
      expectClose(x[i], lu[i], TOL_SOLUTION, `x[${i}] vs LU`);
    }
  });

  it("restarted every 3 vectors, preconditioned by the diagonal, from a non-zero guess: the same x*", () => {
    const x = new Float64Array(n).fill(5);
    const jacobi = (v: Float64Array, out: Float64Array) => {
      for (let i = 0; i < n; i++) out[i] = v[i] / a[i * n + i];
    };
    const result = gmres(multiplyBy(a, n), jacobi, b, x, { relativeTolerance: TOL_LINEAR, maxIterations: 500 }, newGmresWorkspace(n, 3));
    expect(result.converged).toBe(true);
    for (let i = 0; i < n; i++) expectClose(x[i], solution[i], TOL_SOLUTION, `x[${i}]`);
  });

  it("reports not converged when the product budget is too small, with a finite iterate", () => {
    const x = new Float64Array(n);
    const result = gmres(multiplyBy(a, n), undefined, b, x, { relativeTolerance: 1e-15, maxIterations: 2 }, newGmresWorkspace(n, 40));
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(2);
    expect(result.relativeResidual).toBeLessThan(1);
    for (let i = 0; i < n; i++) expect(Number.isFinite(x[i])).toBe(true);
  });

  it("returns x = 0 for b = 0", () => {
    const x = new Float64Array(n).fill(3);
    const result = gmres(multiplyBy(a, n), undefined, new Float64Array(n), x, { relativeTolerance: TOL_LINEAR, maxIterations: 10 }, newGmresWorkspace(n, 5));
    expect(result.converged).toBe(true);
    expect([...x].every((v) => v === 0)).toBe(true);
  });
});

/** A Linearisation from a dense row-major Jacobian function (small test problems). */
function denseLinearisation(n: number, jacobian: (x: Float64Array, out: Float64Array) => void): (x: Float64Array) => Linearisation {
  const matrix = new Float64Array(n * n);
  return (x) => {
    jacobian(x, matrix);
    return { multiply: multiplyBy(matrix, n) };
  };
}

describe("solveNewtonKrylov (inexact Newton, GMRES steps, line search)", () => {
  it("finds the Rosenbrock root (1, 1) from (−1.2, 1) (MGH problem 1)", () => {
    const result = solveNewtonKrylov(
      (x, out) => {
        out[0] = 10 * (x[1] - x[0] * x[0]);
        out[1] = 1 - x[0];
      },
      denseLinearisation(2, (x, J) => J.set([-20 * x[0], 10, -1, 0])),
      Float64Array.of(-1.2, 1),
      { tolerance: TOL_RESIDUAL },
    );
    expect(result.converged).toBe(true);
    expect(result.method).toBe("newton-krylov");
    expectClose(result.value[0], 1, TOL_ROOT, "x1");
    expectClose(result.value[1], 1, TOL_ROOT, "x2");
  });

  it("solves Powell's badly scaled function from (0, 1) (MGH problem 3: x1·x2 = 1e−4 at the root), given the steps a line search needs", () => {
    // A line search on ‖F‖ creeps along this problem's curved valley (about 80 Newton steps; a trust
    // region such as Levenberg–Marquardt needs far fewer), hence the larger budget.
    const result = solveNewtonKrylov(
      (x, out) => {
        out[0] = 1e4 * x[0] * x[1] - 1;
        out[1] = Math.exp(-x[0]) + Math.exp(-x[1]) - 1.0001;
      },
      denseLinearisation(2, (x, J) => J.set([1e4 * x[1], 1e4 * x[0], -Math.exp(-x[0]), -Math.exp(-x[1])])),
      Float64Array.of(0, 1),
      { tolerance: TOL_RESIDUAL, maxIterations: 300 },
    );
    expect(result.converged).toBe(true);
    expectClose(result.value[0] / 1.098e-5, 1, 1e-3, "x1 / 1.098e-5 (printed to 4 digits)");
    expectClose(result.value[0] * result.value[1], 1e-4, 1e-15, "x1·x2");
  });

  it("solves the 600-unknown Broyden tridiagonal function (MGH problem 30) matrix-free: F = 0 at the returned x", () => {
    const n = 600;
    const residual = (x: Float64Array, out: Float64Array) => {
      for (let i = 0; i < n; i++) out[i] = (3 - 2 * x[i]) * x[i] - (i > 0 ? x[i - 1] : 0) - 2 * (i < n - 1 ? x[i + 1] : 0) + 1;
    };
    // J·v of the tridiagonal Jacobian without forming it.
    const linearise = (x: Float64Array): Linearisation => ({
      multiply: (v, out) => {
        for (let i = 0; i < n; i++) out[i] = (3 - 4 * x[i]) * v[i] - (i > 0 ? v[i - 1] : 0) - 2 * (i < n - 1 ? v[i + 1] : 0);
      },
      precondition: (v, out) => {
        for (let i = 0; i < n; i++) out[i] = v[i] / (3 - 4 * x[i]);
      },
    });
    const result = solveNewtonKrylov(residual, linearise, new Float64Array(n).fill(-1), { tolerance: TOL_RESIDUAL });
    expect(result.converged).toBe(true);
    expect(result.linearIterations).toBeGreaterThan(0);
    const check = new Float64Array(n);
    residual(result.value, check);
    for (let i = 0; i < n; i++) expect(Math.abs(check[i])).toBeLessThanOrEqual(TOL_RESIDUAL);
  });

  it("reports non-convergence with finite values when no root exists (F(x) = x² + 1)", () => {
    const result = solveNewtonKrylov((x, out) => void (out[0] = x[0] * x[0] + 1), denseLinearisation(1, (x, J) => void (J[0] = 2 * x[0])), Float64Array.of(3), { maxIterations: 60 });
    expect(result.converged).toBe(false);
    expect(Number.isFinite(result.value[0])).toBe(true);
    expect(Number.isFinite(result.residual)).toBe(true);
    expect(result.warnings.length).toBeGreaterThan(0);
  });
});

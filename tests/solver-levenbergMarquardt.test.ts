import { describe, expect, it } from "vitest";
import { solveNonlinear } from "../src/solver/levenbergMarquardt.js";
import { expectClose } from "./support/expectClose.js";

// Root-finding problems from Moré, Garbow & Hillstrom (1981), "Testing unconstrained optimization
// software", ACM TOMS 7(1):17–41 — problem numbers as in that paper; solutions known in closed form
// or printed there.

/** The solver's stopping tolerance on max|F|, and the accuracy of x that it implies for these well-conditioned roots. */
const TOL_RESIDUAL = 1e-12;
const TOL_ROOT = 1e-9;

describe("solveNonlinear (Levenberg–Marquardt)", () => {
  it("finds the Rosenbrock root (1, 1) from (−1.2, 1) (MGH problem 1)", () => {
    const result = solveNonlinear(
      (x, out) => {
        out[0] = 10 * (x[1] - x[0] * x[0]);
        out[1] = 1 - x[0];
      },
      Float64Array.of(-1.2, 1),
      { tolerance: TOL_RESIDUAL },
    );
    expect(result.converged).toBe(true);
    expect(result.method).toBe("levenberg-marquardt");
    expectClose(result.value[0], 1, TOL_ROOT, "x1");
    expectClose(result.value[1], 1, TOL_ROOT, "x2");
    expect(result.residual).toBeLessThanOrEqual(TOL_RESIDUAL);
  });

  it("solves Powell's badly scaled function from (0, 1) (MGH problem 3: root 1.098…e−5, 9.106…)", () => {
    const result = solveNonlinear(
      (x, out) => {
        out[0] = 1e4 * x[0] * x[1] - 1;
        out[1] = Math.exp(-x[0]) + Math.exp(-x[1]) - 1.0001;
      },
      Float64Array.of(0, 1),
      { tolerance: TOL_RESIDUAL },
    );
    expect(result.converged).toBe(true);
    // MGH print the root as (1.098…e−5, 9.106…); it satisfies x1·x2 = 1e−4 exactly.
    const TOL_ROOT_DIGITS = 1e-3; // the published root is given to 4 significant digits
    expectClose(result.value[0] / 1.098e-5, 1, TOL_ROOT_DIGITS, "x1 / 1.098e-5");
    expectClose(result.value[1] / 9.106, 1, TOL_ROOT_DIGITS, "x2 / 9.106");
    expectClose(result.value[0] * result.value[1], 1e-4, 1e-15, "x1·x2 (first equation)");
  });

  it("solves a linear system A x = b whose solution (1, −2, 3) is known by construction", () => {
    // A = [[4,1,0],[1,3,1],[0,1,2]], x* = (1, −2, 3) ⇒ b = (2, −2, 4) by hand.
    const result = solveNonlinear(
      (x, out) => {
        out[0] = 4 * x[0] + x[1] - 2;
        out[1] = x[0] + 3 * x[1] + x[2] + 2;
        out[2] = x[1] + 2 * x[2] - 4;
      },
      new Float64Array(3),
      { tolerance: TOL_RESIDUAL },
    );
    expect(result.converged).toBe(true);
    [1, -2, 3].forEach((v, k) => expectClose(result.value[k], v, TOL_ROOT, `x${k + 1}`));
  });

  it("uses an analytic Jacobian on the 600-unknown Broyden tridiagonal function (MGH problem 30) and reaches F = 0", () => {
    const n = 600;
    const residual = (x: Float64Array, out: Float64Array) => {
      for (let i = 0; i < n; i++) {
        const left = i > 0 ? x[i - 1] : 0;
        const right = i < n - 1 ? x[i + 1] : 0;
        out[i] = (3 - 2 * x[i]) * x[i] - left - 2 * right + 1;
      }
    };
    const jacobian = (x: Float64Array, out: Float64Array) => {
      out.fill(0);
      for (let k = 0; k < n; k++) {
        out[k * n + k] = 3 - 4 * x[k];
        if (k + 1 < n) out[k * n + k + 1] = -1; // ∂F_{k+1}/∂x_k
        if (k > 0) out[k * n + k - 1] = -2; // ∂F_{k−1}/∂x_k
      }
    };
    const result = solveNonlinear(residual, new Float64Array(n).fill(-1), { tolerance: TOL_RESIDUAL, jacobian });
    expect(result.converged).toBe(true);
    const check = new Float64Array(n);
    residual(result.value, check);
    for (let i = 0; i < n; i++) expect(Math.abs(check[i])).toBeLessThanOrEqual(TOL_RESIDUAL);
  });

  it("with reuseJacobian (chord steps) reaches the same Rosenbrock and Powell roots", () => {
    const rosenbrock = solveNonlinear(
      (x, out) => {
        out[0] = 10 * (x[1] - x[0] * x[0]);
        out[1] = 1 - x[0];
      },
      Float64Array.of(-1.2, 1),
      { tolerance: TOL_RESIDUAL, reuseJacobian: true },
    );
    expect(rosenbrock.converged).toBe(true);
    expectClose(rosenbrock.value[0], 1, TOL_ROOT, "Rosenbrock x1");
    expectClose(rosenbrock.value[1], 1, TOL_ROOT, "Rosenbrock x2");
    const powell = solveNonlinear(
      (x, out) => {
        out[0] = 1e4 * x[0] * x[1] - 1;
        out[1] = Math.exp(-x[0]) + Math.exp(-x[1]) - 1.0001;
      },
      Float64Array.of(0, 1),
      { tolerance: TOL_RESIDUAL, reuseJacobian: true },
    );
    expect(powell.converged).toBe(true);
    expectClose(powell.value[0] * powell.value[1], 1e-4, 1e-15, "Powell x1·x2");
  });

  it("reports non-convergence with finite values when no root exists (F(x) = x² + 1)", () => {
    const result = solveNonlinear((x, out) => void (out[0] = x[0] * x[0] + 1), Float64Array.of(3), { maxIterations: 60 });
    expect(result.converged).toBe(false);
    expect(Number.isFinite(result.value[0])).toBe(true);
    expect(Number.isFinite(result.residual)).toBe(true);
    expect(result.warnings.length).toBeGreaterThan(0);
  });
});

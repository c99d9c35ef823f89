import { describe, expect, it } from "vitest";
import { minimizeInBox } from "../src/solver/projectedQuasiNewton.js";
import { expectClose } from "./support/expectClose.js";

// Textbook problems with known optima for the bound-constrained quasi-Newton minimiser.

/** Optima are met to the projected-gradient tolerance 1e-9; x is then within ~1e-6 where curvature is weak (Rosenbrock). */
const TOL_X = 1e-5;

const full = (n: number, v: number) => new Float64Array(n).fill(v);

describe("minimizeInBox on textbook problems", () => {
  it("Rosenbrock (1960), f = 100(y − x²)² + (1 − x)² from (−1.2, 1), loose bounds: optimum (1, 1), f = 0", () => {
    const r = minimizeInBox(
      (v, g) => {
        const [x, y] = v;
        g[0] = -400 * x * (y - x * x) - 2 * (1 - x);
        g[1] = 200 * (y - x * x);
        return 100 * (y - x * x) ** 2 + (1 - x) ** 2;
      },
      Float64Array.from([-1.2, 1]), full(2, -5), full(2, 5), { tolerance: 1e-9 },
    );
    expect(r.converged).toBe(true);
    expectClose(r.value.x[0], 1, TOL_X, "x");
    expectClose(r.value.x[1], 1, TOL_X, "y");
  });
  it("a quadratic whose minimum is outside the box: (x − 2)² + (y + 1)² + (z − 0.5)² on [0,1]³ has its optimum at (1, 0, 0.5)", () => {
    const c = [2, -1, 0.5];
    const r = minimizeInBox(
      (v, g) => {
        let f = 0;
        for (let i = 0; i < 3; i++) {
          g[i] = 2 * (v[i] - c[i]);
          f += (v[i] - c[i]) ** 2;
        }
        return f;
      },
      full(3, 0.3), full(3, 0), full(3, 1), { tolerance: 1e-10 },
    );
    expect(r.converged).toBe(true);
    [1, 0, 0.5].forEach((v, i) => expectClose(r.value.x[i], v, 1e-9, `x[${i}]`));
    expectClose(r.value.f, 1 + 1, 1e-12, "f");
  });
  it("Hock & Schittkowski (1981) problem 38 (Colville 4), bounds −10 ≤ x ≤ 10 from (−3, −1, −3, −1): optimum (1, 1, 1, 1), f = 0", () => {
    const r = minimizeInBox(
      (v, g) => {
        const [a, b, c, d] = v;
        g[0] = -400 * a * (b - a * a) - 2 * (1 - a);
        g[1] = 200 * (b - a * a) + 20.2 * (b - 1) + 19.8 * (d - 1);
        g[2] = -360 * c * (d - c * c) - 2 * (1 - c);
        g[3] = 180 * (d - c * c) + 20.2 * (d - 1) + 19.8 * (b - 1);
        return 100 * (b - a * a) ** 2 + (1 - a) ** 2 + 90 * (d - c * c) ** 2 + (1 - c) ** 2 + 10.1 * ((b - 1) ** 2 + (d - 1) ** 2) + 19.8 * (b - 1) * (d - 1);
      },
      Float64Array.from([-3, -1, -3, -1]), full(4, -10), full(4, 10), { tolerance: 1e-9, maxIterations: 2000 },
    );
    expect(r.converged).toBe(true);
    r.value.x.forEach((v, i) => expectClose(v, 1, TOL_X, `x[${i}]`));
  });
  it("reports non-convergence when the budget is too small, with the best point inside the box", () => {
    const r = minimizeInBox((v, g) => { g[0] = 4 * v[0] ** 3; return v[0] ** 4; }, Float64Array.from([3]), full(1, -10), full(1, 10), { tolerance: 1e-14, maxIterations: 2 });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(2);
    expect(Math.abs(r.value.x[0])).toBeLessThan(3);
  });
});

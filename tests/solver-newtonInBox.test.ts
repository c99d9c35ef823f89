import { describe, expect, it } from "vitest";
import { newtonInBox } from "../src/solver/newtonInBox.js";
import { minimizeInBox } from "../src/solver/projectedQuasiNewton.js";
import { expectClose } from "./support/expectClose.js";

// Newton's method in a box from the gradient alone, on problems whose optimum is known in closed form.

const full = (n: number, v: number) => new Float64Array(n).fill(v);

/** The step tolerance asked for; a converged x is within it (quadratic convergence: the last step bounds the error). */
const TOL_STEP = 1e-10;
/** Central differences of an exact gradient with step 1e-5 leave the Hessian of a quadratic exact up to rounding. */
const TOL_X = 1e-9;

/** f = ½ Σ_i λ_i (x_i − c_i)², a quadratic with curvatures from 1 down to 1e-10: flat like the Ossa welfare near its optimum. */
function illConditioned(n: number) {
  const curvature = Float64Array.from({ length: n }, (_, i) => Math.pow(10, (-10 * i) / (n - 1)));
  const centre = Float64Array.from({ length: n }, (_, i) => 0.5 + 0.01 * i);
  const f = (x: Float64Array, g: Float64Array) => {
    let value = 0;
    for (let i = 0; i < n; i++) {
      g[i] = curvature[i] * (x[i] - centre[i]);
      value += 0.5 * curvature[i] * (x[i] - centre[i]) ** 2;
    }
    return value;
  };
  return { f, centre };
}

describe("newtonInBox(gradient, x0, lower, upper)", () => {
  it("converges in x on an ill-conditioned quadratic (curvatures 1 … 1e-10) where a gradient test alone stops 0.1 away", () => {
    const n = 6;
    const { f, centre } = illConditioned(n);
    const start = full(n, 0.4);
    // A projected-gradient tolerance of 1e-11 is met at |x − c| = 1e-11/1e-10 = 0.1 along the flattest direction,
    // and f changes there by ½·1e-10·0.1² = 5e-13 — near the rounding of f.
    const quasiNewton = minimizeInBox(f, start, full(n, 0), full(n, 1), { tolerance: 1e-11 });
    const newton = newtonInBox(f, start, full(n, 0), full(n, 1), { stepTolerance: TOL_STEP });
    expect(newton.converged).toBe(true);
    expect(newton.value.stop).toBe("converged");
    centre.forEach((c, i) => expectClose(newton.value.x[i], c, TOL_X, `x[${i}]`));
    expect(newton.residual).toBeLessThanOrEqual(TOL_STEP);
    // The contrast that motivates it: a search on f and its gradient stops (met tolerance or stalled f) with the
    // flattest coordinate far from its optimum.
    expect(Math.abs(quasiNewton.value.x[n - 1] - centre[n - 1])).toBeGreaterThan(1e-3);
  });
  it("Rosenbrock (1960) from (−1.2, 1): optimum (1, 1)", () => {
    const r = newtonInBox(
      (v, g) => {
        const [x, y] = v;
        g[0] = -400 * x * (y - x * x) - 2 * (1 - x);
        g[1] = 200 * (y - x * x);
        return 100 * (y - x * x) ** 2 + (1 - x) ** 2;
      },
      Float64Array.from([-1.2, 1]), full(2, -5), full(2, 5), { stepTolerance: TOL_STEP, maxIterations: 100 },
    );
    expect(r.converged).toBe(true);
    expectClose(r.value.x[0], 1, 1e-8, "x");
    expectClose(r.value.x[1], 1, 1e-8, "y");
  });
  it("a minimum outside the box: (x − 2)² + (y + 1)² + (z − 0.5)² on [0,1]³ has its optimum at (1, 0, 0.5), the bound variables held", () => {
    const c = [2, -1, 0.5];
    const r = newtonInBox(
      (v, g) => {
        let value = 0;
        for (let i = 0; i < 3; i++) {
          g[i] = 2 * (v[i] - c[i]);
          value += (v[i] - c[i]) ** 2;
        }
        return value;
      },
      full(3, 0.3), full(3, 0), full(3, 1), { stepTolerance: TOL_STEP },
    );
    expect(r.converged).toBe(true);
    [1, 0, 0.5].forEach((v, i) => expectClose(r.value.x[i], v, TOL_X, `x[${i}]`));
  });
  it("stops as 'indefinite', not converged, near a saddle: f = x² − y² from (0.1, 0.1)", () => {
    const r = newtonInBox(
      (v, g) => {
        g[0] = 2 * v[0];
        g[1] = -2 * v[1];
        return v[0] ** 2 - v[1] ** 2;
      },
      Float64Array.from([0.1, 0.1]), full(2, -1), full(2, 1), { stepTolerance: TOL_STEP },
    );
    expect(r.converged).toBe(false);
    expect(r.value.stop).toBe("indefinite");
  });
  it("reports a failed evaluation at the start point as not converged", () => {
    const r = newtonInBox(() => Number.NaN, full(2, 0.5), full(2, 0), full(2, 1), { stepTolerance: TOL_STEP });
    expect(r.converged).toBe(false);
    expect(r.value.stop).toBe("no-progress");
  });
});

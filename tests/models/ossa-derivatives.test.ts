import { describe, expect, it } from "vitest";
import { loadDataset } from "../../src/data/load.js";
import { ossaBaseline } from "../../src/models/ossa/baseline.js";
import { newOssaDerivativeWorkspace, ossaJacobian, ossaTariffGradient, ossaWelfareDerivative } from "../../src/models/ossa/derivatives.js";
import { evaluateOssa, newOssaWorkspace, ossaResidual, ossaWelfare, setOssaPolicy } from "../../src/models/ossa/equilibrium.js";
import { instrumentIndices } from "../../src/models/ossa/optimalTariffs.js";

// The analytic derivatives of Ossa's (2014) equilibrium system and welfare (src/models/ossa/derivatives.ts)
// equal central differences of the residual and of Ŵ_j, on gtap-2007 (Ossa's data) at perturbed tariffs
// and a point away from the solution.

/** Central differences with a relative step of 1e-6 are accurate to ~1e-9 of the largest entry. */
const STEP = 1e-6;
const TOL_RELATIVE_TO_MAX = 1e-6;

describe("Ossa derivatives (analytic) = central differences, gtap-2007", () => {
  const economy = ossaBaseline(loadDataset("gtap-2007"));
  const { N, S } = economy;
  const n = 2 * N;
  const j = N - 1; // USA
  const instruments = instrumentIndices(N, S, j);
  const tariffs = Float64Array.from(economy.tariffs);
  instruments.forEach((k, v) => (tariffs[k] = 0.2 + 0.1 * Math.sin(v)));
  const x = Float64Array.from({ length: n }, (_, k) => 1 + 0.05 * Math.cos(1.3 * k + 0.2));
  const zero = new Float64Array(N);
  const work = newOssaWorkspace(economy);

  it("ossaJacobian: ∂F/∂x", () => {
    setOssaPolicy(economy, tariffs, work);
    const xs = Float64Array.from(x);
    xs[3] = -xs[3];
    const analytic = new Float64Array(n * n);
    ossaJacobian(economy, tariffs, xs, work, newOssaDerivativeWorkspace(N, S), analytic);
    const plus = new Float64Array(n);
    const minus = new Float64Array(n);
    let largest = 0;
    let worst = 0;
    let where = "";
    for (let c = 0; c < n; c++) {
      const h = STEP * Math.max(1, Math.abs(xs[c]));
      const saved = xs[c];
      xs[c] = saved + h;
      ossaResidual(economy, tariffs, zero, xs, work, plus);
      xs[c] = saved - h;
      ossaResidual(economy, tariffs, zero, xs, work, minus);
      xs[c] = saved;
      for (let r = 0; r < n; r++) {
        const numeric = (plus[r] - minus[r]) / (2 * h);
        largest = Math.max(largest, Math.abs(numeric));
        const gap = Math.abs(numeric - analytic[c * n + r]);
        if (gap > worst) [worst, where] = [gap, `∂F_${r}/∂x_${c}: analytic ${analytic[c * n + r]}, numeric ${numeric}`];
      }
    }
    expect(worst / largest, where).toBeLessThan(TOL_RELATIVE_TO_MAX);
  });

  it("ossaWelfareDerivative (∂Ŵ/∂x) and ossaTariffGradient (∂Ŵ/∂t − λᵀ∂F/∂t for an arbitrary λ)", () => {
    setOssaPolicy(economy, tariffs, work);
    evaluateOssa(economy, tariffs, x, work);
    const welfare = ossaWelfare(economy, x, work, j);
    const dW = new Float64Array(n);
    ossaWelfareDerivative(economy, x, work, j, welfare, dW);
    const lambda = Float64Array.from({ length: n }, (_, k) => 0.3 * Math.sin(0.7 * k + 1));
    const gradient = new Float64Array(instruments.length);
    ossaTariffGradient(economy, tariffs, x, work, j, welfare, lambda, instruments, gradient);

    const welfareAt = (xs: Float64Array, t: Float64Array) => {
      setOssaPolicy(economy, t, work);
      evaluateOssa(economy, t, xs, work);
      return ossaWelfare(economy, xs, work, j);
    };
    let largest = 0;
    let worst = 0;
    let where = "";
    const xs = Float64Array.from(x);
    for (let c = 0; c < n; c++) {
      const h = STEP * Math.max(1, Math.abs(x[c]));
      xs[c] = x[c] + h;
      const plus = welfareAt(xs, tariffs);
      xs[c] = x[c] - h;
      const minus = welfareAt(xs, tariffs);
      xs[c] = x[c];
      const numeric = (plus - minus) / (2 * h);
      largest = Math.max(largest, Math.abs(numeric));
      if (Math.abs(numeric - dW[c]) > worst) [worst, where] = [Math.abs(numeric - dW[c]), `∂Ŵ/∂x_${c}: analytic ${dW[c]}, numeric ${numeric}`];
    }
    expect(worst / largest, where).toBeLessThan(TOL_RELATIVE_TO_MAX);

    largest = 0;
    worst = 0;
    const rPlus = new Float64Array(n);
    const rMinus = new Float64Array(n);
    const t = Float64Array.from(tariffs);
    instruments.forEach((k, v) => {
      const h = STEP * Math.max(1, Math.abs(t[k]));
      t[k] = tariffs[k] + h;
      const wPlus = welfareAt(x, t);
      ossaResidual(economy, t, zero, x, work, rPlus);
      t[k] = tariffs[k] - h;
      const wMinus = welfareAt(x, t);
      ossaResidual(economy, t, zero, x, work, rMinus);
      t[k] = tariffs[k];
      let adjoint = 0;
      for (let r = 0; r < n; r++) adjoint += lambda[r] * (rPlus[r] - rMinus[r]);
      const numeric = (wPlus - wMinus - adjoint) / (2 * h);
      largest = Math.max(largest, Math.abs(numeric));
      if (Math.abs(numeric - gradient[v]) > worst) [worst, where] = [Math.abs(numeric - gradient[v]), `instrument ${v}: analytic ${gradient[v]}, numeric ${numeric}`];
    });
    expect(worst / largest, where).toBeLessThan(TOL_RELATIVE_TO_MAX);
  });
});

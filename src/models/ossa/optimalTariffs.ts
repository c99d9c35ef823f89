import { solveDenseInPlace } from "../../solver/denseLu.js";
import { minimizeInBox } from "../../solver/projectedQuasiNewton.js";
import type { SolverResult } from "../../solver/result.js";
import type { OssaEconomy } from "./economy.js";
import { evaluateOssa, newOssaWorkspace, ossaResidual, ossaWelfare, solveOssa, type OssaWorkspace } from "./equilibrium.js";

/**
 * Optimal tariffs of Ossa (2014) (spec caliendo-parro-and-ossa.md §2.3, `Tables/myoptimaltariffj.m`):
 * country j chooses its (N−1)·S import tariffs t′_ijs (i ≠ j) to maximise Ŵ_j = Ê_j/P̂_j (λ = 1, so
 * Ĝ = Ŵ), everyone else's tariffs fixed, NX′ = 0, bounds [0, 10].
 *
 * Ossa solves one fmincon problem over tariffs and equilibrium variables together. Here the
 * equilibrium is nested (solved for each trial tariff vector) and the gradient comes from the
 * implicit-function theorem by an adjoint: with F(x, t) = 0 the §2.2 system,
 *
 *   dŴ/dt = ∂Ŵ/∂t − λᵀ ∂F/∂t,   (∂F/∂x)ᵀ λ = (∂Ŵ/∂x)ᵀ
 *
 * — one 2N×2N linear solve per gradient instead of one equilibrium per tariff. The partial
 * derivatives are central differences of the (cheap) residual and welfare at fixed x.
 */

/** Instrument order of Ossa's tariff vector: partner fastest, then industry; j's own slot skipped. */
export function instrumentIndices(N: number, S: number, j: number): Int32Array {
  const out = new Int32Array((N - 1) * S);
  let v = 0;
  for (let s = 0; s < S; s++) for (let i = 0; i < N; i++) if (i !== j) out[v++] = (s * N + i) * N + j;
  return out;
}

export interface OptimalTariffOptions {
  lower?: number;
  upper?: number;
  /** Projected-gradient tolerance of the optimiser, in welfare units per unit of tariff. */
  tolerance?: number;
  maxIterations?: number;
}

export interface OptimalTariffResult {
  /** The full tariff array with j's optimal tariffs in place. */
  tariffs: Float64Array;
  /** j's optimal tariffs in instrument order. */
  instruments: Float64Array;
  /** Ŵ_j at the optimum. */
  welfare: number;
  /** The equilibrium [Ê; ŵ] at the optimum. */
  equilibrium: Float64Array;
  optimiser: Omit<SolverResult<unknown>, "value">;
  /** Equilibrium solves that did not converge during the search. */
  failedSolves: number;
}

/** Relative central-difference step of the partial derivatives. */
const DIFFERENCE_STEP = 1e-6;


/**
 * Ŵ_j and its gradient with respect to j's instruments at tariffs t, equilibrium x (solved), by the
 * adjoint above. `work` must hold the evaluated equilibrium at (t, x); it is left that way.
 */
function welfareGradient(economy: OssaEconomy, t: Float64Array, x: Float64Array, j: number, instruments: Int32Array, work: OssaWorkspace, gradient: Float64Array): number {
  const n = 2 * economy.N;
  const { N, theta, spendingShares, tariffs } = economy;

  const zero = new Float64Array(N);
  const plus = new Float64Array(n);
  const minus = new Float64Array(n);
  const welfare = ossaWelfare(economy, x, work, j);
  // ∂F/∂x (transposed into A) and ∂Ŵ/∂x
  const A = new Float64Array(n * n);
  const dWdx = new Float64Array(n);
  const xs = Float64Array.from(x);
  for (let c = 0; c < n; c++) {
    const h = DIFFERENCE_STEP * Math.max(1, Math.abs(x[c]));
    xs[c] = x[c] + h;
    ossaResidual(economy, t, zero, xs, work, plus);
    const wPlus = ossaWelfare(economy, xs, work, j);
    xs[c] = x[c] - h;
    ossaResidual(economy, t, zero, xs, work, minus);
    const wMinus = ossaWelfare(economy, xs, work, j);
    xs[c] = x[c];
    for (let r = 0; r < n; r++) A[c * n + r] = (plus[r] - minus[r]) / (2 * h); // A = (∂F/∂x)ᵀ
    dWdx[c] = (wPlus - wMinus) / (2 * h);
  }
  if (!solveDenseInPlace(A, dWdx, n)) throw new Error("internal: the equilibrium Jacobian of the Ossa model is singular at a solved equilibrium"); // dWdx now holds λ
  const lambda = dWdx;
  // ∂F/∂t_k and ∂Ŵ/∂t_k: only the cost weight of pair k and the tariff itself change
  for (let v = 0; v < instruments.length; v++) {
    const k = instruments[v];
    const s = Math.floor(k / (N * N));
    const saved = t[k];
    const savedWeight = work.weights[k];
    const h = DIFFERENCE_STEP * Math.max(1, Math.abs(saved));
    const at = (value: number, out: Float64Array) => {
      t[k] = value;
      work.weights[k] = spendingShares[k] * Math.pow((1 + value) / (1 + tariffs[k]), -theta[s]);
      ossaResidual(economy, t, zero, x, work, out);
      return ossaWelfare(economy, x, work, j);
    };
    const wPlus = at(saved + h, plus);
    const wMinus = at(saved - h, minus);
    t[k] = saved;
    work.weights[k] = savedWeight;
    let adjoint = 0;
    for (let r = 0; r < n; r++) adjoint += lambda[r] * (plus[r] - minus[r]);
    gradient[v] = (wPlus - wMinus - adjoint) / (2 * h);
  }
  evaluateOssa(economy, t, x, work);
  return welfare;
}

/**
 * Country j's optimal tariffs given `tariffsInForce` (everyone's, bilateral order), from `start`
 * (instrument order). Each trial point solves the equilibrium from the last accepted one.
 */
export function optimalTariffs(economy: OssaEconomy, j: number, tariffsInForce: Float64Array, start: Float64Array, options: OptimalTariffOptions = {}): OptimalTariffResult {
  const { N, S } = economy;
  const instruments = instrumentIndices(N, S, j);
  const work = newOssaWorkspace(economy);
  const t = Float64Array.from(tariffsInForce);
  const zero = new Float64Array(N);
  let x: Float64Array = new Float64Array(2 * N).fill(1);
  let failedSolves = 0;
  const objective = (v: Float64Array, gradient: Float64Array): number => {
    for (let q = 0; q < instruments.length; q++) t[instruments[q]] = v[q];
    const solved = solveOssa(economy, t, zero, work, x);
    if (!solved.converged) {
      failedSolves++;
      return Infinity;
    }
    x = solved.value;
    const welfare = welfareGradient(economy, t, x, j, instruments, work, gradient);
    for (let q = 0; q < gradient.length; q++) gradient[q] = -gradient[q];
    return -welfare;
  };
  const m = instruments.length;
  const result = minimizeInBox(objective, start, new Float64Array(m).fill(options.lower ?? 0), new Float64Array(m).fill(options.upper ?? 10), {
    tolerance: options.tolerance ?? 1e-7,
    maxIterations: options.maxIterations ?? 500,
  });
  const { value, ...optimiser } = result;
  for (let q = 0; q < m; q++) t[instruments[q]] = value.x[q];
  const final = solveOssa(economy, t, zero, work, x);
  return { tariffs: t, instruments: value.x, welfare: ossaWelfare(economy, final.value, work, j), equilibrium: final.value, optimiser, failedSolves };
}

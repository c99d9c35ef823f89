import { solveDenseInPlace } from "../../solver/denseLu.js";
import { minimizeInBox } from "../../solver/projectedQuasiNewton.js";
import type { SolverResult } from "../../solver/result.js";
import type { OssaEconomy } from "./economy.js";
import { newOssaDerivativeWorkspace, ossaJacobian, ossaTariffGradient, ossaWelfareDerivative, type OssaDerivativeWorkspace } from "./derivatives.js";
import { newOssaWorkspace, ossaWelfare, type OssaWorkspace } from "./equilibrium.js";
import { solveOssa } from "./solve.js";

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
 * derivatives are analytic (derivatives.ts, checked against central differences).
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
  /** L-BFGS pairs kept (default OPTIMAL_TARIFF_MEMORY). */
  memory?: number;
}

/**
 * L-BFGS memory of the optimal-tariff search: 300 pairs, i.e. close to full BFGS for up to a few hundred
 * instruments. Measured on the US (Ossa's model, IS elasticities + 1): WIOD 2014 (688 tariffs) converges
 * in 2367 iterations with 10 pairs, 621 with 100, 284 with 300; gtap-2007 (198 tariffs) in 240 / 146 / 121.
 * Memory costs O(pairs × instruments) per iteration, negligible beside the equilibrium solves.
 */
export const OPTIMAL_TARIFF_MEMORY = 300;

/**
 * Iteration budget of the optimal-tariff search. gtap-2007 (198 tariffs) needs about 120; on WIOD 2014 with
 * σ = IS + 1 (688 tariffs) 16 of 44 countries were still above the projected-gradient tolerance 1e-7 (at
 * 2e-6 … 3e-7) after 500, the US converged after 284.
 */
export const OPTIMAL_TARIFF_MAX_ITERATIONS = 2000;

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

/**
 * Ŵ_j and its gradient with respect to j's instruments at tariffs t, equilibrium x (solved), by the
 * adjoint above with analytic partial derivatives (derivatives.ts): O(S·N³) for ∂F/∂x, one 2N×2N solve,
 * O(S·N²) for all instruments. Leaves `work` evaluated at (t, x).
 */
function welfareGradient(economy: OssaEconomy, t: Float64Array, x: Float64Array, j: number, instruments: Int32Array, work: OssaWorkspace, scratch: OssaDerivativeWorkspace, gradient: Float64Array): number {
  const n = 2 * economy.N;
  // A[c·n + r] = ∂F_r/∂x_c: read row-major, A is (∂F/∂x)ᵀ.
  const A = new Float64Array(n * n);
  ossaJacobian(economy, t, x, work, scratch, A);
  const welfare = ossaWelfare(economy, x, work, j);
  const lambda = new Float64Array(n);
  ossaWelfareDerivative(economy, x, work, j, welfare, lambda);
  if (!solveDenseInPlace(A, lambda, n)) throw new Error("internal: the equilibrium Jacobian of the Ossa model is singular at a solved equilibrium");
  ossaTariffGradient(economy, t, x, work, j, welfare, lambda, instruments, gradient);
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
  const scratch = newOssaDerivativeWorkspace(N, S);
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
    const welfare = welfareGradient(economy, t, x, j, instruments, work, scratch, gradient);
    for (let q = 0; q < gradient.length; q++) gradient[q] = -gradient[q];
    return -welfare;
  };
  const m = instruments.length;
  const result = minimizeInBox(objective, start, new Float64Array(m).fill(options.lower ?? 0), new Float64Array(m).fill(options.upper ?? 10), {
    tolerance: options.tolerance ?? 1e-7,
    maxIterations: options.maxIterations ?? OPTIMAL_TARIFF_MAX_ITERATIONS,
    memory: options.memory ?? OPTIMAL_TARIFF_MEMORY,
  });
  const { value, ...optimiser } = result;
  for (let q = 0; q < m; q++) t[instruments[q]] = value.x[q];
  const final = solveOssa(economy, t, zero, work, x);
  return { tariffs: t, instruments: value.x, welfare: ossaWelfare(economy, final.value, work, j), equilibrium: final.value, optimiser, failedSolves };
}

import { solveDenseInPlace } from "../../solver/denseLu.js";
import { newtonInBox } from "../../solver/newtonInBox.js";
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
 *
 * Two stages. Welfare is so flat near the optimum (on gtap-2007 the Hessian's eigenvalues run from −1e-2 to
 * −1e-10) that a search stopping on welfare or on a small gradient leaves the tariffs short of the optimum: the
 * projected quasi-Newton search (stage 1) stops at a projected gradient of 1e-7 with medians 0.1–1.1 pp below
 * it, and tightening its tolerance ends in a stall, not at the optimum, because welfare differences fall under
 * rounding. Stage 2 (solver/newtonInBox.ts) takes Newton steps on the first-order conditions with the Hessian
 * from central differences of the analytic gradient until no tariff moves by more than `tariffTolerance`:
 * convergence in the tariffs, reached in 4–8 steps (quadratic near the optimum).
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
  /**
   * Stage 2: converged when the last Newton step moved no tariff by more than this (a share: 1e-8 = 1e-6 pp);
   * default OPTIMAL_TARIFF_STEP_TOLERANCE up to NEWTON_STAGE_MAX_INSTRUMENTS instruments, else null. `null` skips stage 2 (the tariffs then have converged only as far
   * as the welfare gradient says: best responses inside a Nash iteration whose own stopping rule is coarser).
   */
  tariffTolerance?: number | null;
  /** Budget of Newton steps of stage 2 (each costs 2·(N−1)·S gradients). Default OPTIMAL_TARIFF_NEWTON_STEPS. */
  maxNewtonSteps?: number;
}

/**
 * Stage 2's tolerance on the tariffs, max |Δt′| of the last Newton step: 1e-8 (1e-6 percentage points), far
 * below the 0.1 pp Ossa prints, and above the noise of the differenced Hessian (gradient accurate to ~1e-15,
 * difference step 1e-5), so that the last steps are quadratic, not noise.
 */
export const OPTIMAL_TARIFF_STEP_TOLERANCE = 1e-8;
/**
 * Above this many instruments per country the Newton stage runs only when asked for (`tariffTolerance`): each
 * step costs 2 × instruments gradients — on gtap-2007 (198) 4–8 steps take about a second a country; on
 * wiod-2014-16 (688) one US search took 150 s and met an indefinite Hessian (sectors with almost no trade leave
 * directions of ~zero curvature).
 */
export const NEWTON_STAGE_MAX_INSTRUMENTS = 300;
/** Stage 1's projected-gradient tolerance (welfare per unit of tariff). */
export const OPTIMAL_TARIFF_GRADIENT_TOLERANCE = 1e-7;
export const OPTIMAL_TARIFF_NEWTON_STEPS = 25;
/** Rounds of stage 1 + stage 2 when stage 2 finds the Hessian indefinite (stage 1 resumes 100× tighter). */
const STAGE_ROUNDS = 3;

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
  /** Stage 1, the quasi-Newton search on welfare. */
  optimiser: Omit<SolverResult<unknown>, "value">;
  /** Stage 2, Newton on the tariffs (absent when `tariffTolerance` is null): residual = max |Δt′| of its last step. */
  tariffConvergence?: Omit<SolverResult<unknown>, "value">;
  /** Both stages converged (stage 1 alone when stage 2 is skipped). */
  converged: boolean;
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

/** −Ŵ_j and its gradient over j's instruments, each trial point solved from the last accepted equilibrium. */
interface WelfareObjective {
  instruments: Int32Array;
  /** The full tariff array at the last evaluation. */
  tariffs: Float64Array;
  /** −Ŵ_j at v (instrument order), −∇ into `gradient`; Infinity when the equilibrium solve fails. */
  evaluate(v: Float64Array, gradient: Float64Array): number;
  /** The last solved equilibrium [Ê; ŵ]. */
  equilibrium(): Float64Array;
  failedSolves(): number;
  work: OssaWorkspace;
}

function welfareObjective(economy: OssaEconomy, j: number, tariffsInForce: Float64Array): WelfareObjective {
  const { N, S } = economy;
  const instruments = instrumentIndices(N, S, j);
  const work = newOssaWorkspace(economy);
  const scratch = newOssaDerivativeWorkspace(N, S);
  const t = Float64Array.from(tariffsInForce);
  const zero = new Float64Array(N);
  let x: Float64Array = new Float64Array(2 * N).fill(1);
  let failed = 0;
  return {
    instruments,
    tariffs: t,
    work,
    equilibrium: () => x,
    failedSolves: () => failed,
    evaluate(v, gradient) {
      for (let q = 0; q < instruments.length; q++) t[instruments[q]] = v[q];
      const solved = solveOssa(economy, t, zero, work, x);
      if (!solved.converged) {
        failed++;
        return Infinity;
      }
      x = solved.value;
      const welfare = welfareGradient(economy, t, x, j, instruments, work, scratch, gradient);
      for (let q = 0; q < gradient.length; q++) gradient[q] = -gradient[q];
      return -welfare;
    },
  };
}

/**
 * Country j's optimal tariffs given `tariffsInForce` (everyone's, bilateral order), from `start`
 * (instrument order): stage 1 the projected quasi-Newton search, stage 2 Newton on the tariffs (see above).
 */
export function optimalTariffs(economy: OssaEconomy, j: number, tariffsInForce: Float64Array, start: Float64Array, options: OptimalTariffOptions = {}): OptimalTariffResult {
  const objective = welfareObjective(economy, j, tariffsInForce);
  const { instruments, tariffs: t, work } = objective;
  const m = instruments.length;
  const lower = new Float64Array(m).fill(options.lower ?? 0);
  const upper = new Float64Array(m).fill(options.upper ?? 10);
  const tariffTolerance = options.tariffTolerance !== undefined ? options.tariffTolerance : m <= NEWTON_STAGE_MAX_INSTRUMENTS ? OPTIMAL_TARIFF_STEP_TOLERANCE : null;
  let tolerance = options.tolerance ?? OPTIMAL_TARIFF_GRADIENT_TOLERANCE;
  let optimum = start;
  let optimiser: OptimalTariffResult["optimiser"] | undefined;
  let tariffConvergence: OptimalTariffResult["tariffConvergence"];
  for (let round = 0; round < STAGE_ROUNDS; round++) {
    // Stage 1 (resumed with a 100× tighter tolerance when stage 2 found no strict maximum nearby).
    const { value, ...record } = minimizeInBox(objective.evaluate, optimum, lower, upper, {
      tolerance,
      maxIterations: options.maxIterations ?? OPTIMAL_TARIFF_MAX_ITERATIONS,
      memory: options.memory ?? OPTIMAL_TARIFF_MEMORY,
    });
    optimiser = optimiser ? { ...record, iterations: optimiser.iterations + record.iterations, warnings: [...optimiser.warnings, ...record.warnings] } : record;
    optimum = value.x;
    if (tariffTolerance === null) break;
    // Stage 2
    const { value: point, ...newton } = newtonInBox(objective.evaluate, optimum, lower, upper, { stepTolerance: tariffTolerance, maxIterations: options.maxNewtonSteps ?? OPTIMAL_TARIFF_NEWTON_STEPS });
    tariffConvergence = tariffConvergence ? { ...newton, iterations: tariffConvergence.iterations + newton.iterations, warnings: [...tariffConvergence.warnings, ...newton.warnings] } : newton;
    // A Newton stage that stopped early keeps its last point only if it is no worse than stage 1's.
    if (newton.converged || point.projectedGradient <= record.residual) optimum = point.x;
    if (point.stop !== "indefinite") break;
    tolerance /= 100;
  }
  for (let q = 0; q < m; q++) t[instruments[q]] = optimum[q];
  const final = solveOssa(economy, t, new Float64Array(economy.N), work, objective.equilibrium());
  const converged = (tariffConvergence ? tariffConvergence.converged : optimiser!.converged) && final.converged;
  return {
    tariffs: t,
    instruments: optimum,
    welfare: ossaWelfare(economy, final.value, work, j),
    equilibrium: final.value,
    optimiser: optimiser!,
    tariffConvergence,
    converged,
    failedSolves: objective.failedSolves(),
  };
}

/**
 * Country j's MFN-optimal tariffs (`mymfnoptimaltariffj.m`): one rate per industry on every partner, S
 * instruments, from `start` (by industry; Ossa: 1/(σ_s − 1)), by the projected quasi-Newton search with the
 * chain rule ∂Ŵ/∂t_s = Σ_{i≠j} ∂Ŵ/∂t′_ijs. Ossa starts his optimal-tariff search from these rates.
 */
export function mfnOptimalTariffs(economy: OssaEconomy, j: number, tariffsInForce: Float64Array, start: Float64Array, options: Pick<OptimalTariffOptions, "lower" | "upper" | "tolerance" | "maxIterations"> = {}): SolverResult<Float64Array> {
  const { N, S } = economy;
  const objective = welfareObjective(economy, j, tariffsInForce);
  const m = objective.instruments.length;
  const spread = new Float64Array(m);
  const full = new Float64Array(m);
  // Instrument q is industry ⌊q/(N−1)⌋ (instrumentIndices: partner fastest).
  const result = minimizeInBox(
    (rates, gradient) => {
      for (let q = 0; q < m; q++) spread[q] = rates[Math.floor(q / (N - 1))];
      const f = objective.evaluate(spread, full);
      gradient.fill(0);
      for (let q = 0; q < m; q++) gradient[Math.floor(q / (N - 1))] += full[q];
      return f;
    },
    start,
    new Float64Array(S).fill(options.lower ?? 0),
    new Float64Array(S).fill(options.upper ?? 10),
    { tolerance: options.tolerance ?? OPTIMAL_TARIFF_GRADIENT_TOLERANCE, maxIterations: options.maxIterations ?? OPTIMAL_TARIFF_MAX_ITERATIONS, memory: OPTIMAL_TARIFF_MEMORY },
  );
  return { ...result, value: result.value.x };
}

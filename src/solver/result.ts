/**
 * The one result record every solver in Tradewinds returns. Solvers never print:
 * the caller reads `converged` (never a message string) and decides how to warn.
 */
export interface SolverResult<T> {
  /** True only when the stopping rule was met within the iteration budget. */
  converged: boolean;
  /** Iterations (or function evaluations, as `method` states) used. */
  iterations: number;
  /** Final residual in the norm named by `residualNorm`. */
  residual: number;
  residualNorm: string;
  /** The tolerance the residual was compared with. */
  tolerance: number;
  /** Short name of the algorithm, e.g. "levenberg-marquardt", "ipf", "stata-ag-loop". */
  method: string;
  /** Non-fatal observations, e.g. "damping reduced to 0.1". */
  warnings: string[];
  /** The solution (meaningful only when converged, but always finite). */
  value: T;
}

/** Throws when any entry of `x` is NaN or ±Infinity; `what` names the quantity in the message. */
export function assertFinite(x: ArrayLike<number>, what: string): void {
  for (let k = 0; k < x.length; k++) {
    if (!Number.isFinite(x[k])) {
      throw new Error(`internal: ${what}[${k}] is ${x[k]}; a model produced a non-finite number`);
    }
  }
}

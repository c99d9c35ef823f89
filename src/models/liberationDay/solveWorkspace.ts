import { newGmresWorkspace, type GmresWorkspace } from "../../solver/gmres.js";
import { gmresRestart } from "../../solver/newtonKrylov.js";
import { newEquilibriumState, type EquilibriumState } from "./equilibrium.js";
import { newEquilibriumLinearisation, type EquilibriumLinearisation } from "./jacobianVector.js";

/** The N×N arrays of one policy's system that prepareEquilibrium fills (equilibrium.ts `EquilibriumSystem`). */
export interface SystemArrays {
  policyShares: Float64Array;
  policyFactor: Float64Array;
  tariffShare: Float64Array;
  tariffExclusive: Float64Array;
  revenueShares: Float64Array;
  salesShares: Float64Array;
}

/**
 * The scratch of one Liberation Day solve at size N: the system's arrays, the equilibrium state, the
 * linearisation and GMRES's Krylov basis — seven N×N arrays and one 3N×41 (2.3 MB at N = 194). None of it
 * outlives the solve (the outcome's arrays are new), so the next solve of the same size on this thread
 * takes it over instead of allocating it again: a sweep solves thousands of phases, and each fresh set
 * of large arrays counted as external memory and triggered a full garbage collection every few draws
 * (bench/sweep.ts; on two threads the collector's helper threads competed with the solves for the cores).
 */
export interface SolveWorkspace {
  N: number;
  /** How often it has been borrowed: an outcome may read its solve's arrays while this is unchanged (outcomes.ts). */
  borrowings: number;
  arrays: SystemArrays;
  state: EquilibriumState;
  lin: EquilibriumLinearisation;
  gmres: GmresWorkspace;
}

/** Idle workspaces of this thread by N; a few sizes at most (the largest takes 8·(8N² + 123N) bytes). */
const idle = new Map<number, SolveWorkspace>();
const SIZES_KEPT = 2;

/** A workspace for a solve at size N: this thread's idle one, or a new one (a solve inside a solve gets its own). */
export function borrowWorkspace(N: number): SolveWorkspace {
  const kept = idle.get(N);
  if (kept) {
    idle.delete(N);
    kept.borrowings++;
    return kept;
  }
  const square = () => new Float64Array(N * N);
  return {
    N,
    borrowings: 1,
    arrays: { policyShares: square(), policyFactor: square(), tariffShare: square(), tariffExclusive: square(), revenueShares: square(), salesShares: square() },
    state: newEquilibriumState(N),
    lin: newEquilibriumLinearisation(N),
    gmres: newGmresWorkspace(3 * N, gmresRestart(3 * N)),
  };
}

/**
 * Hands a workspace back once its solve has finished with it (the outcome holds none of its arrays). The
 * state's cached identity is cleared so that the next system is evaluated afresh whatever its point.
 */
export function returnWorkspace(workspace: SolveWorkspace): void {
  workspace.state.system = undefined;
  if (!idle.has(workspace.N) && idle.size >= SIZES_KEPT) idle.delete(idle.keys().next().value!);
  idle.set(workspace.N, workspace);
}

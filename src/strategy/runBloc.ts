import type { Dataset } from "../data/dataset.js";
import type { BlocReport } from "../report/blocReport.js";
import { analyzeBloc } from "./blocAnalysis.js";
import { prepareBloc, solveMembership, type BlocRequest, type MembershipSolve } from "./blocSolve.js";
import { solveMembershipsInPool } from "./pool.js";

export interface BlocRunOptions {
  /** Worker threads; 0 solves in this thread (library use, small cases). Default 1. */
  threads?: number;
  /** Called as sets are solved, with (solved, total). */
  onProgress?: (solved: number, total: number) => void;
  /** Use this dataset instead of loading the scenario's by name (in-process runs only: threads = 0). */
  dataset?: Dataset;
}

/**
 * Bloc-formation analysis of a scenario with a `bloc` section (spec scenarios-and-strategy.md §3):
 *
 *   scenario ─▶ validate ─▶ normalize ─▶ calibrate ─▶ for each of 2^k membership sets: compile ─▶ solve ─▶ analyze
 *                           (+ bloc)      (base phase)     (base phase + bloc rules)        (pool)      (stability)
 *
 * Results do not depend on the thread count: every set is solved from the same start, independently.
 */
export async function runBloc(request: BlocRequest, options: BlocRunOptions = {}): Promise<BlocReport> {
  // 1–3. validate, normalize the scenario and the bloc, calibrate (errors surface here, before any thread starts)
  if (options.dataset && options.threads !== 0) throw new Error("internal: a custom dataset needs threads = 0 (workers load datasets by name)");
  const prepared = prepareBloc(request, undefined, options.dataset);
  const masks = [...Array(1 << prepared.bloc.candidates.length).keys()];
  const threads = options.threads ?? 1;
  // 4–5. compile and solve every membership set
  let solves: MembershipSolve[];
  if (threads === 0) {
    solves = masks.map((mask, n) => {
      const s = solveMembership(prepared, mask);
      options.onProgress?.(n + 1, masks.length);
      return s;
    });
  } else {
    solves = await solveMembershipsInPool(request, masks, { threads, onProgress: options.onProgress });
  }
  // 6. payoff table, stability, dominant choices, focus comparison
  return analyzeBloc(prepared, solves);
}

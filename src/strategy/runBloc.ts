import type { Dataset } from "../data/dataset.js";
import type { BlocReport } from "../report/blocReport.js";
import { analyzeBloc } from "./blocAnalysis.js";
import { prepareBloc, solveMembership, type BlocRequest, type MembershipSolve } from "./blocSolve.js";
import { BlocPool, type PoolTimeline } from "./pool.js";

export interface BlocRunOptions {
  /** Worker threads; 0 solves in this thread (library use, small cases). Default 1. */
  threads?: number;
  /** Called as sets are solved, with (solved, total). */
  onProgress?: (solved: number, total: number) => void;
  /** Use this dataset instead of loading the scenario's by name (in-process runs only: threads = 0). */
  dataset?: Dataset;
  /** Receives where the worker threads' time went (benchmarks). */
  onTimeline?: (timeline: PoolTimeline) => void;
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
  if (options.dataset && options.threads !== 0) throw new Error("internal: a custom dataset needs threads = 0 (workers load datasets by name)");
  const threads = options.threads ?? 1;
  // The worker threads start first and load their modules while this thread validates and calibrates.
  const pool = threads === 0 ? undefined : new BlocPool(threads);
  try {
    // 1–3. validate, normalize the scenario and the bloc, calibrate (input errors surface here, before any set is solved)
    const prepared = prepareBloc(request, undefined, options.dataset);
    const masks = [...Array(1 << prepared.bloc.candidates.length).keys()];
    // 4–5. compile and solve every membership set
    let solves: MembershipSolve[];
    if (!pool) {
      solves = masks.map((mask, n) => {
        const s = solveMembership(prepared, mask);
        options.onProgress?.(n + 1, masks.length);
        return s;
      });
    } else {
      solves = await pool.solve(request, masks, { onProgress: options.onProgress, onTimeline: options.onTimeline });
    }
    // 6. payoff table, stability, dominant choices, focus comparison
    return analyzeBloc(prepared, solves);
  } finally {
    await pool?.close();
  }
}

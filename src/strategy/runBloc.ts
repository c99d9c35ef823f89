import type { Dataset } from "../data/dataset.js";
import type { BlocReport } from "../report/blocReport.js";
import { analyzeBloc } from "./blocAnalysis.js";
import { prepareBlocAsync, type BlocRequest } from "./blocSolve.js";
import { BlocPool, type PoolTimeline } from "./pool.js";

export interface BlocRunOptions {
  /** Threads solving membership sets: 0 or 1, this one alone; n ≥ 2, n worker threads that this one feeds (pool.ts says why). Default 1. */
  threads?: number;
  /** Called as sets are solved, with (solved, total). */
  onProgress?: (solved: number, total: number) => void;
  /** Use this dataset instead of loading the scenario's by name (in-process runs only: threads ≤ 1). */
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
  const threads = Math.floor(options.threads ?? 1);
  const workers = threads >= 2 ? threads : 0;
  if (options.dataset && workers > 0) throw new Error("internal: a custom dataset needs threads ≤ 1 (workers load datasets by name)");
  // The worker threads start first and load their modules while this thread validates and calibrates.
  const pool = new BlocPool(workers);
  try {
    // 1–3. validate, normalize the scenario and the bloc, calibrate (input errors surface here, before any set is solved)
    const prepared = await prepareBlocAsync(request, undefined, options.dataset);
    const masks = [...Array(1 << prepared.bloc.candidates.length).keys()];
    // 4–5. compile and solve every membership set (this thread alone, or the workers from one queue)
    const solves = await pool.solve(request, prepared, masks, { onProgress: options.onProgress, onTimeline: options.onTimeline });
    // 6. payoff table, stability, dominant choices, focus comparison
    return analyzeBloc(prepared, solves);
  } finally {
    await pool.close();
  }
}

import type { PointResult } from "./pointResult.js";
import { prepareSweep, type PreparedSweep, type SweepRequest } from "./prepareSweep.js";
import { newSweepBaselines, solveSweepPoint, type SweepBaselines } from "./solveSweepPoint.js";

/** A chunk of points of one sweep, for one worker thread. */
export interface SweepTask {
  request: SweepRequest;
  points: number[];
}

/**
 * Worker-thread entry of the sweep pool (piscina calls the default export per task), used by the local
 * engine and by `tradewinds worker`. The thread keeps the last sweep it prepared and its calibrated
 * baselines: module-level state that only memoises pure functions of the request.
 */
let last: { key: string; sweep: PreparedSweep; baselines: SweepBaselines } | undefined;

export default function solveChunk(task: SweepTask): PointResult[] {
  const key = JSON.stringify(task.request);
  if (last?.key !== key) {
    const sweep = prepareSweep(task.request);
    last = { key, sweep, baselines: newSweepBaselines(sweep) };
  }
  const { sweep, baselines } = last;
  return task.points.map((point) => solveSweepPoint(sweep, point, baselines));
}

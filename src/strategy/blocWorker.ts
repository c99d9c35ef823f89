import { threadId } from "node:worker_threads";
import { prepareBlocAsync, solveMembership, type BlocRequest, type MembershipSolve, type PreparedBloc } from "./blocSolve.js";

/** A batch of membership sets for one worker thread. */
export interface BlocTask {
  request: BlocRequest;
  masks: number[];
}

/** The solves of a batch, and where the thread's time went (pool.ts's timeline). */
export interface BlocTaskResult {
  solves: MembershipSolve[];
  threadId: number;
  /** Dataset load and calibration (first batch of a thread only; 0 after). */
  prepareMs: number;
  solveMs: number;
}

/**
 * Worker-thread entry of the bloc pool (piscina calls the default export per task). Each thread
 * calibrates the scenario once and keeps it for later batches: this per-thread cache is the one piece
 * of module-level state, and it only memoises a pure function of the request.
 */
const prepared = new Map<string, PreparedBloc>();

export default async function solveBatch(task: BlocTask): Promise<BlocTaskResult> {
  const key = JSON.stringify(task.request);
  const start = performance.now();
  let bloc = prepared.get(key);
  if (!bloc) {
    bloc = await prepareBlocAsync(task.request);
    prepared.set(key, bloc);
  }
  const solving = performance.now();
  const solves = task.masks.map((mask) => solveMembership(bloc, mask));
  return { solves, threadId, prepareMs: solving - start, solveMs: performance.now() - solving };
}

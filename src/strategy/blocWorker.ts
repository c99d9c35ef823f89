import { prepareBloc, solveMembership, type BlocRequest, type MembershipSolve, type PreparedBloc } from "./blocSolve.js";

/** A batch of membership sets for one worker thread. */
export interface BlocTask {
  request: BlocRequest;
  masks: number[];
}

/**
 * Worker-thread entry of the bloc pool (piscina calls the default export per task). Each thread
 * calibrates the scenario once and keeps it for later batches: this per-thread cache is the one piece
 * of module-level state, and it only memoises a pure function of the request.
 */
const prepared = new Map<string, PreparedBloc>();

export default function solveBatch(task: BlocTask): MembershipSolve[] {
  const key = JSON.stringify(task.request);
  let bloc = prepared.get(key);
  if (!bloc) {
    bloc = prepareBloc(task.request);
    prepared.set(key, bloc);
  }
  return task.masks.map((mask) => solveMembership(bloc, mask));
}

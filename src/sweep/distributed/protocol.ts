import type { PointResult } from "../pointResult.js";
import type { SweepRequest } from "../prepareSweep.js";

/**
 * The distributed engine's conventions, shared by `tradewinds sweep --redis` (the coordinator) and
 * `tradewinds worker --redis` (BullMQ on Redis):
 *   - every Redis key starts with KEY_PREFIX (BullMQ's `prefix` too), so one Redis can serve other work;
 *   - a worker announces itself at `<prefix>:workers:<id>` (its identity as JSON, expiring unless renewed
 *     every HEARTBEAT_MS), with its version and the checksum of its embedded data;
 *   - the queue's name carries the version and the data checksum, so a worker only ever receives chunks
 *     of coordinators running the same code on the same data; a coordinator lists the workers it sees,
 *     refuses the others (telling them at `<prefix>:refused:<id>`), and checks every result's sender again.
 */
export const KEY_PREFIX = "tradewinds";
export const HEARTBEAT_MS = 2_000;
/** A registration lives this long without a heartbeat. */
export const REGISTRATION_TTL_MS = 3 * HEARTBEAT_MS;
/** Attempts of a chunk whose worker threw (a worker killed mid-chunk is a stall, retried separately). */
export const CHUNK_ATTEMPTS = 3;
/** How often a chunk may stall (its worker died or hung) before it fails for good. */
export const MAX_STALLS = 10;

export interface WorkerIdentity {
  id: string;
  version: string;
  dataChecksum: string;
  host: string;
  pid: number;
  threads: number;
}

/** A job: a chunk of points of one sweep, and what the worker must be running to take it. */
export interface ChunkJob {
  sweepId: string;
  version: string;
  dataChecksum: string;
  request: SweepRequest;
  points: number[];
}

/** A job's return value: the results and who computed them. */
export interface ChunkResult {
  worker: Pick<WorkerIdentity, "id" | "version" | "dataChecksum">;
  results: PointResult[];
}

export function queueNameOf(identity: Pick<WorkerIdentity, "version" | "dataChecksum">): string {
  return `sweeps-v${identity.version}-${identity.dataChecksum.slice(0, 16)}`;
}

export const workerKey = (id: string) => `${KEY_PREFIX}:workers:${id}`;
export const refusedKey = (id: string) => `${KEY_PREFIX}:refused:${id}`;

/** Why a worker cannot serve a coordinator, or undefined when it can. */
export function incompatibility(coordinator: Pick<WorkerIdentity, "version" | "dataChecksum">, worker: Pick<WorkerIdentity, "version" | "dataChecksum">): string | undefined {
  if (worker.version !== coordinator.version) return `it runs tradewinds ${worker.version}, the coordinator ${coordinator.version}`;
  if (worker.dataChecksum !== coordinator.dataChecksum) return `its embedded data differ (checksum ${worker.dataChecksum.slice(0, 12)}…, the coordinator's ${coordinator.dataChecksum.slice(0, 12)}…)`;
  return undefined;
}

/** A Redis URL without its password, for messages. */
export function redisLabel(url: string): string {
  try {
    const u = new URL(url);
    u.password = "";
    u.username = "";
    return u.toString();
  } catch {
    return "the Redis URL given";
  }
}

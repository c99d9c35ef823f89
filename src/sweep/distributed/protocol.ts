import type { CellLayout, PhaseCells, PointResult } from "../pointResult.js";
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

/** A job's return value: the results (as JSON carries them: encodeResults) and who computed them. */
export interface ChunkResult {
  worker: Pick<WorkerIdentity, "id" | "version" | "dataChecksum">;
  results: EncodedResults;
}

/**
 * A chunk's results as JSON: each distinct cell layout once (`layouts`, by index), and each phase's values as the
 * base64 of their IEEE-754 bits, little-endian — exact (−0 included) and a quarter of the size of decimal numbers.
 */
export interface EncodedResults {
  layouts: CellLayout[];
  points: { point: number; converged: boolean; error?: string; phases: (Omit<PhaseCells, "layout" | "values"> & { layout: number; values: string })[] }[];
}

export function encodeResults(results: PointResult[]): EncodedResults {
  const layouts: CellLayout[] = [];
  const indexOf = new Map<CellLayout, number>();
  const points = results.map(({ point, converged, error, phases }) => ({
    point,
    converged,
    ...(error !== undefined && { error }),
    phases: phases.map(({ layout, values, ...verdict }) => {
      let index = indexOf.get(layout);
      if (index === undefined) indexOf.set(layout, (index = layouts.push(layout) - 1));
      const bits = Buffer.alloc(values.length * 8);
      for (let c = 0; c < values.length; c++) bits.writeDoubleLE(values[c], c * 8);
      return { ...verdict, layout: index, values: bits.toString("base64") };
    }),
  }));
  return { layouts, points };
}

/** The results encodeResults encoded; a malformed chunk (not from a worker of this version) is an error naming what is wrong. */
export function decodeResults(encoded: EncodedResults): PointResult[] {
  const malformed = (what: string) => new Error(`a chunk's results are malformed: ${what}`);
  if (!Array.isArray(encoded?.layouts) || !Array.isArray(encoded.points)) throw malformed("no layouts or points");
  for (const layout of encoded.layouts) {
    if (!Array.isArray(layout?.rows) || !Array.isArray(layout.keys) || layout.rows.length !== layout.keys.length) throw malformed("a cell layout");
  }
  return encoded.points.map(({ point, converged, error, phases }) => ({
    point,
    converged,
    ...(error !== undefined && { error }),
    phases: phases.map(({ layout: index, values, ...verdict }) => {
      const layout = encoded.layouts[index];
      if (!layout) throw malformed(`point ${point}: layout ${index}`);
      const bits = Buffer.from(values, "base64");
      if (bits.length !== layout.rows.length * 8) throw malformed(`point ${point}, phase ${verdict.phase}: ${bits.length} bytes for ${layout.rows.length} values`);
      const decoded = new Float64Array(layout.rows.length);
      for (let c = 0; c < decoded.length; c++) decoded[c] = bits.readDoubleLE(c * 8);
      return { ...verdict, layout, values: decoded };
    }),
  }));
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

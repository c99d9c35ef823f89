import { createHash } from "node:crypto";
import { embeddedDataChecksum } from "../data/checksum.js";
import { TradewindsInputError, message } from "../messages.js";
import { VERSION } from "../version.js";
import { solvePointsInPool } from "./localPool.js";
import type { PointResult } from "./pointResult.js";
import { prepareSweep, type SweepRequest } from "./prepareSweep.js";
import { SweepStore, type SweepCounts, type SweepRecord } from "./sweepStore.js";

/**
 * An engine solves `points` of a sweep and hands each finished chunk to `sink` with who solved it; the
 * local one runs worker threads, the distributed one BullMQ workers (sweep/distributed/coordinator.ts).
 */
export type SweepEngine = (request: SweepRequest, sweepId: string, points: number[], sink: (results: PointResult[], worker: string) => Promise<void>) => Promise<void>;

/** The local engine: `threads` worker threads of this machine. */
export function localEngine(threads: number): SweepEngine {
  return (request, _id, points, sink) => solvePointsInPool(request, points, threads, (results) => sink(results, `local:${threads} thread(s)`));
}

export interface SweepRunOptions {
  /** The DuckDB file results go to (the CLI's default: `<data dir>/sweeps.duckdb`). */
  storeFile: string;
  engine: SweepEngine;
  /** Continue a stored sweep: solve only the points not stored yet. */
  resume?: boolean;
  /** Delete a stored sweep and solve it again. */
  replace?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface SweepSummary {
  sweep: SweepRecord;
  /** Points already stored when the run started (`--resume`). */
  storedBefore: number;
  /** Points stored by this run. */
  solvedNow: number;
  counts: SweepCounts;
  seconds: number;
}

/**
 * A sweep's identity: SHA-256 of the request (the sweep file and every scenario text), the version and
 * the data checksum — the same sweep on the same code and data, so `--resume` only ever continues
 * exactly what was started.
 */
export function sweepIdOf(request: SweepRequest, dataChecksum = embeddedDataChecksum()): string {
  const content = JSON.stringify({ spec: request.spec, scenarios: request.scenarios.map((s) => s.text), version: VERSION, dataChecksum });
  return createHash("sha256").update(content).digest("hex").slice(0, 16);
}

/**
 * `tradewinds sweep`: prepare (every input problem reported before anything runs), open the store, solve
 * the points not stored yet on the engine, store each chunk as it arrives (a point once, whatever the
 * engine delivers twice), and count what is stored: converged, not converged, failed.
 */
export async function runSweep(request: SweepRequest, options: SweepRunOptions): Promise<SweepSummary> {
  const started = performance.now();
  const prepared = prepareSweep(request);
  const dataChecksum = embeddedDataChecksum();
  const sweep: SweepRecord = {
    id: sweepIdOf(request, dataChecksum),
    name: request.spec.name,
    source: request.source,
    createdAt: new Date().toISOString(),
    version: VERSION,
    dataChecksum,
    totalPoints: prepared.total,
    dimensions: prepared.dimensions,
    requestJson: JSON.stringify(request),
  };
  const store = await SweepStore.open(options.storeFile);
  try {
    if (options.replace) await store.deleteSweep(sweep.id);
    const stored = await store.storedPoints(sweep.id);
    if (stored.size > 0 && !options.resume) {
      throw new TradewindsInputError([{ source: request.source, path: "", value: "", message: message.sweepAlreadyStored(sweep.id, stored.size, sweep.totalPoints) }]);
    }
    await store.beginSweep(sweep);
    const missing = Array.from({ length: prepared.total }, (_, p) => p).filter((p) => !stored.has(p));
    let done = stored.size;
    options.onProgress?.(done, sweep.totalPoints);
    await options.engine(request, sweep.id, missing, async (results, worker) => {
      done += await store.storeResults(sweep, prepared.strides, results, worker);
      options.onProgress?.(done, sweep.totalPoints);
    });
    const counts = await store.counts(sweep.id);
    return { sweep, storedBefore: stored.size, solvedNow: counts.points - stored.size, counts, seconds: (performance.now() - started) / 1000 };
  } finally {
    await store.close();
  }
}

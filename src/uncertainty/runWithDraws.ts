import { newRunContext } from "../models/types.js";
import type { RunReport } from "../report/types.js";
import { runValidatedScenario } from "../run.js";
import { validateScenarioText } from "../scenario/validate.js";
import { solvePointsInPool } from "../sweep/localPool.js";
import type { PointResult } from "../sweep/pointResult.js";
import type { SweepRequest } from "../sweep/prepareSweep.js";
import type { FilePolicy } from "../scenario/filePolicy.js";
import { attachBands } from "./bands.js";
import { drawPlanOf } from "./runDraws.js";

export interface DrawRunOptions {
  draws: number;
  seed?: number;
  /** Worker threads solving the draws (results do not depend on it). */
  threads: number;
  onProgress?: (done: number, total: number) => void;
  /** Which files the scenario's estimation section may read (the CLI: the scenario's folder). */
  files?: FilePolicy;
}

/** The sweep of a scenario's draws 0 … draws − 1: one draws dimension over the scenario file. */
export function drawSweepRequest(source: string, text: string, draws: number, seed: number): SweepRequest {
  return { source, spec: { name: `uncertainty draws of ${source}`, scenario: source, dimensions: [{ name: "draw", draws, seed }] }, scenarios: [{ source, text }] };
}

/**
 * `tradewinds run --uncertainty`: the point estimate, then the draws solved on worker threads (the
 * local sweep engine), then the bands. Identical to `runScenario(text, { draws, seed })`, which solves the
 * same draws one after another in the calling thread.
 */
export async function runScenarioWithDraws(file: string, text: string, options: DrawRunOptions): Promise<RunReport> {
  const input = validateScenarioText(text, file);
  const plan = drawPlanOf(input, file, options.seed);
  const report = runValidatedScenario(input, { source: file, context: newRunContext(), draws: 0, files: options.files });
  const results: PointResult[] = [];
  const points = Array.from({ length: options.draws }, (_, k) => k);
  await solvePointsInPool(drawSweepRequest(file, text, options.draws, plan.seed), points, options.threads, (chunk) => {
    results.push(...chunk);
    options.onProgress?.(results.length, options.draws);
  });
  results.sort((a, b) => a.point - b.point);
  return attachBands(report, results, plan);
}

/**
 * Strategy benchmarks (figures printed, never asserted):
 *   1. the 8-candidate bloc example (examples/bloc-japan.yaml, 256 Liberation-Day solves) on 1 thread (this
 *      one) and 2 (two workers this one feeds) — wall time including each thread's dataset load and
 *      calibration. Each run prints where the pool's time went (thread 0 is this one; each worker's start-up,
 *      calibration, solving and idle tail), then whole `tradewinds bloc` processes (bin/tradewinds.js, the
 *      bundle) on 1 and 2 threads: the example, and the same bloc with ten candidates (VNM and THA added,
 *      1,024 sets), where the workers' fixed start weighs less;
 *   2. one Ossa (2014) optimal-tariff problem (the US, 198 tariffs) and the Nash best-response iteration
 *      from the stacked optimal tariffs (Ossa's MATLAB: ~85 min for Table 3, ~96 min for Table 4).
 * BENCH_BLOC_THREADS="1,2" and BENCH_SKIP_BLOC=1 adjust part 1; BENCH_SKIP_OSSA=1 skips part 2.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadDataset } from "../src/data/load.js";
import { ossaBaseline } from "../src/models/ossa/baseline.js";
import { OSSA_NASH } from "../src/models/ossa/nashTariffs.js";
import { instrumentIndices, optimalTariffs } from "../src/models/ossa/optimalTariffs.js";
import type { PoolTimeline } from "../src/strategy/pool.js";
import { runBloc } from "../src/strategy/runBloc.js";
import { runTariffWar } from "../src/strategy/tariffWar.js";
import { median } from "./timing.js";

const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1);

if (!process.env.BENCH_SKIP_BLOC) {
  const text = readFileSync("examples/bloc-japan.yaml", "utf8");
  const times = new Map<number, number>();
  for (const threads of (process.env.BENCH_BLOC_THREADS ?? "1,2").split(",").map(Number)) {
    const start = performance.now();
    let timeline: PoolTimeline | undefined;
    const report = await runBloc({ text, source: "examples/bloc-japan.yaml" }, { threads, onTimeline: (t) => (timeline = t) });
    times.set(threads, performance.now() - start);
    console.log(`bloc-japan.yaml: ${report.sets.length} membership sets, ${threads} thread(s): ${seconds(start)} s (stable sets: ${report.stableSets.length}, not converged: ${report.notConverged.length})`);
    // What the pool serialises: the main thread's own preparation before the first task, each thread's
    // module loading (until its first task), its dataset load + calibration, and the idle tail.
    if (timeline) {
      console.log(`  main thread: first task handed over at ${timeline.firstDispatchAt.toFixed(0)} ms (validation, dataset, calibration); pool done at ${timeline.finishedAt.toFixed(0)} ms`);
      for (const t of timeline.perThread)
        console.log(`  thread ${t.threadId}: first task began at ${t.firstTaskAt.toFixed(0)} ms, prepare ${t.prepareMs.toFixed(0)} ms, solving ${t.solveMs.toFixed(0)} ms in ${t.tasks} batches, idle after ${t.lastTaskAt.toFixed(0)} ms`);
    }
  }
  const [first, ...others] = [...times.keys()];
  for (const t of others) console.log(`  speed-up of ${t} threads over ${first}: ${(times.get(first)! / times.get(t)!).toFixed(2)}× (from TypeScript sources: each thread also compiles the modules with tsx)`);
  // The product as users run it: whole `tradewinds bloc` processes from dist/, interleaved, median of 3.
  const walls = new Map<number, number[]>();
  for (let r = 0; r < 3; r++)
    for (const threads of [1, 2]) {
      const start = performance.now();
      const run = spawnSync(process.execPath, ["bin/tradewinds.js", "bloc", "examples/bloc-japan.yaml", "--threads", String(threads), "--no-progress", "--format", "json"], { stdio: ["ignore", "ignore", "pipe"] });
      if (run.status !== 0) throw new Error(`tradewinds bloc exited with ${run.status}: ${run.stderr}`);
      walls.set(threads, [...(walls.get(threads) ?? []), performance.now() - start]);
    }
  const [one, two] = [median(walls.get(1)!), median(walls.get(2)!)];
  console.log(`tradewinds bloc examples/bloc-japan.yaml (whole process): 1 thread ${(one / 1000).toFixed(2)} s, 2 threads ${(two / 1000).toFixed(2)} s, speed-up ${(one / two).toFixed(2)}× (median of 3; needs an idle machine to mean anything)`);
  const dir = mkdtempSync(join(tmpdir(), "tradewinds-bloc-"));
  const ten = join(dir, "bloc-10.yaml");
  writeFileSync(ten, text.replace("candidates: [JPN, EU27, KOR, CAN, MEX, GBR, AUS, IND]", "candidates: [JPN, EU27, KOR, CAN, MEX, GBR, AUS, IND, VNM, THA]"));
  const tenWall = (threads: number) => {
    const start = performance.now();
    const run = spawnSync(process.execPath, ["bin/tradewinds.js", "bloc", ten, "--yes", "--threads", String(threads), "--no-progress", "--format", "json"], { stdio: ["ignore", "ignore", "pipe"] });
    if (run.status !== 0) throw new Error(`tradewinds bloc exited with ${run.status}: ${run.stderr}`);
    return performance.now() - start;
  };
  const [tenOne, tenTwo] = [tenWall(1), tenWall(2)];
  rmSync(dir, { recursive: true, force: true });
  console.log(`the same bloc with 10 candidates (1,024 sets, whole process): 1 thread ${(tenOne / 1000).toFixed(2)} s, 2 threads ${(tenTwo / 1000).toFixed(2)} s, speed-up ${(tenOne / tenTwo).toFixed(2)}×`);
}

if (process.env.BENCH_SKIP_OSSA) process.exit(0);
const economy = ossaBaseline(loadDataset("gtap-2007"));
const startOf = (j: number) => Float64Array.from(instrumentIndices(economy.N, economy.S, j), (k) => 1 / (economy.sigma[Math.floor(k / (economy.N * economy.N))] - 1));
const start = performance.now();
const us = optimalTariffs(economy, economy.N - 1, economy.tariffs, startOf(economy.N - 1));
console.log(`Ossa optimal tariffs of the US (198 instruments): ${seconds(start)} s, ${us.optimiser.iterations} iterations, converged ${us.optimiser.converged}`);

/** `tradewinds tariff-war --nash`: the 7 optimal-tariff problems (Table 3a), then the Nash iteration (Table 4a), timed apart. */
function timedWar(nashTolerance: number, label: string): void {
  const begin = performance.now();
  let optimalDone = begin;
  const war = runTariffWar(loadDataset("gtap-2007"), {
    nash: true,
    nashTolerance,
    progress: ({ stage, done, total }) => {
      if (stage === "optimal" && done === total) optimalDone = performance.now();
    },
  });
  const nash = war.nash!;
  console.log(`${label}: Table 3a (7 optimal-tariff problems) ${((optimalDone - begin) / 1000).toFixed(1)} s; Nash iteration ${((performance.now() - optimalDone) / 1000).toFixed(1)} s, ${nash.rounds} round(s), converged ${nash.converged}, |mean change| ${nash.path.map((r) => r.meanChange.toExponential(2)).join(" → ")}, max change ${nash.path.map((r) => r.maxChange.toExponential(2)).join(" → ")}`);
}
timedWar(OSSA_NASH.tolerance, `tariff-war --nash (Ossa's stopping rule, |mean change| ≤ ${OSSA_NASH.tolerance})`);
timedWar(1e-4, "tariff-war --nash, tolerance 1e-4 (tighter than Ossa's)");

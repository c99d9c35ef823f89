/**
 * Strategy benchmarks (figures printed, never asserted):
 *   1. the 8-candidate bloc example (examples/bloc-japan.yaml, 256 Liberation-Day solves) with 1 and 2
 *      worker threads — wall time including each thread's dataset load and calibration;
 *   2. one Ossa (2014) optimal-tariff problem (the US, 198 tariffs) and the Nash best-response iteration
 *      from the stacked optimal tariffs (Ossa's MATLAB: ~85 min for Table 3, ~96 min for Table 4).
 * BENCH_BLOC_THREADS="1,2" and BENCH_SKIP_BLOC=1 adjust part 1.
 */
import { readFileSync } from "node:fs";
import { loadDataset } from "../src/data/load.js";
import { ossaBaseline } from "../src/models/ossa/baseline.js";
import { OSSA_NASH } from "../src/models/ossa/nashTariffs.js";
import { instrumentIndices, optimalTariffs } from "../src/models/ossa/optimalTariffs.js";
import { runBloc } from "../src/strategy/runBloc.js";
import { runTariffWar } from "../src/strategy/tariffWar.js";

const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1);

if (!process.env.BENCH_SKIP_BLOC) {
  const text = readFileSync("examples/bloc-japan.yaml", "utf8");
  const times = new Map<number, number>();
  for (const threads of (process.env.BENCH_BLOC_THREADS ?? "1,2").split(",").map(Number)) {
    const start = performance.now();
    const report = await runBloc({ text, source: "examples/bloc-japan.yaml" }, { threads });
    times.set(threads, performance.now() - start);
    console.log(`bloc-japan.yaml: ${report.sets.length} membership sets, ${threads} thread(s): ${seconds(start)} s (stable sets: ${report.stableSets.length}, not converged: ${report.notConverged.length})`);
  }
  const [first, ...others] = [...times.keys()];
  for (const t of others) console.log(`  speed-up of ${t} threads over ${first}: ${(times.get(first)! / times.get(t)!).toFixed(2)}×`);
}

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

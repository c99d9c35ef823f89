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
import { ossaNashTariffs } from "../src/models/ossa/nashTariffs.js";
import { instrumentIndices, optimalTariffs } from "../src/models/ossa/optimalTariffs.js";
import { runBloc } from "../src/strategy/runBloc.js";

const seconds = (start: number) => ((performance.now() - start) / 1000).toFixed(1);

if (!process.env.BENCH_SKIP_BLOC) {
  const text = readFileSync("examples/bloc-japan.yaml", "utf8");
  for (const threads of (process.env.BENCH_BLOC_THREADS ?? "1,2").split(",").map(Number)) {
    const start = performance.now();
    const report = await runBloc({ text, source: "examples/bloc-japan.yaml" }, { threads });
    console.log(`bloc-japan.yaml: ${report.sets.length} membership sets, ${threads} thread(s): ${seconds(start)} s (stable sets: ${report.stableSets.length}, not converged: ${report.notConverged.length})`);
  }
}

const economy = ossaBaseline(loadDataset("gtap-2007"));
const startOf = (j: number) => Float64Array.from(instrumentIndices(economy.N, economy.S, j), (k) => 1 / (economy.sigma[Math.floor(k / (economy.N * economy.N))] - 1));
let start = performance.now();
const us = optimalTariffs(economy, economy.N - 1, economy.tariffs, startOf(economy.N - 1));
console.log(`Ossa optimal tariffs of the US (198 instruments): ${seconds(start)} s, ${us.optimiser.iterations} iterations, converged ${us.optimiser.converged}`);
start = performance.now();
const stacked = Float64Array.from(economy.tariffs);
for (let j = 0; j < economy.N; j++) {
  const r = optimalTariffs(economy, j, economy.tariffs, startOf(j));
  instrumentIndices(economy.N, economy.S, j).forEach((k, q) => (stacked[k] = r.instruments[q]));
}
console.log(`Ossa Table 3a (7 optimal-tariff problems): ${seconds(start)} s`);
start = performance.now();
const nash = ossaNashTariffs(economy, stacked);
console.log(`Ossa Nash iteration from the stacked optimal tariffs: ${seconds(start)} s, ${nash.iterations} round(s), converged ${nash.converged}, path ${nash.value.path.map((r) => r.meanChange.toExponential(2)).join(" → ")}`);
start = performance.now();
const tight = ossaNashTariffs(economy, stacked, { nashTolerance: 1e-4 });
console.log(`Ossa Nash iteration, tolerance 1e-4 (tighter than Ossa's 1e-2): ${seconds(start)} s, ${tight.iterations} round(s), converged ${tight.converged}, max change per round ${tight.value.path.map((r) => r.maxChange.toExponential(2)).join(" → ")}`);

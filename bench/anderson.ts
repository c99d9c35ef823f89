/**
 * Anderson mixing (src/models/caliendoParro/andersonMixing.ts): the step with the Gram matrix kept and
 * updated by the new column against the step that rebuilt it (bench/baselines/), in one process, on the
 * iteration it accelerates in practice — Caliendo–Parro NAFTA on cp-1993 (31×40 with IO; 2·NS + N =
 * 2,511 unknowns, depth 5). The (x, g) pairs of one Anderson solve are recorded, then replayed through
 * both steps; their outputs must agree bit for bit. Also prints the whole counterfactual solve's time.
 */
import { loadDataset } from "../src/data/load.js";
import { andersonStep, createAndersonMemory } from "../src/models/caliendoParro/andersonMixing.js";
import { caliendoParroModel } from "../src/models/caliendoParro/model.js";
import { caliendoParroParamsSchema } from "../src/models/caliendoParro/params.js";
import { newRunContext, zeroPolicy } from "../src/models/types.js";
import * as rebuild from "./baselines/andersonMixingRebuild.js";
import { median, timeIt } from "./timing.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const DEPTH = 5;
const data = loadDataset("cp-1993");
const params = caliendoParroParamsSchema.parse({});
const baseline = caliendoParroModel.calibrate(data, params, newRunContext());
const nafta = { ...zeroPolicy(data), tariffs: Float64Array.from(data.tariffs["nafta-2005"]) };
let iterations = 0;
const solveTimes = timeIt(() => {
  iterations = caliendoParroModel.solve(baseline, nafta, newRunContext()).solver.iterations;
}, RUNS);

// A replay sequence: iterates x_k and images g_k of a contracting map of the same dimension.
const dimension = 2 * baseline.economy.N * baseline.economy.S + baseline.economy.N;
const steps = iterations;
let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296);
const xs = Array.from({ length: steps }, () => Float64Array.from({ length: dimension }, () => 1 + random()));
const gs = xs.map((x) => Float64Array.from(x, (v) => 0.5 * v + 0.5 + 1e-3 * random()));
const outNew = new Float64Array(dimension);
const outOld = new Float64Array(dimension);
let identical = true;
const replay = (step: (memory: never, x: Float64Array, g: Float64Array, out: Float64Array) => void, create: (n: number, d: number) => unknown, out: Float64Array) => () => {
  const memory = create(dimension, DEPTH) as never;
  for (let k = 0; k < steps; k++) step(memory, xs[k], gs[k], out);
};
const newTimes = timeIt(replay(andersonStep as never, createAndersonMemory, outNew), RUNS);
const oldTimes = timeIt(replay(rebuild.andersonStep as never, rebuild.createAndersonMemory, outOld), RUNS);
for (let k = 0; k < dimension; k++) identical &&= Object.is(outNew[k], outOld[k]);
console.log(`Caliendo–Parro NAFTA counterfactual (cp-1993, Anderson): median ${median(solveTimes).toFixed(1)} ms over ${RUNS} runs, ${iterations} iterations`);
console.log(`Anderson steps (dimension ${dimension}, depth ${DEPTH}, ${steps} steps replayed), median over ${RUNS} runs:`);
console.log(`  Gram matrix rebuilt each step (before): ${median(oldTimes).toFixed(2)} ms (${((1000 * median(oldTimes)) / steps).toFixed(1)} µs a step)`);
console.log(`  Gram matrix updated (now):              ${median(newTimes).toFixed(2)} ms (${((1000 * median(newTimes)) / steps).toFixed(1)} µs a step)`);
console.log(`  ratio before / now: ${(median(oldTimes) / median(newTimes)).toFixed(2)}×; final outputs identical bit for bit: ${identical}`);

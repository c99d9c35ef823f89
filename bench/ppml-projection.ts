/**
 * The fixed-effect projection of PPML-HDFE, old kernel against new in one process, on the Advanced
 * Guide RTA-lags panel with pair fixed effects (examples/estimate/ag-ch1-rta-lags.yaml: 28,482
 * observations; exporter×year, importer×year and pair_id_2, 3,168 levels; 5 columns — the working
 * response of the first IRLS step and the 4 RTA regressors):
 *
 *   one column at a time   the kernel before this change (bench/baselines/), re-summing D α each sweep
 *   all columns together   projectFixedEffectsColumns: interleaved columns, fused passes, D α carried
 *
 * Both from a zero warm start to the same tolerance; median of BENCH_RUNS (default 5) after a warm-up,
 * CPU time of this process. Also prints the largest difference between their projected columns.
 */
import { readEstimationSpecFile } from "../src/estimation/estimationFile.js";
import { estimationSample } from "../src/estimation/estimationSample.js";
import { fixedEffectStructure } from "../src/estimation/fixedEffectStructure.js";
import { readFrame } from "../src/estimation/frame.js";
import { deriveColumns, sampleRows } from "../src/estimation/prepareFrame.js";
import { createProjectionWorkspace, projectFixedEffectsColumns, setProjectionWeights } from "../src/estimation/projectFixedEffects.js";
import * as oneColumn from "./baselines/projectFixedEffectsOneColumn.js";
import { median } from "./timing.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TOLERANCE = 1e-8;
const MAX_SWEEPS = 100000;

const file = readEstimationSpecFile("examples/estimate/ag-ch1-rta-lags.yaml");
const frame = readFrame(file.dataPath);
const derived = deriveColumns(frame, file.spec.derive);
const sample = estimationSample(derived, file.spec, sampleRows(derived, file.spec.sample));
const structure = fixedEffectStructure(
  sample.factors.map((f) => f.codes),
  sample.factors.map((f) => f.levelCount),
  sample.rows.length,
);
const n = sample.rows.length;
// The first IRLS step (ppmlIrls.ts): μ⁰ = (y + ȳ)/2, ω = μ⁰, z = log μ⁰ + (y − μ⁰)/μ⁰.
let outcomeMean = 0;
for (let k = 0; k < n; k++) outcomeMean += sample.outcome[k] / n;
const weights = Float64Array.from(sample.outcome, (y) => (y + outcomeMean) / 2);
const working = Float64Array.from(sample.outcome, (y, k) => Math.log(weights[k]) + (y - weights[k]) / weights[k]);
const columns = [working, ...sample.regressors];

const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
function time(f: () => void): number {
  f();
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const start = cpuMs();
    f();
    times.push(cpuMs() - start);
  }
  return median(times);
}

const oldOut = columns.map(() => new Float64Array(n));
let oldSweeps = 0;
const oldMs = time(() => {
  const workspace = oneColumn.createProjectionWorkspace(structure);
  oneColumn.setProjectionWeights(structure, weights, workspace);
  oldSweeps = 0;
  columns.forEach((column, c) => {
    oldSweeps += oneColumn.projectFixedEffects(structure, weights, column, new Float64Array(structure.totalLevels), oldOut[c], workspace, TOLERANCE, MAX_SWEEPS).sweeps;
  });
});

const newOut = columns.map(() => new Float64Array(n));
let newSweeps = 0;
const newMs = time(() => {
  const workspace = createProjectionWorkspace(structure, columns.length);
  setProjectionWeights(structure, weights, workspace);
  const outcomes = projectFixedEffectsColumns(
    structure,
    weights,
    columns,
    columns.map(() => new Float64Array(structure.totalLevels)),
    newOut,
    workspace,
    TOLERANCE,
    MAX_SWEEPS,
  );
  newSweeps = outcomes.reduce((total, o) => total + o.sweeps, 0);
});

let largest = 0;
let gap = 0;
columns.forEach((_, c) => {
  for (let k = 0; k < n; k++) {
    largest = Math.max(largest, Math.abs(oldOut[c][k]));
    gap = Math.max(gap, Math.abs(oldOut[c][k] - newOut[c][k]));
  }
});
console.log(`Fixed-effect projection, AG RTA-lags panel with pair FE (${n} observations, ${structure.totalLevels} levels, ${columns.length} columns, tolerance ${TOLERANCE}), median CPU ms over ${RUNS} runs:`);
console.log(`  one column at a time (before): ${oldMs.toFixed(1)} ms, ${oldSweeps} column-sweeps`);
console.log(`  all columns together (now):    ${newMs.toFixed(1)} ms, ${newSweeps} column-sweeps`);
console.log(`  ratio before / now: ${(oldMs / newMs).toFixed(2)}×; max |difference| of projected values ${gap.toExponential(2)} (largest value ${largest.toExponential(2)})`);

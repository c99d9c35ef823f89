/**
 * `npm run bench:scaling`: how solve time grows with the size of the world, on deterministic synthetic
 * worlds (bench/syntheticWorld.ts), so that a change in complexity shows as a change in the fitted
 * exponent. Figures are printed, never asserted.
 *
 *   1. Liberation Day, one sector, N = 50 … 800 countries (3N unknowns): the default Newton–Krylov solve,
 *      with Newton steps, Jacobian–vector products and residual evaluations; its flop count and the
 *      floor that count implies at two rates measured in this process (a register-blocked in-cache
 *      kernel, the best scalar JavaScript does; and a streaming N×N mat-vec, what a product that must
 *      read N×N arrays can do); and, as the in-run baseline, the dense Levenberg–Marquardt solve
 *      (forming and factoring JᵀJ each Jacobian step) up to BENCH_SCALING_DENSE_MAX countries (default 400).
 *   2. Caliendo–Parro with input–output links, N = 20 countries, S = 10 … 100 sectors: baseline solve
 *      (calibrate) and counterfactual solve, Anderson-accelerated iteration, with iteration counts.
 *
 * Times are the median over BENCH_RUNS runs (default 3; more for short solves, to fill 0.5 s) after one
 * warm-up (and a JIT warm-up of every kernel before the first table), as wall and CPU time of this
 * process (CPU time is the steadier one on a shared machine). The exponent is the least-squares slope of
 * log(time) on log(size).
 */
import { caliendoParroModel } from "../src/models/caliendoParro/model.js";
import { caliendoParroParamsSchema } from "../src/models/caliendoParro/params.js";
import { calibrateLiberationDay, defaultLiberationDayParams, solveLiberationDay } from "../src/models/liberationDay/index.js";
import { newRunContext } from "../src/models/types.js";
import type { NewtonKrylovResult } from "../src/solver/newtonKrylov.js";
import { syntheticMultiSectorWorld, syntheticOneSectorWorld } from "./syntheticWorld.js";
import { median } from "./timing.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const DENSE_MAX = Number(process.env.BENCH_SCALING_DENSE_MAX ?? 400);
const COUNTRIES = (process.env.BENCH_SCALING_N ?? "50,100,200,400,800").split(",").map(Number);
const SECTORS = (process.env.BENCH_SCALING_S ?? "10,20,40,70,100").split(",").map(Number);

interface Timing {
  wallMs: number;
  cpuMs: number;
}

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Median wall and CPU time of `f` after one warm-up, over at least `runs` runs and at least 0.5 s (at most 50 runs). */
function measure(f: () => void, runs: number): Timing {
  f();
  const walls: number[] = [];
  const cpus: number[] = [];
  const begin = performance.now();
  for (let r = 0; r < 50 && (r < runs || performance.now() - begin < 500); r++) {
    const wall = performance.now();
    const cpu = cpuMs();
    f();
    cpus.push(cpuMs() - cpu);
    walls.push(performance.now() - wall);
  }
  return { wallMs: median(walls), cpuMs: median(cpus) };
}

/** Least-squares slope of log y on log x. */
function fittedExponent(x: number[], y: number[]): number {
  const lx = x.map(Math.log);
  const ly = y.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let sxy = 0;
  let sxx = 0;
  for (let k = 0; k < lx.length; k++) {
    sxy += (lx[k] - mx) * (ly[k] - my);
    sxx += (lx[k] - mx) ** 2;
  }
  return sxy / sxx;
}

/** GFLOP/s of a 4×4 register-blocked multiply–add kernel on L1-resident data: the compute ceiling of scalar JS here. */
function computeRate(): number {
  const K = 256;
  const a = new Float64Array(4 * K).fill(0.5);
  const b = new Float64Array(4 * K).fill(0.25);
  const c = new Float64Array(16);
  const kernel = () => {
    let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0, c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0; // prettier-ignore
    for (let k = 0; k < K; k++) {
      const a0 = a[4 * k], a1 = a[4 * k + 1], a2 = a[4 * k + 2], a3 = a[4 * k + 3]; // prettier-ignore
      const b0 = b[4 * k], b1 = b[4 * k + 1], b2 = b[4 * k + 2], b3 = b[4 * k + 3]; // prettier-ignore
      c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3; // prettier-ignore
      c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3; // prettier-ignore
      c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3; // prettier-ignore
      c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3; // prettier-ignore
    }
    c[0] += c00 + c01 + c02 + c03 + c10 + c11 + c12 + c13 + c20 + c21 + c22 + c23 + c30 + c31 + c32 + c33;
  };
  for (let r = 0; r < 20000; r++) kernel();
  const reps = 200000;
  const start = cpuMs();
  for (let r = 0; r < reps; r++) kernel();
  return (32 * K * reps) / ((cpuMs() - start) * 1e6);
}

/** GFLOP/s of a row-major N×N mat-vec streaming its matrix (2N² flops), four partial sums per row: the best rate of a product that must read an N×N array. */
function streamingRate(N: number): number {
  const m = Float64Array.from({ length: N * N }, (_, k) => 1 + (k % 7) * 1e-3);
  const v = new Float64Array(N).fill(0.5);
  const out = new Float64Array(N);
  const product = () => {
    for (let i = 0; i < N; i++) {
      const row = i * N;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0; // prettier-ignore
      let k = 0;
      for (; k + 3 < N; k += 4) {
        s0 += m[row + k] * v[k];
        s1 += m[row + k + 1] * v[k + 1];
        s2 += m[row + k + 2] * v[k + 2];
        s3 += m[row + k + 3] * v[k + 3];
      }
      for (; k < N; k++) s0 += m[row + k] * v[k];
      out[i] = s0 + s1 + s2 + s3;
    }
  };
  for (let r = 0; r < 10; r++) product();
  const reps = Math.max(20, Math.round(2e8 / (N * N)));
  const start = cpuMs();
  for (let r = 0; r < reps; r++) product();
  return (2 * N * N * reps) / ((cpuMs() - start) * 1e6);
}

/**
 * Flops of one Newton–Krylov Liberation Day solve, counted from the kernels (a multiply–add as 2):
 * a residual evaluation 7N² (attraction, column totals and revenue 4N²; sales 3N²), a linearisation
 * 5N² (sales and H_ii; it reuses the state of the accepted point), a J·v product 6N² (jacobianVector.ts),
 * 2N² once for the solve-constant weighted shares. O(N) terms, pow calls (3N per evaluation) and
 * GMRES's orthogonalisation (≈ 4·3N per basis vector, under 1% here) are left out.
 */
function newtonKrylovFlops(N: number, result: NewtonKrylovResult): number {
  return N * N * (7 * result.residualEvaluations + 5 * result.iterations + 6 * result.linearIterations + 2);
}

// JIT warm-up of both solvers' kernels, so that the first row does not carry compilation.
{
  const { data, policy } = syntheticOneSectorWorld(100, 3);
  const baseline = calibrateLiberationDay(data, defaultLiberationDayParams);
  for (let r = 0; r < 5; r++) solveLiberationDay(baseline, policy, newRunContext());
  solveLiberationDay(baseline, policy, newRunContext(), { method: "levenberg-marquardt" });
}
const compute = computeRate();
console.log(`Rates measured in this process: register-blocked in-cache kernel ${compute.toFixed(2)} GFLOP/s (the compute floor's rate)`);
console.log("\n1. Liberation Day, one sector (synthetic worlds, seed 1; the largest country levies 10–50% on all others)");
console.log(
  "N".padStart(5) +
    "NK wall ms".padStart(12) +
    "NK cpu ms".padStart(11) +
    "steps".padStart(7) +
    "J·v".padStart(6) +
    "F evals".padStart(9) +
    "GFLOP".padStart(8) +
    "×compute floor".padStart(16) +
    "×stream floor (rate)".padStart(24) +
    "LM cpu ms".padStart(11) +
    "LM steps".padStart(10) +
    "LM/NK".padStart(8),
);
const krylovTimes: number[] = [];
const denseSizes: number[] = [];
const denseTimes: number[] = [];
for (const N of COUNTRIES) {
  const { data, policy } = syntheticOneSectorWorld(N, 1);
  const baseline = calibrateLiberationDay(data, defaultLiberationDayParams);
  let krylov: NewtonKrylovResult | undefined;
  const krylovTiming = measure(() => {
    const outcome = solveLiberationDay(baseline, policy, newRunContext());
    krylov = outcome.solver as NewtonKrylovResult;
  }, RUNS);
  krylovTimes.push(krylovTiming.cpuMs);
  const flops = newtonKrylovFlops(N, krylov!);
  const stream = streamingRate(N);
  const floorCompute = flops / (compute * 1e6);
  const floorStream = flops / (stream * 1e6);
  let denseColumns = "        (not run)";
  if (N <= DENSE_MAX) {
    let steps = 0;
    const dense = measure(() => {
      steps = solveLiberationDay(baseline, policy, newRunContext(), { method: "levenberg-marquardt" }).solver.iterations;
    }, RUNS);
    denseSizes.push(N);
    denseTimes.push(dense.cpuMs);
    denseColumns = dense.cpuMs.toFixed(0).padStart(11) + String(steps).padStart(10) + `${(dense.cpuMs / krylovTiming.cpuMs).toFixed(1)}×`.padStart(8);
  }
  console.log(
    String(N).padStart(5) +
      krylovTiming.wallMs.toFixed(1).padStart(12) +
      krylovTiming.cpuMs.toFixed(1).padStart(11) +
      String(krylov!.iterations).padStart(7) +
      String(krylov!.linearIterations).padStart(6) +
      String(krylov!.residualEvaluations).padStart(9) +
      (flops / 1e9).toFixed(3).padStart(8) +
      `${(krylovTiming.cpuMs / floorCompute).toFixed(1)}×`.padStart(16) +
      `${(krylovTiming.cpuMs / floorStream).toFixed(1)}× (${stream.toFixed(1)} GFLOP/s)`.padStart(24) +
      denseColumns,
  );
}
if (COUNTRIES.length > 1) console.log(`  fitted exponent of NK cpu time in N: ${fittedExponent(COUNTRIES, krylovTimes).toFixed(2)} (O(N²) work per product: 2 when the step counts stay flat)`);
if (denseSizes.length > 1) console.log(`  fitted exponent of LM cpu time in N (N ≤ ${DENSE_MAX}): ${fittedExponent(denseSizes, denseTimes).toFixed(2)} (O(N³) per Jacobian step)`);
console.log("  (the solve includes building the policy terms, N² entries, and the §3.5 report; calibration excluded)");

console.log("\n2. Caliendo–Parro with input–output links, N = 20 (synthetic worlds at their zero-tariff equilibrium, seed 2; random tariffs up to 10%), Anderson-accelerated");
console.log("S".padStart(5) + "baseline cpu ms".padStart(17) + "iters".padStart(7) + "counterfactual cpu ms".padStart(23) + "iters".padStart(7) + "wall ms (both)".padStart(16));
const params = caliendoParroParamsSchema.parse({});
const sectorTimes: number[] = [];
for (const S of SECTORS) {
  const { data, policy } = syntheticMultiSectorWorld(20, S, 2);
  let baselineIterations = 0;
  let counterfactualIterations = 0;
  let baseline = caliendoParroModel.calibrate(data, params, newRunContext());
  const calibrateTiming = measure(() => {
    baseline = caliendoParroModel.calibrate(data, params, newRunContext());
    baselineIterations = baseline.solution.iterations;
  }, RUNS);
  const solveTiming = measure(() => {
    counterfactualIterations = caliendoParroModel.solve(baseline, policy, newRunContext()).solver.iterations;
  }, RUNS);
  sectorTimes.push(calibrateTiming.cpuMs + solveTiming.cpuMs);
  console.log(
    String(S).padStart(5) +
      calibrateTiming.cpuMs.toFixed(1).padStart(17) +
      String(baselineIterations).padStart(7) +
      solveTiming.cpuMs.toFixed(1).padStart(23) +
      String(counterfactualIterations).padStart(7) +
      (calibrateTiming.wallMs + solveTiming.wallMs).toFixed(1).padStart(16),
  );
}
if (SECTORS.length > 1) console.log(`  fitted exponent of cpu time (both solves) in S: ${fittedExponent(SECTORS, sectorTimes).toFixed(2)} (per iteration O(S·N² + N·S²); iteration counts may move too)`);

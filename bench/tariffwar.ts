/**
 * Lashkaripour (2021) global tariff war, as `tradewinds tariff-war --dataset … --elasticities …` runs it:
 * calibration (the balanced-trade baseline) and the 3N Nash system, median wall time of RUNS after one
 * warm-up, with the analytic Jacobian (default) and with forward differences (the baseline run in the same
 * process). Reference: the tariffwar MATLAB package under GNU Octave 7.3 on this kind of machine took about
 * 15 s for WIOD 2014 and 2.5–3 min wall-clock (about 30 s CPU) for ICIO 2022 (issue 10); goals 1 s and 10 s.
 * Then every elasticity set on every dataset once (convergence, iterations, the unweighted mean welfare).
 *
 *   npx tsx bench/tariffwar.ts
 */
import { calibrateLashkaripour } from "../src/models/lashkaripour/baseline.js";
import { solveLashkaripour } from "../src/models/lashkaripour/model.js";
import { lashkaripourParamsSchema } from "../src/models/lashkaripour/params.js";
import { newRunContext, zeroPolicy } from "../src/models/types.js";
import type { Dataset } from "../src/data/dataset.js";
import { loadDataset } from "../src/data/load.js";
import { median, timeIt } from "./timing.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** The package's times under GNU Octave (issue 10), seconds. */
const PACKAGE_SECONDS: Record<string, string> = { "wiod-2014-16": "≈15 s wall", "icio-2022": "150–180 s wall (≈30 s CPU)" };
const PACKAGE_WALL_SECONDS: Record<string, number> = { "wiod-2014-16": 15, "icio-2022": 150 };

function war(data: Dataset, elasticities: string, jacobian: "analytic" | "finite-difference") {
  const baseline = calibrateLashkaripour(data, lashkaripourParamsSchema.parse({ elasticities }));
  const N = data.countries.length;
  return { baseline, outcome: solveLashkaripour(baseline, { ...zeroPolicy(data), tariffSetters: [...Array(N).keys()] }, newRunContext(), { jacobian }) };
}

console.log(`Lashkaripour tariff war, elasticities IS: median ms over ${RUNS} runs after 1 warm-up (calibration = balancing; Nash = 3N system)`);
console.log("dataset".padEnd(14) + "Jacobian".padEnd(19) + "calibrate ms".padStart(13) + "Nash ms".padStart(10) + "total ms".padStart(10) + "LM steps".padStart(10) + "CPU ms".padStart(9) + "   package (Octave)");
for (const tag of ["wiod-2014-16", "icio-2022"]) {
  const data = loadDataset(tag);
  const totals: Record<string, number> = {};
  for (const jacobian of ["analytic", "finite-difference"] as const) {
    const runs = jacobian === "analytic" ? RUNS : Math.max(1, Math.min(RUNS, 3));
    let steps = 0;
    const calibrate = timeIt(() => void calibrateLashkaripour(data, lashkaripourParamsSchema.parse({ elasticities: "IS" })), runs);
    const cpuBefore = process.cpuUsage();
    const total = timeIt(() => {
      steps = war(data, "IS", jacobian).outcome.solver.iterations;
    }, runs);
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000 / (runs + 1);
    totals[jacobian] = median(total);
    console.log(
      tag.padEnd(14) +
        jacobian.padEnd(19) +
        median(calibrate).toFixed(0).padStart(13) +
        (median(total) - median(calibrate)).toFixed(0).padStart(10) +
        median(total).toFixed(0).padStart(10) +
        String(steps).padStart(10) +
        cpuMs.toFixed(0).padStart(9) +
        `   ${PACKAGE_SECONDS[tag]}`,
    );
  }
  console.log(
    `  ${tag}: analytic Jacobian ${(totals["finite-difference"] / totals.analytic).toFixed(1)}× faster than forward differences; ` +
      `${((PACKAGE_WALL_SECONDS[tag] * 1000) / totals.analytic).toFixed(0)}× faster than the package's ${PACKAGE_WALL_SECONDS[tag]} s wall time`,
  );
}

console.log("\nEvery elasticity set on every dataset (one run each, analytic Jacobian):");
console.log("dataset".padEnd(14) + "set".padEnd(6) + "balance".padStart(9) + "Nash".padStart(6) + "LM steps".padStart(10) + "total ms".padStart(10) + "mean welfare %".padStart(16) + "mean Nash tariff %".padStart(20));
for (const tag of ["wiod-2014-16", "icio-2019", "icio-2021", "icio-2022"]) {
  const data = loadDataset(tag);
  const N = data.countries.length;
  for (const set of Object.keys(data.elasticitySets!)) {
    const start = performance.now();
    const { baseline, outcome } = war(data, set, "analytic");
    const ms = performance.now() - start;
    let tariff = 0;
    for (let k = 0; k < N; k++) tariff += outcome.solution[2 * N + k] - 1;
    console.log(
      tag.padEnd(14) +
        set.padEnd(6) +
        (baseline.balance.converged ? "ok" : "FAILED").padStart(9) +
        (outcome.solver.converged ? "ok" : "FAILED").padStart(6) +
        String(outcome.solver.iterations).padStart(10) +
        ms.toFixed(0).padStart(10) +
        outcome.scalars!.meanWelfareChangePct.toFixed(4).padStart(16) +
        ((100 * tariff) / N).toFixed(2).padStart(20),
    );
  }
}

// Eq. 14 is the paper's sufficient-statistics formula; the uniform tariff that maximises the setter's welfare
// in the model itself (others at applied tariffs) is found by golden section for comparison.
{
  const { maximizeScalar } = await import("../src/solver/goldenSection.js");
  const data = loadDataset("wiod-2014-16");
  const N = data.countries.length;
  const S = data.sectors.length;
  const baseline = calibrateLashkaripour(data, lashkaripourParamsSchema.parse({ elasticities: "IS" }));
  console.log("\nEq. 14 against the model's own optimum of a uniform tariff (WIOD 2014, IS; each country alone, others at applied tariffs):");
  console.log("country".padEnd(9) + "eq. 14 rate %".padStart(15) + "welfare %".padStart(11) + "argmax rate %".padStart(15) + "welfare %".padStart(11) + "gap pp".padStart(10));
  for (const code of ["USA", "CHN", "JPN", "DEU"]) {
    const j = data.countries.findIndex((c) => c.code === code);
    const formula = solveLashkaripour(baseline, { ...zeroPolicy(data), tariffSetters: [j] }, newRunContext());
    const welfareAt = (rate: number) => {
      const policy = zeroPolicy(data);
      for (let s = 0; s < S; s++) for (let i = 0; i < N; i++) if (i !== j) policy.tariffs[(s * N + i) * N + j] = rate;
      return solveLashkaripour(baseline, policy, newRunContext()).countries.welfareChangePct[j];
    };
    const best = maximizeScalar(welfareAt, 0, 1, 1e-6);
    const w = formula.countries.welfareChangePct[j];
    console.log(
      code.padEnd(9) +
        (100 * (formula.solution[2 * N] - 1)).toFixed(3).padStart(15) +
        w.toFixed(5).padStart(11) +
        (100 * best.value.x).toFixed(3).padStart(15) +
        best.value.f.toFixed(5).padStart(11) +
        (best.value.f - w).toFixed(5).padStart(10),
    );
  }
}

// Ossa (2014) on the same data (σ = ε + 1 of IS): one country's optimal tariffs ((N−1)·S instruments), the
// piece `tradewinds tariff-war --model ossa` repeats for every country (and, with --nash, in every round).
// BENCH_OSSA=0 skips it (about a minute on ICIO 2022).
if (process.env.BENCH_OSSA !== "0") {
  const { ossaTariffWarEconomy } = await import("../src/strategy/tariffWar.js");
  const { instrumentIndices, optimalTariffs } = await import("../src/models/ossa/optimalTariffs.js");
  console.log("\nOssa (2014) optimal tariffs of the USA alone, σ = IS + 1, flows at exporter prices (one run):");
  console.log("dataset".padEnd(14) + "instruments".padStart(12) + "baseline ms".padStart(13) + "search s".padStart(10) + "iterations".padStart(12) + "  converged");
  for (const tag of ["wiod-2014-16", "icio-2022"]) {
    const data = loadDataset(tag);
    const N = data.countries.length;
    const S = data.sectors.length;
    let start = performance.now();
    const { economy } = ossaTariffWarEconomy(data, { elasticities: "IS" });
    const baselineMs = performance.now() - start;
    const j = data.countries.findIndex((c) => c.code === "USA");
    const instruments = instrumentIndices(N, S, j);
    start = performance.now();
    const result = optimalTariffs(economy, j, economy.tariffs, Float64Array.from(instruments, (k) => 1 / (economy.sigma[Math.floor(k / (N * N))] - 1)), { maxIterations: 3000 });
    console.log(
      tag.padEnd(14) +
        String(instruments.length).padStart(12) +
        baselineMs.toFixed(0).padStart(13) +
        ((performance.now() - start) / 1000).toFixed(1).padStart(10) +
        String(result.optimiser.iterations).padStart(12) +
        `  ${result.optimiser.converged}`,
    );
  }
}

/**
 * Liberation Day Case 1 (April-2 US tariffs, income-tax relief; Ignatenko et al. 2025 Table 1) on
 * world-2023: wall time of one counterfactual solve (3N = 582 unknowns): dense Levenberg–Marquardt with
 * chord steps and the forward-difference Jacobian (baseline) or the analytic one, and the default
 * Newton–Krylov solve (GMRES on the matrix-free J·v); median over runs after a warm-up; calibration excluded.
 */
import { loadDataset } from "../src/data/load.js";
import { calibrateLiberationDay, defaultLiberationDayParams, solveLiberationDay } from "../src/models/liberationDay/index.js";
import { newRunContext, zeroPolicy } from "../src/models/types.js";
import { modelCatalog } from "../src/models/available.js";
import { numericalOptimalUniformTariff, welfareAtUniformTariff } from "../src/strategy/numericalOptimalTariff.js";
import { median, timeIt } from "./timing.js";

const RUNS = 5;
const medians = new Map<string, number>();
const data = loadDataset("world-2023");
const baseline = calibrateLiberationDay(data, defaultLiberationDayParams);
const policy = zeroPolicy(data);
policy.tariffs = Float64Array.from(data.tariffs["us-reciprocal-2025-04-02"]);
const variants = [
  ["LM, finite-difference Jacobian", { method: "levenberg-marquardt", jacobian: "finite-difference" }],
  ["LM, analytic Jacobian", { method: "levenberg-marquardt", jacobian: "analytic" }],
  ["Newton–Krylov, matrix-free J·v", { method: "newton-krylov" }],
] as const;
for (const [label, options] of variants) {
  let iterations = 0;
  let residual = 0;
  const times = timeIt(() => {
    const outcome = solveLiberationDay(baseline, policy, newRunContext(), options);
    iterations = outcome.solver.iterations;
    residual = outcome.solver.residual;
  }, RUNS);
  medians.set(label, median(times));
  console.log(`Liberation Day Case 1 solve, ${label}: median ${median(times).toFixed(0)} ms over ${RUNS} runs (all: ${times.map((t) => t.toFixed(0)).join(", ")}); ${iterations} steps, max|scaled residual| ${residual.toExponential(2)}`);
}
console.log(`  ratio LM finite-difference / LM analytic: ${(medians.get(variants[0][0])! / medians.get(variants[1][0])!).toFixed(2)}×; LM analytic / Newton–Krylov: ${(medians.get(variants[1][0])! / medians.get(variants[2][0])!).toFixed(2)}×`);

// The closed-form US optimal tariff t* (the paper's run 4) against the numerical optimum of a uniform
// US tariff in the same model (golden section to 0.05 pp), with the welfare at each.
const entry = modelCatalog["liberation-day"];
const us = data.countries.findIndex((c) => c.code === "USA");
const tStar = entry.closedFormRates!(baseline).optimalTariff(us, "expenditure");
const start = performance.now();
const search = numericalOptimalUniformTariff(entry, baseline, data, zeroPolicy(data), us, 0.1, 0.4, 5e-4);
const searchMs = performance.now() - start;
const atStar = welfareAtUniformTariff(entry, baseline, data, zeroPolicy(data), us, tStar);
console.log(
  `US optimal uniform tariff: closed form t* = ${(100 * tStar).toFixed(2)}% (US welfare ${atStar.toFixed(4)}%); numerical optimum ${(100 * search.value.x).toFixed(2)}% (US welfare ${search.value.f.toFixed(4)}%), ` +
    `${search.iterations} golden-section steps, ${(searchMs / 1000).toFixed(1)} s`,
);

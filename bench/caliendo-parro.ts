/**
 * Caliendo–Parro (2015) NAFTA on cp-1993 (31 regions × 40 sectors with IO): wall time of the baseline
 * solve (calibrate) and the counterfactual solve (NAFTA 2005 tariffs) in both deficit cases, with the
 * package's plain damped iteration and with its Anderson-accelerated form (the default). Median of RUNS
 * after one warm-up. Reference: a numpy implementation of the damped iteration takes about 2 s per
 * solve (spec caliendo-parro-and-ossa.md §1.5); the goal is under 250 ms per solve.
 */
import { loadDataset } from "../src/data/load.js";
import { caliendoParroModel, type CaliendoParroBaseline } from "../src/models/caliendoParro/model.js";
import { caliendoParroParamsSchema } from "../src/models/caliendoParro/params.js";
import { newRunContext, zeroPolicy, type ModelOutcome } from "../src/models/types.js";
import { median, timeIt } from "./timing.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const data = loadDataset("cp-1993");
const nafta = { ...zeroPolicy(data), tariffs: Float64Array.from(data.tariffs["nafta-2005"]) };

console.log(`Caliendo–Parro NAFTA (cp-1993, 31×40 with IO): median ms over ${RUNS} runs after 1 warm-up`);
console.log("deficits".padEnd(16) + "method".padEnd(10) + "baseline ms".padStart(13) + "iters".padStart(7) + "NAFTA ms".padStart(10) + "iters".padStart(7));
for (const deficits of ["zero-aggregate", "held"] as const) {
  for (const method of ["anderson", "damped"] as const) {
    const params = caliendoParroParamsSchema.parse({ deficits, method });
    let baseline: CaliendoParroBaseline | undefined;
    let outcome: ModelOutcome | undefined;
    const calibrateTimes = timeIt(() => {
      baseline = caliendoParroModel.calibrate(data, params, newRunContext());
    }, RUNS);
    const solveTimes = timeIt(() => {
      outcome = caliendoParroModel.solve(baseline!, nafta, newRunContext());
    }, RUNS);
    console.log(
      deficits.padEnd(16) +
        method.padEnd(10) +
        median(calibrateTimes).toFixed(1).padStart(13) +
        String(baseline!.solution.iterations).padStart(7) +
        median(solveTimes).toFixed(1).padStart(10) +
        String(outcome!.solver.iterations).padStart(7),
    );
  }
}

/**
 * The cost of quantity targets (issue 11): for each phase of the deal examples that has targets, the wall time of
 * solving it with its targets (solveTargets.ts: equilibrium solves, warm-started, then one from the model's own
 * start) against one solve of the same phase with the wedges found fixed — the ratio is what meeting the
 * targets costs over a tariff of the same size. Median of RUNS after one warm-up; printed, never asserted.
 */
import { readFileSync } from "node:fs";
import { withBaselineTariffs } from "../src/data/dataset.js";
import { loadDataset } from "../src/data/load.js";
import { modelCatalog } from "../src/models/available.js";
import { withWedges } from "../src/models/instruments/applyWedges.js";
import { solveWithTargets } from "../src/models/instruments/solveTargets.js";
import { newRunContext, type ModelOutcome } from "../src/models/types.js";
import { compilePhase } from "../src/scenario/compile.js";
import { normalizeScenario, phaseInForce } from "../src/scenario/normalize.js";
import { validateScenarioText } from "../src/scenario/validate.js";
import { median, timeIt } from "./timing.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

console.log(`Quantity targets: median ms over ${RUNS} runs after 1 warm-up (targets met vs the same wedges fixed)`);
console.log("example / phase".padEnd(48) + "targets".padStart(8) + "solves".padStart(8) + "with targets".padStart(14) + "fixed".padStart(9) + "ratio".padStart(8));
for (const file of ["examples/us-japan-deal.yaml", "examples/japan-2025-sectors.yaml"]) {
  const input = validateScenarioText(readFileSync(file, "utf8"), file);
  const data = withBaselineTariffs(loadDataset(input.dataset), input.baselineTariffs, file);
  const scenario = normalizeScenario(input, data, modelCatalog, file);
  const entry = modelCatalog[scenario.modelType];
  const baseline = entry.model.calibrate(data, scenario.phases[0].modelParams as never, newRunContext());
  scenario.phases.forEach((_, p) => {
    const policy = compilePhase(phaseInForce(scenario.phases, p), data, undefined, { source: file, phasePath: `phases[${p}]` }).policy;
    const targets = policy.targets ?? [];
    if (targets.length === 0) return;
    let outcome: ModelOutcome | undefined;
    const withTargets = timeIt(() => {
      outcome = solveWithTargets(entry, baseline, policy, newRunContext(), data, file);
    }, RUNS);
    const reports = outcome!.instruments!.filter((i) => i.kind !== "investment-pledge");
    const rates = Float64Array.from(reports, (i) => i.values.instrumentWedgeRate);
    const wanted = Float64Array.from(reports, (i) => i.values.instrumentTarget);
    const fixedPolicy = { ...withWedges(policy, targets, rates, wanted, outcome!.flows!.baseline, data.countries.length), targets: undefined };
    const fixed = timeIt(() => entry.model.solve(baseline, fixedPolicy, newRunContext()), RUNS);
    const solves = /(\d+) equilibrium solves/.exec(outcome!.solver.method)?.[1] ?? "1";
    const label = `${file.replace("examples/", "")} / ${scenario.phases[p].name}`;
    console.log(label.padEnd(48) + String(targets.length).padStart(8) + solves.padStart(8) + median(withTargets).toFixed(0).padStart(14) + median(fixed).toFixed(0).padStart(9) + (median(withTargets) / median(fixed)).toFixed(1).padStart(8));
  });
}

import { loadDataset } from "../../src/data/load.js";
import { calibrateLiberationDay } from "../../src/models/liberationDay/baseline.js";
import { liberationDayParamsSchema } from "../../src/models/liberationDay/params.js";
import { solveLiberationDay } from "../../src/models/liberationDay/solve.js";
import { newRunContext, zeroPolicy, type CompiledPolicy } from "../../src/models/types.js";

/** The policies of tests/liberationDay-workspace.test.ts on world-2023, by name. */
export type PolicyName = "april-2" | "april-2-and-embargo" | "none";

function policyOf(name: PolicyName): { policy: CompiledPolicy; baselineOf: ReturnType<typeof calibrate> } {
  const data = loadDataset("world-2023");
  const policy = zeroPolicy(data);
  if (name !== "none") policy.tariffs = Float64Array.from(data.tariffs["us-reciprocal-2025-04-02"]);
  if (name === "april-2-and-embargo") {
    // The US and China stop trading with each other: links cut, so the isolation analysis runs on this policy's pattern.
    const N = data.countries.length;
    const usa = data.countries.findIndex((c) => c.code === "USA");
    const chn = data.countries.findIndex((c) => c.code === "CHN");
    policy.tradeCostFactors[usa * N + chn] = Infinity;
    policy.tradeCostFactors[chn * N + usa] = Infinity;
  }
  return { policy, baselineOf: calibrate(data) };
}

function calibrate(data: ReturnType<typeof loadDataset>) {
  return calibrateLiberationDay(data, liberationDayParamsSchema.parse({}));
}

/** The Liberation Day outcome of `name` on world-2023, with its baseline. */
export function solveNamedOutcome(name: PolicyName) {
  const { policy, baselineOf } = policyOf(name);
  return { baseline: baselineOf, outcome: solveLiberationDay(baselineOf, policy, newRunContext()) };
}

/** Welfare of every country and the counterfactual flows of a Liberation Day solve of `name`. */
export function solveNamed(name: PolicyName): { welfare: number[]; flows: number[] } {
  const { outcome } = solveNamedOutcome(name);
  return { welfare: [...outcome.countries.welfareChangePct], flows: [...outcome.flows.counterfactual] };
}

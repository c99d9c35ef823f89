import { describe, expect, it } from "vitest";
import { runOffThread } from "./support/offThread.js";
import { solveNamed, solveNamedOutcome, type PolicyName } from "./support/liberationDayPolicies.js";
import { calibrateLiberationDay } from "../src/models/liberationDay/baseline.js";
import { liberationDayParamsSchema } from "../src/models/liberationDay/params.js";
import { solveLiberationDay } from "../src/models/liberationDay/solve.js";
import { newRunContext, zeroPolicy } from "../src/models/types.js";
import { handDataset } from "./support/handDataset.js";

// A Liberation Day solve takes over the scratch arrays of the previous solve of the same size on its thread
// (models/liberationDay/solveWorkspace.ts) and keeps the isolation analysis of a baseline's own trade pattern.
// Whatever this thread solved before — another policy, one that cuts links, another size — every solve must
// equal, bit for bit, the same solve on a thread that has solved nothing.

const SLOW = 300_000;

describe("a Liberation Day solve does not depend on what its thread solved before", () => {
  it("April 2, April 2 with a US–China embargo, no policy, a three-country world, then all again: each equals a fresh thread's solve", { timeout: SLOW }, async () => {
    const order: PolicyName[] = ["april-2", "april-2-and-embargo", "none"];
    const fresh = new Map<PolicyName, { welfare: number[]; flows: number[] }>();
    for (const name of order) fresh.set(name, await runOffThread("liberationDayFreshSolve", name));
    for (let round = 0; round < 2; round++) {
      for (const name of order) {
        const here = solveNamed(name);
        expect(here.welfare, `${name}, round ${round + 1}`).toEqual(fresh.get(name)!.welfare);
        expect(here.flows, `${name}, round ${round + 1}`).toEqual(fresh.get(name)!.flows);
      }
      // A solve of another size in between (its own workspace; the world-2023 one stays kept).
      const small = { ...handDataset(["AAA", "BBB", "CCC"], [50, 10, 5, 8, 60, 4, 6, 9, 40]), parameters: { "liberationDay.nu": [0.2, 0.2, 0.2] } };
      const outcome = solveLiberationDay(calibrateLiberationDay(small, liberationDayParamsSchema.parse({})), zeroPolicy(small), newRunContext());
      expect([...outcome.countries.welfareChangePct]).toEqual(new Array(small.countries.length).fill(0));
    }
    // The embargo changed something: the fixture is not three copies of one solve.
    expect(fresh.get("april-2-and-embargo")!.welfare).not.toEqual(fresh.get("april-2")!.welfare);
  });

  it("an outcome's counterfactual flows, read after other solves reused the scratch, equal a fresh thread's; their row sums are the reported exports", { timeout: SLOW }, async () => {
    const order: PolicyName[] = ["april-2-and-embargo", "april-2", "none"];
    // Solve all three first; read the flows only afterwards (they are formed when first read).
    const solved = order.map((name) => ({ name, ...solveNamedOutcome(name) }));
    for (const { name, baseline, outcome } of solved) {
      const fresh = await runOffThread<{ welfare: number[]; flows: number[] }>("liberationDayFreshSolve", name);
      const flows = outcome.flows.counterfactual;
      expect([...flows], name).toEqual(fresh.flows);
      expect(outcome.flows.counterfactual, "formed once").toBe(flows);
      // Σ_{j≠i} X′_ij = exports_i · (1 + exportsChangePct_i/100): the report's figure from the same flows, summed apart.
      const { N } = baseline;
      for (let i = 0; i < N; i++) {
        let before = 0;
        let after = 0;
        for (let j = 0; j < N; j++) if (j !== i) (before += baseline.flows[i * N + j]), (after += flows[i * N + j]);
        expect(Math.abs(after - before * (1 + outcome.countries.exportsChangePct[i] / 100)), `${name} ${baseline.codes[i]}`).toBeLessThanOrEqual(1e-9 * before);
      }
      if (name === "april-2-and-embargo") {
        const usa = baseline.codes.indexOf("USA");
        const chn = baseline.codes.indexOf("CHN");
        expect([flows[usa * N + chn], flows[chn * N + usa]]).toEqual([0, 0]);
      }
    }
  });
});

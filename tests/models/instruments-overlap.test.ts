import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/run.js";
import { expectSameOutcome } from "../support/dealHelpers.js";

/**
 * Instruments on the same flows (issue 11): two caps — the tighter binds and the looser rests exactly at its
 * lower bound (not binding), so the equilibrium is the tighter one's alone; a quota on flows a tariff-rate quota
 * covers stacks on the tariff-rate quota's rate instead of being overwritten by it (the tariff-rate quota's rent,
 * (10% − 0%)·volume, is the importer's either way: the same income as the stacked tariff's revenue).
 */

/** Outcomes to 1e-8: targets met to 100 × the solver tolerance of 1e-12 (as in instruments-duality.test.ts). */
const TOL_OUTCOME = 1e-8;

const solve = (shocks: string[]) =>
  runScenario(
    ["name: overlap", "dataset: gtap-2007", "model: { type: caliendo-parro, tolerance: 1e-12 }", "report: { countries: [JPN, BRA], bilateral: [[BRA, JPN]] }", "phases:", "  - name: p", "    shocks:", ...shocks.map((s) => `      - ${s}`)].join("\n"),
  ).phases[0];

describe("instruments on the same flows", () => {
  it("a 50% quota and a 99.9% export restriction on Brazil's soybean and car exports: the restriction binds, the quota is slack at exactly 0", () => {
    const restriction = "{ type: export-restriction, exporter: BRA, importer: all, sectors: [osd, mvh], per: partner, cut: 0.999 }";
    const both = solve(["{ type: quota, importer: all, exporter: BRA, sectors: [osd, mvh], per: partner, share: 0.5, rent: exporter }", restriction]);
    const alone = solve([restriction]);
    expect(both.converged).toBe(true);
    const quotas = both.instruments!.filter((i) => i.kind === "quota");
    expect(quotas.length).toBeGreaterThan(0);
    for (const q of quotas) {
      expect(q.binding).toBe(false);
      expect(q.values.instrumentWedgeRate).toBe(0);
    }
    expectSameOutcome(both, alone, TOL_OUTCOME, "both caps vs the tighter alone");
  });

  it("a quota on flows a tariff-rate quota covers stacks on its out-of-quota rate: the equilibrium of the tariff (1.1)(1 + r) − 1", () => {
    // The tariff-rate quota (in 0%, out 10%, volume 30% of the flow) is filled well past its volume at 10%: its rate is the
    // out-of-quota 10%. The quota (60% of the flow) binds on top, as a tariff-equivalent r multiplying 1.1.
    // The quota comes first in the scenario: the tariff-rate quota must not overwrite its wedge.
    const both = solve(["{ type: quota, importer: JPN, exporter: BRA, sectors: [osd], share: 0.6 }", "{ type: tariff-rate-quota, importer: JPN, exporter: BRA, sectors: [osd], share: 0.3, inQuota: 0, outOfQuota: 0.1 }"]);
    expect(both.converged).toBe(true);
    const quota = both.instruments!.find((i) => i.kind === "quota")!;
    const trq = both.instruments!.find((i) => i.kind === "tariff-rate-quota")!;
    expect(trq.values.instrumentWedgeRate).toBe(0.1);
    expect(quota.binding).toBe(true);
    const rate = 1.1 * (1 + quota.values.instrumentWedgeRate) - 1;
    const tariff = solve([`{ type: tariff, importer: JPN, exporter: BRA, sectors: [osd], set: ${rate} }`]);
    expectSameOutcome(both, tariff, TOL_OUTCOME, "quota over a filled tariff-rate quota vs the stacked tariff");
  });
});

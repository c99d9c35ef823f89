import { describe, expect, it } from "vitest";
import { dealMessage, message } from "../../src/messages.js";
import { MAX_DEMAND_SHIFTER, MAX_PRODUCTIVITY_FACTOR } from "../../src/models/instruments/types.js";
import { runScenario } from "../../src/run.js";
import { handDataset } from "../support/handDataset.js";
import { inputIssuesOf } from "../support/inputIssues.js";

/**
 * Bad deal instruments are input errors naming the field, the value and the fix (issue 11): values below zero,
 * cuts of 100% or more, a commitment larger than everything the importer buys, instruments a model cannot take,
 * an unknown compareWith phase. A target the solver cannot reach is reported not converged, never approximated.
 */
const issuesOf = inputIssuesOf;

const scenario = (model: string, dataset: string, shocks: string[], extra: string[] = []) =>
  ["name: t", `dataset: ${dataset}`, `model: ${model}`, "phases:", "  - name: a", ...extra, "    shocks:", ...shocks.map((s) => `      - ${s}`)].join("\n");
const cp = "{ type: caliendo-parro }";

describe("deal instruments: bad input", () => {
  it("a quota below zero names the field, the value and the fix", () => {
    const [issue] = issuesOf(() => runScenario(scenario(cp, "gtap-2007", ["{ type: quota, importer: JPN, exporter: USA, value: -5 }"])));
    expect(issue.path).toBe("phases[0].shocks[0].value");
    expect(issue.value).toBe("-5");
    expect(issue.message).toBe(dealMessage.valueNotPositive("The quota (cap on the covered flow)"));
  });

  it("a cut of 100% is an embargo, said so", () => {
    const [issue] = issuesOf(() => runScenario(scenario(cp, "gtap-2007", ['{ type: export-restriction, exporter: CHN, importer: JPN, cut: "100%" }'])));
    expect(issue.path).toBe("phases[0].shocks[0].cut");
    expect(issue.value).toBe('"100%"');
    expect(issue.message).toBe(dealMessage.shareOutOfRange("cut", 0, 1, true));
  });

  it("a commitment needs exactly one of value and increase; as goes with value", () => {
    const [one] = issuesOf(() => runScenario(scenario(cp, "gtap-2007", ["{ type: purchase-commitment, importer: JPN, exporter: USA, value: 5, increase: 0.1 }"])));
    expect(one.message).toBe(dealMessage.giveOneOf(["value", "increase"]));
    const [as] = issuesOf(() => runScenario(scenario(cp, "gtap-2007", ["{ type: purchase-commitment, importer: JPN, exporter: USA, increase: 0.1, as: floor }"])));
    expect(as.path).toBe("phases[0].shocks[0].as");
    expect(as.message).toBe(dealMessage.goesWith("as", "value"));
  });

  it("a tariff-rate quota charging less beyond the quota than within", () => {
    const [issue] = issuesOf(() => runScenario(scenario(cp, "gtap-2007", ["{ type: tariff-rate-quota, importer: JPN, exporter: USA, value: 5, inQuota: 0.2, outOfQuota: 0.1 }"])));
    expect(issue.path).toBe("phases[0].shocks[0].outOfQuota");
    expect(issue.message).toBe(dealMessage.outOfQuotaBelowInQuota(0.2, 0.1));
  });

  it("a commitment larger than the importer's whole spending on the covered goods", () => {
    // Two countries, one sector: B buys 20 from A and 80 from itself — 100 in all, so 150 more than 20 cannot be bought.
    const data = handDataset(["AAA", "BBB"], [80, 20, 20, 80]);
    const [issue] = issuesOf(() => runScenario(scenario("{ type: caliendo-parro, tradeElasticity: 4 }", "hand", ["{ type: purchase-commitment, importer: BBB, exporter: AAA, value: 150 }"]), { dataset: data }));
    expect(issue.path).toBe("phases[0].shocks[0].value");
    expect(issue.value).toBe("150");
    expect(issue.message).toBe(dealMessage.commitmentExceedsSpending(170, 100, data.meta.units));
  });

  it("a commitment that would need a shifter beyond its bound is reported not converged, with the reason", () => {
    // a = F·D/(M·(Y − F)) (instruments-closed-forms.test.ts) exceeds MAX_DEMAND_SHIFTER for F this close to Y = 100.
    const F = 100 - 1e-5;
    expect((F * 80) / (20 * (100 - F))).toBeGreaterThan(MAX_DEMAND_SHIFTER);
    const data = handDataset(["AAA", "BBB"], [80, 20, 20, 80]);
    const phase = runScenario(scenario("{ type: caliendo-parro, tradeElasticity: 4 }", "hand", [`{ type: purchase-commitment, importer: BBB, exporter: AAA, value: ${F}, as: floor }`]), { dataset: data }).phases[0];
    expect(phase.converged).toBe(false);
    expect(phase.solver.warnings).toContain(dealMessage.targetUnreachable("BBB buys from AAA", `demand-shifter rate ${MAX_DEMAND_SHIFTER - 1}`));
  });

  it("a flow the data do not have cannot be a target", () => {
    const data = handDataset(["AAA", "BBB", "CCC"], [80, 20, 0, 20, 80, 5, 0, 5, 90]);
    const [issue] = issuesOf(() => runScenario(scenario("{ type: caliendo-parro, tradeElasticity: 4 }", "hand", ["{ type: quota, importer: CCC, exporter: AAA, share: 0.5 }"]), { dataset: data }));
    expect(issue.path).toBe("phases[0].shocks[0]");
    expect(issue.message).toBe(dealMessage.noCoveredFlows("quota"));
  });

  it("a model that cannot take an instrument says so, naming itself", () => {
    const issues = issuesOf(() => runScenario(scenario("{ type: liberation-day }", "world-2023", ["{ type: export-restriction, exporter: CHN, importer: JPN, cut: 0.5 }"])));
    expect(issues.map((i) => i.path)).toEqual(["phases[0].shocks[0].cut"]);
    expect(issues[0].message).toBe(dealMessage.instrumentNotSupported("export-restriction", "with the rent (export-tax revenue) to the exporter", "liberation-day", "use model caliendo-parro or lashkaripour"));
    const [gravity] = issuesOf(() => runScenario(scenario("{ type: gegravity }", "gegravity-2006", ["{ type: purchase-commitment, importer: JPN, exporter: USA, increase: 0.1 }"])));
    expect(gravity.path).toBe("phases[0].shocks[0].type");
    expect(gravity.message).toBe(message.shockNotSupported("purchase-commitment", "gegravity", ["covariate", "trade-cost", "tariff", "tariff-schedule", "embargo"]));
  });

  it("a pledge names one investor and one host", () => {
    const [issue] = issuesOf(() => runScenario(scenario(cp, "gtap-2007", ["{ type: investment-pledge, investor: JPN, host: [USA, BRA], value: 100 }"])));
    expect(issue.path).toBe("phases[0].shocks[0].host");
  });

  it("a pledge that would change a sector's productivity more than a hundredfold", () => {
    // Two countries, one sector: B sells 80 at home (share 0.8) and 20 to A (share 0.2), so Σ_j (1 − π_Bj)·X_Bj = 0.2·80 + 0.8·20 = 32,
    // and T̂ = exp(V ⁄ 32) reaches 100 at V = 32·ln 100.
    const data = handDataset(["AAA", "BBB"], [80, 20, 20, 80]);
    const largest = 32 * Math.log(MAX_PRODUCTIVITY_FACTOR);
    const run = (value: number) => runScenario(scenario("{ type: caliendo-parro, tradeElasticity: 4 }", "hand", [`{ type: investment-pledge, investor: AAA, host: BBB, value: ${value} }`]), { dataset: data });
    const [issue] = issuesOf(() => run(1e9));
    expect(issue.path).toBe("phases[0].shocks[0].value");
    expect(issue.message).toBe(dealMessage.pledgeTooLarge("ALL", MAX_PRODUCTIVITY_FACTOR, largest));
    expect(run(0.99 * largest).phases[0].instruments![0].values.pledgeHostProductivity).toBeCloseTo(Math.exp((0.99 * largest) / 32), 10);
  });

  it("compareWith names a phase of the scenario", () => {
    const [issue] = issuesOf(() => runScenario(scenario(cp, "gtap-2007", ["{ type: tariff, importer: JPN, exporter: USA, add: 0.1 }"], ["    compareWith: no-deal"])));
    expect(issue.path).toBe("phases[0].compareWith");
    expect(issue.message).toBe(dealMessage.compareWithUnknown("no-deal", ["a"]));
  });

  it("nash-tariffs and deal instruments in one phase", () => {
    const [issue] = issuesOf(() => runScenario(scenario("{ type: lashkaripour }", "wiod-2014-16", ["{ type: nash-tariffs, importer: USA }", "{ type: purchase-commitment, importer: JPN, exporter: USA, increase: 0.1 }"])));
    expect(issue.path).toBe("phases[0].shocks[1].type");
    expect(issue.message).toBe(dealMessage.dealWithNash());
  });
});

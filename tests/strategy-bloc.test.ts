import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Dataset } from "../src/data/dataset.js";
import { TradewindsInputError, message } from "../src/messages.js";
import { runScenario } from "../src/run.js";
import { runBloc } from "../src/strategy/runBloc.js";
import { dominantChoice, membershipComparisons, setStability } from "../src/strategy/stability.js";
import { expectClose } from "./support/expectClose.js";
import { handDataset } from "./support/handDataset.js";

// Bloc formation (spec ../shared/spec/scenarios-and-strategy.md §3): stability of membership sets
// (d'Aspremont, Jacquemin, Gabszewicz & Weymark 1983), checked on hand payoff tables and against
// equilibria solved directly from explicit scenarios.

/** Two solves of the same tariff arrays from the same start agree to the last bits; allow rounding. */
const TOL_SAME_EQUILIBRIUM_PCT = 1e-10;

describe("setStability(payoff, k) on hand-made payoff tables", () => {
  // k = 2, candidates A (bit 0) and B (bit 1); payoff[mask*2 + c].
  // mask 0 {}: A 0, B 0; mask 1 {A}: A 1, B 2; mask 2 {B}: A 2, B -1; mask 3 {A,B}: A 0.5, B 0.5.
  const payoff = Float64Array.from([0, 0, 1, 2, 2, -1, 0.5, 0.5]);
  const st = setStability(payoff, 2, 0);
  it("internal: a member leaves if W_m(S∖{m}) > W_m(S); external: an outsider joins if W_o(S∪{o}) > W_o(S)", () => {
    // {}: A joining gives 1 > 0 → A would join; B joining gives -1 < 0 → B stays out.
    expect(st[0]).toMatchObject({ internallyStable: true, externallyStable: false, wouldJoin: [0] });
    // {A}: A leaving gives 0 < 1 → stays; B joining gives 0.5 < 2 → stays out. Stable.
    expect(st[1]).toMatchObject({ internallyStable: true, externallyStable: true, stable: true });
    // {B}: B leaving gives 0 > -1 → leaves; A joining gives 0.5 < 2 → stays out.
    expect(st[2]).toMatchObject({ internallyStable: false, externallyStable: true, wouldLeave: [1] });
    // {A,B}: A leaving gives 2 > 0.5 → leaves; B leaving gives 2 > 0.5 → leaves.
    expect(st[3]).toMatchObject({ internallyStable: false, wouldLeave: [0, 1] });
  });
  it("dominantChoice: A's best choice depends on B (join when B is out, leave when B is in); B always stays out", () => {
    expect(dominantChoice(payoff, 2, 0, 0)).toBe("none");
    expect(dominantChoice(payoff, 2, 1, 0)).toBe("stay-out");
    expect(membershipComparisons(payoff, 2, 1)).toEqual([
      { others: 0, joining: -1, stayingOut: 0 },
      { others: 1, joining: 0.5, stayingOut: 2 },
    ]);
  });
  it("an indifference band: a gain no larger than it is no reason to move", () => {
    const flat = Float64Array.from([0, 1e-12]);
    expect(setStability(flat, 1, 1e-9).every((s) => s.stable)).toBe(true);
    expect(dominantChoice(flat, 1, 0, 1e-9)).toBe("indifferent");
  });
});


const MODEL = "model: { type: liberation-day, variant: eaton-kortum, revenue: income-tax-relief }";
const BASE_SHOCKS = ["{ type: tariff, importer: USA, exporter: all, set: 0.2 }", "{ type: tariff, importer: CHN, exporter: USA, set: 0.1 }"];

function blocScenario(candidates: string[]): string {
  return [
    "name: hand bloc",
    "dataset: hand",
    MODEL,
    "phases:",
    "  - name: base",
    "    shocks:",
    ...BASE_SHOCKS.map((s) => `      - ${s}`),
    "bloc:",
    "  leader: USA",
    "  target: CHN",
    `  candidates: [${candidates.join(", ")}]`,
    `  focus: ${candidates[0]}`,
    "  rate: 0.4",
    "  membersOnTarget: { tariff: rate }",
    "  leaderOnMembers: { tariff: 0.05 }",
    "  leaderOnNonMembers: { tariff: 0.3 }",
    "  targetOnMembers: { tariff: rate }",
  ].join("\n");
}

/** The same policy written out by hand for one membership set: what the bloc rules mean. */
function explicitScenario(candidates: string[], members: string[]): string {
  const shocks = [...BASE_SHOCKS];
  for (const c of candidates) {
    if (members.includes(c)) {
      shocks.push(`{ type: tariff, importer: USA, exporter: ${c}, set: 0.05 }`, `{ type: tariff, importer: ${c}, exporter: CHN, set: 0.4 }`, `{ type: tariff, importer: CHN, exporter: ${c}, set: 0.4 }`);
    } else shocks.push(`{ type: tariff, importer: USA, exporter: ${c}, set: 0.3 }`);
  }
  return ["name: explicit", "dataset: hand", MODEL, "report: { countries: [USA, CHN] }", "phases:", "  - name: p", "    shocks:", ...shocks.map((s) => `      - ${s}`)].join("\n");
}

function directWelfare(data: Dataset, candidates: string[], members: string[], country: string): number {
  const report = runScenario(explicitScenario(candidates, members), { dataset: data, source: "explicit" });
  return report.phases[0].countries.find((c) => c.code === country)!.values.welfareChangePct;
}

describe("runBloc on a hand-built 3-country case (leader USA, target CHN, one candidate JPN)", () => {
  const data = handDataset(["USA", "CHN", "JPN"], [100, 10, 8, 20, 120, 10, 8, 9, 90]);
  it("k = 1: the stability of {} and {JPN} is the comparison of JPN's welfare in the two equilibria, solved directly", async () => {
    const report = await runBloc({ text: blocScenario(["JPN"]), source: "hand" }, { threads: 0, dataset: data });
    const inside = directWelfare(data, ["JPN"], ["JPN"], "JPN");
    const outside = directWelfare(data, ["JPN"], [], "JPN");
    expectClose(report.sets[1].payoffs.JPN, inside, TOL_SAME_EQUILIBRIUM_PCT, "W_JPN({JPN})");
    expectClose(report.sets[0].payoffs.JPN, outside, TOL_SAME_EQUILIBRIUM_PCT, "W_JPN({})");
    expect(report.sets[1].internallyStable).toBe(inside >= outside);
    expect(report.sets[0].externallyStable).toBe(outside >= inside);
    expect(report.stableSets).toEqual([inside >= outside ? 1 : 0]);
    expect(report.dominant[0].choice).toBe(inside > outside ? "join" : "stay-out");
    expect(report.focus!.rows).toHaveLength(1);
    expectClose(report.focus!.rows[0].gain, inside - outside, 2 * TOL_SAME_EQUILIBRIUM_PCT, "gain from joining");
  });
});

describe("runBloc on a hand-built 4-country case (candidates JPN, KOR)", () => {
  const data = handDataset(["USA", "CHN", "JPN", "KOR"], [100, 10, 8, 5, 20, 120, 10, 9, 8, 9, 90, 4, 6, 12, 5, 60]);
  const candidates = ["JPN", "KOR"];
  it("every set's internal and external stability matches direct comparisons of explicitly solved equilibria", async () => {
    const report = await runBloc({ text: blocScenario(candidates), source: "hand" }, { threads: 0, dataset: data });
    const sets = [[], ["JPN"], ["KOR"], ["JPN", "KOR"]];
    const W = sets.map((members) => Object.fromEntries(candidates.map((c) => [c, directWelfare(data, candidates, members, c)])));
    sets.forEach((members, mask) => {
      for (const c of candidates) expectClose(report.sets[mask].payoffs[c], W[mask][c], TOL_SAME_EQUILIBRIUM_PCT, `W_${c}(${members.join(",")})`);
      const flip = (c: number) => mask ^ (1 << c);
      const leaveGains = candidates.filter((c, k) => members.includes(c) && W[flip(k)][c] > W[mask][c]);
      const joinGains = candidates.filter((c, k) => !members.includes(c) && W[flip(k)][c] > W[mask][c]);
      expect(report.sets[mask].wouldLeave, `set ${mask}`).toEqual(leaveGains);
      expect(report.sets[mask].wouldJoin, `set ${mask}`).toEqual(joinGains);
    });
  });
});

describe("bloc section errors name the field", () => {
  const data = handDataset(["USA", "CHN", "JPN"], [100, 10, 8, 20, 120, 10, 8, 9, 90]);
  const run = (text: string) => runBloc({ text, source: "hand" }, { threads: 0, dataset: data });
  it("a focus that is not a candidate, a candidate that is the target, an unknown rule key", async () => {
    await expect(run(blocScenario(["JPN"]).replace("focus: JPN", "focus: KOR"))).rejects.toThrow(message.blocFocusNotCandidate("KOR", ["JPN"]));
    await expect(run(blocScenario(["JPN", "CHN"]))).rejects.toThrow(message.blocCandidateOverlap("CHN", "CHN", "the target"));
    const err = await run(blocScenario(["JPN"]).replace("{ tariff: rate }", "{ tarif: rate }")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TradewindsInputError);
    expect((err as TradewindsInputError).issues[0].path).toBe("bloc.membersOnTarget.tarif");
  });
  it("a scenario without a bloc section", async () => {
    await expect(run(explicitScenario(["JPN"], []))).rejects.toThrow(message.blocNeedsSection("hand"));
  });
});

describe("solveMembershipsInPool: results identical for 1 and 2 threads", () => {
  it("examples/bloc-japan.yaml cut to two candidates, on world-2023", async () => {
    const text = readFileSync("examples/bloc-japan.yaml", "utf8").replace(/candidates: \[.*\]/, "candidates: [JPN, KOR]");
    const one = await runBloc({ text, source: "bloc-japan" }, { threads: 1 });
    const two = await runBloc({ text, source: "bloc-japan" }, { threads: 2 });
    expect(two.sets).toEqual(one.sets);
    expect(one.sets.every((s) => s.converged)).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { withBaselineTariffs } from "../../src/data/dataset.js";
import { loadDataset } from "../../src/data/load.js";
import { modelCatalog } from "../../src/models/available.js";
import { solveWithTargets } from "../../src/models/instruments/solveTargets.js";
import { newRunContext, type CompiledPolicy, type ModelOutcome } from "../../src/models/types.js";
import { runScenario } from "../../src/run.js";
import { compilePhase } from "../../src/scenario/compile.js";
import { normalizeScenario, phaseInForce } from "../../src/scenario/normalize.js";
import { validateScenarioText } from "../../src/scenario/validate.js";
import { mapToFloat64 } from "../../src/util/typedArrays.js";
import { foreignTrade } from "../support/foreignTrade.js";

/**
 * Purchase commitments (issue 11): a commitment set at the flow a given bilateral preference shock (a fixed
 * demand shifter a) produces gives that shock's equilibrium — the commitment's endogenous shifter is a; and a
 * commitment or quota already met is an exact no-op (bit for bit the phase without it). In every model that
 * takes commitments, Caliendo–Parro with input–output links (the distorted composite enters input costs) included.
 */

/**
 * Outcomes to 1e-8 (percent changes): targets are met to 100 × each model's solver tolerance. The percent change of
 * a deficit is a difference of flows over the deficit: its tolerance is scaled by trade ÷ |deficit| (deficitConditioning).
 */
const TOL_OUTCOME = 1e-8;
/** The shifter found against the one imposed, relative: the flow pins it down to the target tolerance ÷ (1 − π). */
const TOL_SHIFTER = 1e-7;

const cases = [
  { name: "caliendo-parro on cp-1993 (input–output links)", dataset: "cp-1993", model: "{ type: caliendo-parro, tolerance: 1e-12 }", importer: "MEX", exporter: "USA", sectors: ["agriculture", "food"] },
  { name: "lashkaripour on wiod-2014-16", dataset: "wiod-2014-16", model: "{ type: lashkaripour }", importer: "JPN", exporter: "USA", sectors: ["W01"] },
  { name: "liberation-day on world-2023", dataset: "world-2023", model: "{ type: liberation-day }", importer: "JPN", exporter: "USA", sectors: [] as string[] },
];

/** Calibrates the scenario's model and compiles phase `p`: the pieces runScenario chains, for a policy built by hand. */
function prepare(text: string) {
  const input = validateScenarioText(text, "test");
  const data = withBaselineTariffs(loadDataset(input.dataset), input.baselineTariffs, "test");
  const scenario = normalizeScenario(input, data, modelCatalog, "test");
  const entry = modelCatalog[scenario.modelType];
  const baseline = entry.model.calibrate(data, scenario.phases[0].modelParams as never, newRunContext());
  const compile = (p: number) => compilePhase(phaseInForce(scenario.phases, p), data, undefined, { source: "test", phasePath: `phases[${p}]` }).policy;
  return { data, entry, baseline, compile };
}

/**
 * (exports + imports) ÷ |imports − exports| of each country in the baseline flows: deficitChangePct is a change of
 * flows divided by the deficit, so an error of the flows relative to trade reaches it multiplied by this (ZWE in
 * world-2023: 2.6% deficit of its trade, ×39).
 */
function deficitConditioning(outcome: ModelOutcome): Float64Array {
  const { exports, imports } = foreignTrade(outcome.flows!.baseline, outcome.weights.length);
  return mapToFloat64(exports, (x, n) => Math.max(1, (x + imports[n]) / Math.max(Math.abs(imports[n] - x), 1e-300)));
}

function expectSameArrays(a: ModelOutcome, b: ModelOutcome, what: string): void {
  const misses: string[] = [];
  const conditioning = deficitConditioning(a);
  for (const group of ["countries", "sectors"] as const) {
    for (const [key, values] of Object.entries(a[group] ?? {})) {
      if (key === "instrumentWelfareEffectPct" || key === "instrumentWelfareEffectValue") continue;
      values.forEach((x, k) => {
        const y = b[group]![key][k];
        const scale = group === "countries" && key === "deficitChangePct" ? conditioning[k] : 1;
        if (!(Math.abs(x - y) <= TOL_OUTCOME * scale * Math.max(1, Math.abs(x)))) misses.push(`${key}[${k}]: ${x} vs ${y}`);
      });
    }
  }
  expect(misses.slice(0, 5), `${what}: ${misses.length} values differ`).toEqual([]);
}

describe.each(cases)("purchase commitments: $name", (c) => {
  const sectorList = c.sectors.length ? `, sectors: [${c.sectors.join(", ")}]` : "";
  const text = (shocks: string[]) =>
    [`name: commitments`, `dataset: ${c.dataset}`, `model: ${c.model}`, "phases:", "  - name: none", "    shocks: []", "  - name: deal", "    inherit: false", "    shocks:", ...shocks.map((s) => `      - ${s}`)].join("\n");

  it("a commitment at the flow a demand shifter a = 1.8 produces has that shifter's equilibrium", () => {
    const probe = prepare(text([`{ type: purchase-commitment, importer: ${c.importer}, exporter: ${c.exporter}${sectorList}, increase: 0.01 }`]));
    const covered = probe.compile(1).targets![0].flows;
    const plain = probe.compile(0);
    const shifters = new Float64Array(plain.tariffs.length).fill(1);
    for (const k of covered) shifters[k] = 1.8;
    const preference: CompiledPolicy = { ...plain, demandShifters: shifters };
    const shocked = probe.entry.model.solve(probe.baseline, preference, newRunContext());
    expect(shocked.solver.converged).toBe(true);
    let flow = 0;
    for (const k of covered) flow += shocked.flows!.counterfactual[k];

    const committed = prepare(text([`{ type: purchase-commitment, importer: ${c.importer}, exporter: ${c.exporter}${sectorList}, value: ${flow}, as: floor }`]));
    const policy = committed.compile(1);
    const outcome = solveWithTargets(committed.entry, committed.baseline, policy, newRunContext(), committed.data, "test");
    expect(outcome.solver.converged).toBe(true);
    expectSameArrays(outcome, shocked, "commitment vs preference shock");
    const instrument = outcome.instruments![0];
    expect(instrument.binding).toBe(true);
    expect(Math.abs(1 + instrument.values.instrumentWedgeRate - 1.8) / 1.8).toBeLessThan(TOL_SHIFTER);
    // The shifter is a distortion: the buyer is worse off than without it (the true price index rises).
    const importer = committed.data.countries.findIndex((x) => x.code === c.importer);
    expect(outcome.countries.instrumentWelfareEffectPct[importer]).toBeLessThan(0);
  });

  it("a commitment already met and a quota above the flow change nothing, bit for bit", () => {
    const report = runScenario(
      [
        `name: no-op`,
        `dataset: ${c.dataset}`,
        `model: ${c.model}`,
        "phases:",
        "  - name: plain",
        `    shocks: [{ type: tariff, importer: ${c.importer}, exporter: ${c.exporter}, add: 0.1 }]`,
        "  - name: slack",
        "    shocks:",
        `      - { type: purchase-commitment, importer: ${c.importer}, exporter: ${c.exporter}${sectorList}, value: 1, as: floor }`,
        `      - { type: quota, importer: ${c.importer}, exporter: ${c.exporter}${sectorList}, share: 2 }`,
      ].join("\n"),
    );
    const [plain, slack] = report.phases;
    expect(slack.converged).toBe(true);
    expect(slack.instruments!.filter((i) => i.kind !== "investment-pledge").map((i) => i.binding)).toEqual([false, false]);
    slack.countries.forEach((row, n) => {
      const { instrumentWelfareEffectPct, instrumentWelfareEffectValue, ...rest } = row.values;
      expect(instrumentWelfareEffectPct).toBe(0);
      if (instrumentWelfareEffectValue !== undefined) expect(instrumentWelfareEffectValue).toBe(0);
      expect(rest).toEqual(plain.countries[n].values);
    });
    expect(slack.sectors).toEqual(plain.sectors);
  });
});

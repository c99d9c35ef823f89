import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/run.js";
import { bilateralFlow, expectSameOutcome } from "../support/dealHelpers.js";
import { expectClose } from "../support/expectClose.js";

/**
 * Duality of quantity and price instruments (issue 11): a quota set at the flow a tariff t produces is the
 * equilibrium of t, with the quota rent equal to that tariff's revenue when the rent goes to the importer; an
 * export restriction cutting a flow to what an export tax x leaves of it is the equilibrium of x, with the rent
 * equal to the export-tax revenue; a quota with the rent to the exporter is the same export-tax equilibrium
 * (a voluntary export restraint). Independent of the solver: the tariff and tax runs have no targets at all.
 */

/**
 * All outcomes to 1e-8 (percent changes absolute, levels relative): the targets are met to 100 × the model's
 * tolerance (1e-12 here, so 1e-10 of the flow), which moves any outcome by far less.
 */
const TOL_OUTCOME = 1e-8;
/** Rent against revenue, relative: both are the same product t·T at flows equal to 1e-10. */
const TOL_RENT = 1e-8;

const models = [
  { name: "caliendo-parro on gtap-2007", dataset: "gtap-2007", model: "{ type: caliendo-parro, tolerance: 1e-12 }", exporter: "USA", importer: "JPN", sector: "gro", chinaSector: "nfm" },
  { name: "lashkaripour on wiod-2014-16", dataset: "wiod-2014-16", model: "{ type: lashkaripour }", exporter: "USA", importer: "JPN", sector: "W01", chinaSector: "W09" },
];

const scenario = (m: (typeof models)[number], shocks: string[], bilateral: string) =>
  [`name: duality`, `dataset: ${m.dataset}`, `model: ${m.model}`, `report: { countries: [${m.importer}, ${m.exporter}, CHN], bilateral: [${bilateral}] }`, "phases:", "  - name: p", "    shocks:", ...shocks.map((s) => `      - ${s}`)].join("\n");

describe.each(models)("quantity–price duality: $name", (m) => {
  // The flow's own tariff is set to 0 in both runs, so that the tariff-equivalent's rent is the whole revenue t·T.
  const freeFlow = `{ type: tariff, importer: ${m.importer}, exporter: ${m.exporter}, sectors: [${m.sector}], set: 0 }`;
  const pair = `[${m.exporter}, ${m.importer}]`;

  it("a quota at the flow a tariff of 30% produces is that tariff's equilibrium; the rent (importer) is its revenue", () => {
    const tariff = runScenario(scenario(m, [freeFlow, `{ type: tariff, importer: ${m.importer}, exporter: ${m.exporter}, sectors: [${m.sector}], set: 0.3 }`], pair)).phases[0];
    const flow = bilateralFlow(tariff, m.exporter, m.importer, m.sector);
    const quota = runScenario(scenario(m, [freeFlow, `{ type: quota, importer: ${m.importer}, exporter: ${m.exporter}, sectors: [${m.sector}], value: ${flow} }`], pair)).phases[0];
    expect(quota.converged).toBe(true);
    expectSameOutcome(quota, tariff, TOL_OUTCOME, "quota vs tariff");
    const instrument = quota.instruments![0];
    expect(instrument.binding).toBe(true);
    expectClose(instrument.values.instrumentWedgeRate, 0.3, 1e-8, "tariff-equivalent");
    expectClose(instrument.values.instrumentRent / (0.3 * flow), 1, TOL_RENT, "quota rent ÷ tariff revenue");
  });

  it("an export restriction cutting a flow to what a 20% export tax leaves is that tax's equilibrium; the rent (exporter) is the tax revenue; a quota with the rent to the exporter too", () => {
    const shock = (rest: string) => `{ type: export-restriction, exporter: CHN, importer: ${m.importer}, sectors: [${m.chinaSector}], ${rest} }`;
    const taxed = runScenario(scenario(m, [shock("tax: 0.2")], `[CHN, ${m.importer}]`)).phases[0];
    const flow = bilateralFlow(taxed, "CHN", m.importer, m.chinaSector);
    const base = bilateralFlow(taxed, "CHN", m.importer, m.chinaSector, "baseline");
    const restricted = runScenario(scenario(m, [shock(`cut: ${1 - flow / base}`)], `[CHN, ${m.importer}]`)).phases[0];
    expect(restricted.converged).toBe(true);
    expectSameOutcome(restricted, taxed, TOL_OUTCOME, "export restriction vs export tax");
    expectClose(restricted.instruments![0].values.instrumentWedgeRate, 0.2, 1e-8, "export-tax equivalent");
    expectClose(restricted.instruments![0].values.instrumentRent / (0.2 * flow), 1, TOL_RENT, "restriction rent ÷ export-tax revenue");
    const restraint = runScenario(scenario(m, [`{ type: quota, importer: ${m.importer}, exporter: CHN, sectors: [${m.chinaSector}], value: ${flow}, rent: exporter }`], `[CHN, ${m.importer}]`)).phases[0];
    expectSameOutcome(restraint, taxed, TOL_OUTCOME, "quota (rent exporter) vs export tax");
  });

  it("a restriction with the rent to the importer is the tariff-equivalent: the same equilibrium as that tariff", () => {
    const tariff = runScenario(scenario(m, [freeFlow, `{ type: tariff, importer: ${m.importer}, exporter: ${m.exporter}, sectors: [${m.sector}], set: 0.25 }`], pair)).phases[0];
    const flow = bilateralFlow(tariff, m.exporter, m.importer, m.sector);
    const base = bilateralFlow(tariff, m.exporter, m.importer, m.sector, "baseline");
    const freeBase = runScenario(scenario(m, [freeFlow], pair)).phases[0];
    expect(bilateralFlow(freeBase, m.exporter, m.importer, m.sector, "baseline")).toBe(base);
    const cut = 1 - flow / base;
    const restricted = runScenario(scenario(m, [freeFlow, `{ type: export-restriction, exporter: ${m.exporter}, importer: ${m.importer}, sectors: [${m.sector}], cut: ${cut}, rent: importer }`], pair)).phases[0];
    expectSameOutcome(restricted, tariff, TOL_OUTCOME, "restriction (rent importer) vs tariff");
  });
});

describe("quantity–price duality: liberation-day on world-2023 (one sector)", () => {
  const text = (shock: string) =>
    ["name: duality", "dataset: world-2023", "model: { type: liberation-day }", "report: { countries: [JPN, USA], bilateral: [[JPN, USA]] }", "phases:", "  - name: p", "    shocks:", `      - ${shock}`].join("\n");

  it("a US quota on Japan at the flow a 30% tariff produces is that tariff's equilibrium; the rent is its revenue", () => {
    const tariff = runScenario(text("{ type: tariff, importer: USA, exporter: JPN, set: 0.3 }")).phases[0];
    const flow = bilateralFlow(tariff, "JPN", "USA", "ALL");
    const quota = runScenario(text(`{ type: quota, importer: USA, exporter: JPN, value: ${flow} }`)).phases[0];
    expect(quota.converged).toBe(true);
    expectSameOutcome(quota, tariff, TOL_OUTCOME, "quota vs tariff (Liberation Day)");
    expectClose(quota.instruments![0].values.instrumentWedgeRate, 0.3, 1e-8, "tariff-equivalent");
    expectClose(quota.instruments![0].values.instrumentRent / (0.3 * flow), 1, TOL_RENT, "quota rent ÷ tariff revenue");
  });
});

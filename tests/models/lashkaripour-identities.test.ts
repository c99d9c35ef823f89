import { loadDataset } from "../../src/data/load.js";
import { describe, expect, it } from "vitest";
import type { Dataset } from "../../src/data/dataset.js";
import { TradewindsInputError, message } from "../../src/messages.js";
import { caliendoParroModel } from "../../src/models/caliendoParro/model.js";
import { caliendoParroParamsSchema } from "../../src/models/caliendoParro/params.js";
import { calibrateLashkaripour } from "../../src/models/lashkaripour/baseline.js";
import { lashkaripourModel } from "../../src/models/lashkaripour/model.js";
import { lashkaripourParamsSchema } from "../../src/models/lashkaripour/params.js";
import { newRunContext, zeroPolicy, type CompiledPolicy } from "../../src/models/types.js";
import { runScenario } from "../../src/run.js";
import { expectClose } from "../support/expectClose.js";

// Identities of the Lashkaripour (2021) model on the tariffwar datasets wiod-2014-16 and icio-2022:
// it is the Caliendo–Parro model without input–output links and with zero deficits, the balanced baseline
// balances trade, and a zero shock changes nothing.

/** Both solves stop at relative residuals ≤ 1e-10 (CP: Euclidean norm; LK: max-abs 1e-12), so real incomes agree to ~1e-8 pp. */
const TOL_AGREEMENT_PP = 1e-6;
/** Accounting identities hold to rounding of sums of ~700 terms of the size of a country's expenditure (relative). */
const TOL_ACCOUNTING_RELATIVE = 1e-9;
/** A zero shock solves at x = 1 exactly up to the solver tolerance 1e-12. */
const TOL_ZERO_PP = 1e-9;

const params = (elasticities = "IS") => lashkaripourParamsSchema.parse({ elasticities });

function wiodShock(data: Dataset): CompiledPolicy {
  const N = data.countries.length;
  const S = data.sectors.length;
  const at = (code: string) => data.countries.findIndex((c) => c.code === code);
  const policy = zeroPolicy(data);
  for (let s = 0; s < S - 1; s++) {
    policy.tariffs[(s * N + at("CHN")) * N + at("USA")] += 0.25; // US +25 pp on Chinese goods
    policy.tariffs[(s * N + at("USA")) * N + at("CHN")] += 0.25; // and China's answer
    policy.tradeCostFactors[(s * N + at("DEU")) * N + at("JPN")] = 1.2; // a trade-cost change
  }
  return policy;
}

describe("lashkaripour = caliendo-parro without IO and with zero deficits (the same counterfactual, two codes)", () => {
  it("US–China +25 pp tariffs and a DEU→JPN trade-cost rise on WIOD 2014: real income, wages and prices agree in every country", () => {
    const wiod = loadDataset("wiod-2014-16");
    // Caliendo–Parro reads flows at factory prices and tariffs on top; tariffwar's X are tariff-inclusive.
    const base = wiod.tariffs.teti;
    const cpData: Dataset = { ...wiod, flows: Float64Array.from(wiod.flows, (x, k) => x / (1 + base[k])), gdp: undefined, tradeElasticities: wiod.elasticitySets!.IS };
    const policy = wiodShock(wiod);
    const cp = caliendoParroModel.solve(
      caliendoParroModel.calibrate(cpData, caliendoParroParamsSchema.parse({ deficits: "zero-aggregate", tolerance: 1e-10 }), newRunContext()),
      policy,
      newRunContext(),
    );
    const lk = lashkaripourModel.solve(lashkaripourModel.calibrate(wiod, params(), newRunContext()), policy, newRunContext());
    expect(cp.solver.converged && lk.solver.converged).toBe(true);
    wiod.countries.forEach((c, n) => {
      expectClose(lk.countries.welfareChangePct[n], cp.countries.welfareChangePct[n], TOL_AGREEMENT_PP, `real income ${c.code}`);
      expectClose(lk.countries.factoryPriceChangePct[n], cp.countries.factoryPriceChangePct[n], TOL_AGREEMENT_PP, `wage ${c.code}`);
      expectClose(lk.countries.priceIndexChangePct[n], cp.countries.priceIndexChangePct[n], TOL_AGREEMENT_PP, `price index ${c.code}`);
    });
  });
});

describe("calibrateLashkaripour: the balanced-trade baseline (spec tariffwar.md §4)", () => {
  for (const name of ["wiod-2014-16", "icio-2022"]) {
    it(`${name}: flows ≥ 0, sector shares e unchanged, expenditure = wage income + tariff revenue, Σ wage income unchanged`, () => {
      const data = loadDataset(name);
      const b = calibrateLashkaripour(data, params());
      expect(b.balance.converged).toBe(true);
      const { N, S, flows, tariffs, expenditure, wageIncome, spendingShares } = b.economy;
      expect(flows.every((x) => x >= 0)).toBe(true);
      for (let k = 0; k < N * S; k++) expectClose(spendingShares[k], b.unbalanced.spendingShares[k], 1e-12, `e[${k}]`);
      for (let j = 0; j < N; j++) {
        let revenue = 0;
        for (let s = 0; s < S; s++) for (let i = 0; i < N; i++) revenue += (flows[(s * N + i) * N + j] * tariffs[(s * N + i) * N + j]) / (1 + tariffs[(s * N + i) * N + j]);
        expectClose(wageIncome[j] + revenue, expenditure[j], TOL_ACCOUNTING_RELATIVE * expenditure[j], `zero deficit of ${data.countries[j].code}`);
      }
      const world = (x: Float64Array) => x.reduce((a, v) => a + v, 0);
      expectClose(world(wageIncome), world(b.unbalanced.wageIncome), TOL_ACCOUNTING_RELATIVE * world(wageIncome), "numeraire Σ R");
      if (data.parameters.domesticFlowPadding === 1) {
        // the package's +1 USD million on every domestic flow before balancing (run.m:140-143)
        expect(b.unbalanced.flows[0]).toBe(data.flows[0] + 1);
        expect(b.unbalanced.flows[N]).toBe(data.flows[N]);
      }
    });
  }
});

describe("lashkaripour solve: a zero shock returns the balanced baseline", () => {
  it("no shocks: every welfare, price and trade change is 0", () => {
    const report = runScenario("name: zero\ndataset: wiod-2014-16\nmodel: { type: lashkaripour, elasticities: U4 }\nphases:\n  - name: none\n");
    const phase = report.phases[0];
    expect(phase.converged).toBe(true);
    for (const row of phase.countries) {
      for (const key of ["welfareChangePct", "priceIndexChangePct", "factoryPriceChangePct", "exportsChangePct", "importsChangePct", "welfareChangeUsd"] as const) {
        expectClose(row.values[key], 0, key === "welfareChangeUsd" ? TOL_ZERO_PP * 1e7 : TOL_ZERO_PP, `${key} of ${row.code}`);
      }
    }
  });
});

describe("lashkaripour non-convergence is reported, never silent", () => {
  it("an unreachable tolerance: the phase is flagged not converged, with the method, the residual and a warning", () => {
    const text = "name: tight\ndataset: wiod-2014-16\nmodel: { type: lashkaripour, tolerance: 1.0e-300 }\nphases:\n  - name: war\n    shocks: [{ type: nash-tariffs, importer: [USA, CHN] }]\n";
    const report = runScenario(text);
    const phase = report.phases[0];
    expect(phase.converged).toBe(false);
    expect(phase.solver.residual).toBeGreaterThan(1e-300);
    expect(phase.solver.method).toContain("levenberg-marquardt");
    expect(report.warnings).toContain(message.notConverged(phase.solver.method, phase.solver.iterations, phase.solver.residual, phase.solver.tolerance));
    for (const row of phase.countries) expect(Number.isFinite(row.values.welfareChangePct)).toBe(true);
  });
});

describe("lashkaripour input errors", () => {
  it("an unknown elasticity set names the dataset's sets", () => {
    const data = loadDataset("wiod-2014-16");
    expect(() => calibrateLashkaripour(data, params("XX"))).toThrow(TradewindsInputError);
    expect(() => calibrateLashkaripour(data, params("XX"))).toThrow(message.unknownElasticitySet("XX", ["IS", "U4", "CP", "BSY", "GYY", "Shap", "FGO", "LL"]));
  });
  it("a scenario naming an unknown set is rejected when it is normalized (tradewinds validate), at model.elasticities", () => {
    const data = loadDataset("wiod-2014-16");
    const text = "name: x\ndataset: wiod-2014-16\nmodel: { type: lashkaripour, elasticities: constructor }\nphases:\n  - name: war\n    shocks: [{ type: nash-tariffs }]\n";
    try {
      runScenario(text, { dataset: data });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(TradewindsInputError);
      expect((err as TradewindsInputError).issues).toEqual([
        { source: "scenario", path: "model.elasticities", value: '"constructor"', message: message.unknownElasticitySet("constructor", ["IS", "U4", "CP", "BSY", "GYY", "Shap", "FGO", "LL"]) },
      ]);
    }
  });
  it("a user-supplied set name is never a plain object key (__proto__, constructor)", () => {
    const data = loadDataset("wiod-2014-16");
    for (const name of ["__proto__", "constructor", "toString"]) expect(() => calibrateLashkaripour(data, params(name))).toThrow(TradewindsInputError);
  });
  it("nash-tariffs is refused by a model that cannot solve for tariffs", () => {
    const text = "name: x\ndataset: cp-1993\nmodel: { type: caliendo-parro }\nphases:\n  - name: war\n    shocks: [{ type: nash-tariffs }]\n";
    expect(() => runScenario(text)).toThrow(message.shockNotSupported("nash-tariffs", "caliendo-parro", ["tariff", "tariff-schedule", "trade-cost", "embargo"]));
  });
});

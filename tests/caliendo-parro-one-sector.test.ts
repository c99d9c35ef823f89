import { describe, expect, it } from "vitest";
import type { Dataset } from "../src/data/dataset.js";
import { liberationDayModel } from "../src/models/liberationDay/model.js";
import { liberationDayParamsSchema } from "../src/models/liberationDay/params.js";
import { caliendoParroModel } from "../src/models/caliendoParro/model.js";
import { caliendoParroParamsSchema } from "../src/models/caliendoParro/params.js";
import { newRunContext, zeroPolicy, type CompiledPolicy } from "../src/models/types.js";
import { expectClose } from "./support/expectClose.js";
import { handDataset } from "./support/handDataset.js";

/**
 * The one-sector, no-IO special case of the Caliendo–Parro model (S = 1, β = 1, γ = 0, α = 1): the
 * Armington/Eaton–Kortum model with lump-sum tariff revenue. Checked against closed forms and against
 * the separately written Liberation-Day model in its "eaton-kortum" variant with lump-sum revenue.
 */

/** Both solvers stop at residuals ≤ 1e-7 relative; results in percent agree to well below 1e-4 pp. */
const TOL_PCT = 1e-4;

const THETA = 4;


function solveCp(data: Dataset, policy: CompiledPolicy) {
  const ctx = newRunContext();
  const params = caliendoParroParamsSchema.parse({ deficits: "zero-aggregate", tradeElasticity: THETA });
  const outcome = caliendoParroModel.solve(caliendoParroModel.calibrate(data, params, ctx), policy, ctx);
  expect(outcome.solver.converged).toBe(true);
  return outcome;
}

describe("caliendoParroModel with one sector and no IO", () => {
  it("a symmetric two-country tariff war matches the closed form: Î/P̂ with I = wL/(1 − t·π′_f/(1+t))", () => {
    // Two identical countries, domestic sales a, exports b; both raise a tariff t on the other.
    // By symmetry ŵ = 1; λ = a/(a+b); P̂ = (λ + (1−λ)(1+t)^(−θ))^(−1/θ);
    // π′_f = (1−λ)(1+t)^(−θ)/(λ + (1−λ)(1+t)^(−θ)); income I = wL + t/(1+t)·π′_f·I with wL = a + b.
    const a = 80;
    const b = 20;
    const t = 0.25;
    const data = handDataset(["AAA", "BBB"], [a, b, b, a]);
    const policy = zeroPolicy(data);
    policy.tariffs[1] = t;
    policy.tariffs[2] = t;
    const lambda = a / (a + b);
    const sum = lambda + (1 - lambda) * Math.pow(1 + t, -THETA);
    const priceIndex = Math.pow(sum, -1 / THETA);
    const foreignShare = ((1 - lambda) * Math.pow(1 + t, -THETA)) / sum;
    const incomeRatio = 1 / (1 - (t / (1 + t)) * foreignShare);
    const outcome = solveCp(data, policy);
    for (let n = 0; n < 2; n++) {
      expectClose(outcome.countries.factoryPriceChangePct[n], 0, TOL_PCT, `wage ${n}`);
      expectClose(outcome.countries.priceIndexChangePct[n], 100 * (priceIndex - 1), TOL_PCT, `price index ${n}`);
      expectClose(outcome.countries.welfareChangePct[n], 100 * (incomeRatio / priceIndex - 1), TOL_PCT, `real income ${n}`);
    }
  });

  it("without tariffs, the real wage obeys the ACR formula ŵ/P̂ = π̂_nn^(−1/θ) (Arkolakis, Costinot & Rodríguez-Clare 2012)", () => {
    const data = handDataset(["AAA", "BBB", "CCC"], [300, 40, 25, 30, 200, 15, 20, 35, 150]);
    const policy = zeroPolicy(data);
    policy.tradeCostFactors[0 * 3 + 1] = 1.3; // AAA → BBB dearer
    policy.tradeCostFactors[2 * 3 + 0] = 0.8; // CCC → AAA cheaper
    const outcome = solveCp(data, policy);
    const { baseline, counterfactual } = outcome.flows!;
    for (let n = 0; n < 3; n++) {
      // π_nn = X_nn / Σ_i X_in (no tariffs: spending = flows)
      let spendBase = 0;
      let spendNext = 0;
      for (let i = 0; i < 3; i++) {
        spendBase += baseline[i * 3 + n];
        spendNext += counterfactual[i * 3 + n];
      }
      const domesticShareChange = counterfactual[n * 3 + n] / spendNext / (baseline[n * 3 + n] / spendBase);
      expectClose(outcome.countries.realWageChangePct[n], 100 * (Math.pow(domesticShareChange, -1 / THETA) - 1), TOL_PCT, `real wage ${n}`);
    }
  });

  it("equals the Liberation-Day model (eaton-kortum, lump-sum revenue, fixed labour, no scale effects) on balanced synthetic data", () => {
    // Symmetric flows: every country's trade is balanced, so both models start from the same equilibrium.
    const data = handDataset(["USA", "CHN", "JPN"], [500, 60, 40, 60, 400, 30, 40, 30, 250]);
    const policy = zeroPolicy(data);
    policy.tariffs[1 * 3 + 0] = 0.34; // USA on CHN
    policy.tariffs[2 * 3 + 0] = 0.24; // USA on JPN
    policy.tariffs[0 * 3 + 1] = 0.34; // CHN on USA
    const cp = solveCp(data, policy);
    const ldParams = liberationDayParamsSchema.parse({ tradeElasticity: THETA, laborSupplyElasticity: 0, scaleElasticityNumerator: 0, revenue: "lump-sum", variant: "eaton-kortum" });
    const ctx = newRunContext();
    const ld = liberationDayModel.solve(liberationDayModel.calibrate(data, ldParams, ctx), policy, ctx);
    expect(ld.solver.converged).toBe(true);
    for (let n = 0; n < 3; n++) {
      expectClose(cp.countries.welfareChangePct[n], ld.countries.welfareChangePct[n], TOL_PCT, `welfare ${data.countries[n].code}`);
      expectClose(cp.countries.realWageChangePct[n], ld.countries.realWageChangePct[n], TOL_PCT, `real wage ${data.countries[n].code}`);
      // Nominal imports depend on the numeraire (the models pick different ones); imports over the wage do not.
      const importsOverWage = (o: typeof cp) => (1 + o.countries.importsChangePct[n] / 100) / (1 + o.countries.factoryPriceChangePct[n] / 100);
      expectClose(importsOverWage(cp), importsOverWage(ld), TOL_PCT / 100, `imports/wage ${data.countries[n].code}`);
      // Wages relative to the USA are numeraire-free.
      const relativeCp = (1 + cp.countries.factoryPriceChangePct[n] / 100) / (1 + cp.countries.factoryPriceChangePct[0] / 100);
      const relativeLd = (1 + ld.countries.factoryPriceChangePct[n] / 100) / (1 + ld.countries.factoryPriceChangePct[0] / 100);
      expectClose(relativeCp, relativeLd, TOL_PCT / 100, `relative wage ${data.countries[n].code}/USA`);
    }
  });
});

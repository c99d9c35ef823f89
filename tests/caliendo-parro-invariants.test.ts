import { describe, expect, it } from "vitest";
import { loadDataset } from "../src/data/load.js";
import { TradewindsInputError, message } from "../src/messages.js";
import { solveEquilibrium } from "../src/models/caliendoParro/equilibrium.js";
import { caliendoParroModel, type CaliendoParroBaseline } from "../src/models/caliendoParro/model.js";
import { caliendoParroParamsSchema } from "../src/models/caliendoParro/params.js";
import { policyTerms } from "../src/models/caliendoParro/policyTerms.js";
import { applySectorEmbargo } from "../src/models/caliendoParro/sectorShocks.js";
import { newRunContext, zeroPolicy } from "../src/models/types.js";
import { expectClose } from "./support/expectClose.js";
import { foreignTrade } from "./support/foreignTrade.js";

/**
 * Analytic invariants of the Caliendo–Parro (2015) model in changes on the cp-1993 data
 * (spec caliendo-parro-and-ossa.md §1.4): zero shock, numeraire, trade balance, the domestic-share
 * welfare formula with IO links, and embargoes.
 */

/** The solver stops at a residual norm of 1e-7 (package tol); identities hold to that order. */
const TOL_SOLVER = 1e-6;
/** Trade balance in USD relative to income: spending residuals are relative, ≤ 1e-7 each, over 40 sectors. */
const TOL_BALANCE_RELATIVE = 1e-5;

const data = loadDataset("cp-1993");
const N = data.countries.length;
const S = data.sectors.length;
const at = (code: string) => data.countries.findIndex((c) => c.code === code);
const sectorAt = (code: string) => data.sectors.findIndex((s) => s.code === code);

function calibrated(deficits: "zero-aggregate" | "held"): CaliendoParroBaseline {
  return caliendoParroModel.calibrate(data, caliendoParroParamsSchema.parse({ deficits }), newRunContext());
}
const held = calibrated("held");

describe("caliendoParroModel invariants on cp-1993", () => {
  it("solve(zeroPolicy) returns the baseline: every change is exactly 0", () => {
    const outcome = caliendoParroModel.solve(held, zeroPolicy(data), newRunContext());
    for (const [key, values] of Object.entries({ ...outcome.countries, ...outcome.sectors })) {
      if (key.endsWith("TariffRevenue") || key === "tariffRevenue") continue;
      for (let k = 0; k < values.length; k++) expectClose(values[k], 0, 1e-12, `${key}[${k}]`);
    }
  });

  it("the numeraire fixes world value added: Σ ŵ·wL = Σ wL (spec §1.4 item 8)", () => {
    const { wage } = held.solution.value;
    let world = 0;
    let worldBase = 0;
    for (let n = 0; n < N; n++) {
      world += wage[n] * held.economy.labourIncome[n];
      worldBase += held.economy.labourIncome[n];
    }
    expectClose(world / worldBase, 1, TOL_SOLVER, "Σ ŵ·wL / Σ wL");
  });

  it("trade balance holds with the given deficits (Walras, spec §1.4): imports − exports = D", () => {
    for (const baseline of [held, calibrated("zero-aggregate")]) {
      const { flows, income } = baseline.solution.value;
      const { exports, imports } = foreignTrade(flows, N);
      for (let n = 0; n < N; n++) {
        expectClose((imports[n] - exports[n] - baseline.deficits[n]) / income[n], 0, TOL_BALANCE_RELATIVE, `${baseline.params.deficits} ${data.countries[n].code} (M − X − D)/I`);
      }
    }
  });

  it("real wage equals the domestic-share formula with IO links: ln(ŵ/P̂) = −Σ_j α_j·p_j, (I − Γᵀ)p = ln π̂_nn/θ", () => {
    // From eqs. 1, 2, 5 with κ̂_nn = 1: ln P̂_j = ln ĉ_j + ln π̂_nn,j/θ_j and ln ĉ_j = β_j ln ŵ + Σ_k γ_kj ln P̂_k,
    // so p_j = ln P̂_j − ln ŵ solves p_j − Σ_k γ_kj p_k = ln π̂_nn,j/θ_j (β_j + Σ_k γ_kj = 1).
    const { economy } = held;
    const policy = policyTerms(economy, data.tariffs["nafta-2005"], new Float64Array(S * N * N).fill(1), held.deficits, held.labels);
    const solution = solveEquilibrium(economy, policy, held.params).value;
    // Countries whose domestic sales are positive in every sector (in cp-1993 MEX sells nothing at home in
    // electrical and communication, so π̂_nn is 0/0 there and the formula does not apply).
    for (const code of ["CAN", "USA", "DEU", "JPN"]) {
      const n = at(code);
      const matrix = new Float64Array(S * S);
      const rhs = new Float64Array(S);
      for (let j = 0; j < S; j++) {
        for (let k = 0; k < S; k++) matrix[j * S + k] = (j === k ? 1 : 0) - economy.inputShares[(n * S + k) * S + j];
        const d = (j * N + n) * N + n;
        rhs[j] = Math.log(solution.shares[d] / economy.baseShares[d]) / economy.tradeElasticities[j];
      }
      const p = gaussianSolve(matrix, rhs, S);
      let logRealWage = 0;
      let logPrice = 0;
      for (let j = 0; j < S; j++) {
        logRealWage -= economy.finalShares[n * S + j] * p[j];
        logPrice += economy.finalShares[n * S + j] * Math.log(solution.priceIndex[n * S + j]);
      }
      expectClose(Math.log(solution.wage[n]) - logPrice, logRealWage, TOL_SOLVER, `${code} ln real wage`);
    }
  });

  it("an embargo of Mexican autos into the USA gives an exactly zero flow and finite results", () => {
    const selection = { importers: [at("USA")], exporters: [at("MEX")], sectors: [sectorAt("auto")] };
    const ctx = newRunContext();
    const outcome = caliendoParroModel.solve(held, applySectorEmbargo(zeroPolicy(data), N, selection), ctx);
    expect(outcome.solver.converged).toBe(true);
    expect(outcome.flows!.counterfactual[(sectorAt("auto") * N + at("MEX")) * N + at("USA")]).toBe(0);
    expect(outcome.flows!.baseline[(sectorAt("auto") * N + at("MEX")) * N + at("USA")]).toBeGreaterThan(0);
    for (const [key, values] of Object.entries({ ...outcome.countries, ...outcome.sectors })) {
      for (let k = 0; k < values.length; k++) expect(Number.isFinite(values[k]), `${key}[${k}] = ${values[k]}`).toBe(true);
    }
    expect(outcome.sectors!.sectorExportsChangePct[at("MEX") * S + sectorAt("auto")]).toBeLessThan(0);
    expect(ctx.warnings).toEqual([message.embargoLinearisationSkipped(1)]);
  });

  it("an embargo that leaves a market with no supplier is rejected with the catalog message", () => {
    // Every foreign supplier of agriculture to the USA, and domestic US supply made infinitely costly too.
    const everyone = [...Array(N).keys()];
    const policy = applySectorEmbargo(zeroPolicy(data), N, { importers: [at("USA")], exporters: everyone, sectors: [sectorAt("agriculture")] });
    policy.tradeCostFactors[(sectorAt("agriculture") * N + at("USA")) * N + at("USA")] = Infinity;
    let thrown: unknown;
    try {
      caliendoParroModel.solve(held, policy, newRunContext());
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(TradewindsInputError);
    expect((thrown as TradewindsInputError).issues.map((i) => i.message)).toEqual([message.embargoNoSupplier("USA", "agriculture")]);
  });
});

function gaussianSolve(matrix: Float64Array, rhs: Float64Array, size: number): Float64Array {
  const a = Float64Array.from(matrix);
  const b = Float64Array.from(rhs);
  for (let col = 0; col < size; col++) {
    let pivot = col;
    for (let r = col + 1; r < size; r++) if (Math.abs(a[r * size + col]) > Math.abs(a[pivot * size + col])) pivot = r;
    for (let c = 0; c < size; c++) [a[col * size + c], a[pivot * size + c]] = [a[pivot * size + c], a[col * size + c]];
    [b[col], b[pivot]] = [b[pivot], b[col]];
    for (let r = col + 1; r < size; r++) {
      const f = a[r * size + col] / a[col * size + col];
      for (let c = col; c < size; c++) a[r * size + c] -= f * a[col * size + c];
      b[r] -= f * b[col];
    }
  }
  const x = new Float64Array(size);
  for (let r = size - 1; r >= 0; r--) {
    let sum = b[r];
    for (let c = r + 1; c < size; c++) sum -= a[r * size + c] * x[c];
    x[r] = sum / a[r * size + r];
  }
  return x;
}

import { describe, expect, it } from "vitest";
import type { Dataset } from "../src/data/dataset.js";
import { loadDataset } from "../src/data/load.js";
import { TradewindsInputError, message } from "../src/messages.js";
import { caliendoParroModel } from "../src/models/caliendoParro/model.js";
import { caliendoParroParamsSchema } from "../src/models/caliendoParro/params.js";
import { lashkaripourModel } from "../src/models/lashkaripour/model.js";
import { lashkaripourParamsSchema } from "../src/models/lashkaripour/params.js";
import { liberationDayModel } from "../src/models/liberationDay/model.js";
import { liberationDayParamsSchema } from "../src/models/liberationDay/params.js";
import { agModel } from "../src/models/structuralGravity/agModel.js";
import { gegravityModel } from "../src/models/structuralGravity/gegravityModel.js";
import { agParamsSchema, gegravityParamsSchema } from "../src/models/structuralGravity/params.js";
import { newRunContext, zeroPolicy, type CompiledPolicy, type ModelOutcome } from "../src/models/types.js";
import { expectClose } from "./support/expectClose.js";

/**
 * A country cut off from all trade loses the gains from trade, and those have closed forms (Arkolakis,
 * Costinot & Rodríguez-Clare 2012, "New Trade Models, Same Old Gains?", AER, eq. 1; Costinot & Rodríguez-Clare
 * 2014, Handbook of International Economics ch. 4, eq. 28 with input–output links, the form Caliendo & Parro
 * 2015 use): in the one-sector models Ŵ = λ_jj^(1/ε), λ_jj the baseline domestic expenditure share. Every
 * model is checked against its own form, with the embargo entered as the scenario compiler does (d̂ = ∞).
 */

/** CP and LD solve to residual norms 1e-7 / 1e-12 of O(1)-scaled equations; welfare in % is then right to well below 1e-4 pp. */
const TOL_SOLVED_PCT = 1e-4;
/** The exact AG fixed point and gegravity's IPF stop at 1e-12–1e-13; ACR then holds to round-off of a few hundred operations. */
const TOL_EXACT_PCT = 1e-8;

/** Balanced three-country flows (row sums = column sums 15, 17, 13): every country's E = Y. Exporter rows. */
const BALANCED = [10, 2, 3, 4, 12, 1, 1, 3, 9];

function balancedDataset(extra: Partial<Dataset> = {}): Dataset {
  const codes = ["AAA", "BBB", "CCC"];
  return {
    meta: { name: "balanced-3", title: "balanced three-country economy", year: 2000, units: "units", source: "hand-made", licence: "", attribution: "", derivation: [], notes: [] },
    countries: codes.map((code) => ({ code, name: code })),
    sectors: [{ code: "ALL", name: "All goods", tradable: true }],
    flows: Float64Array.from(BALANCED),
    tariffs: {},
    covariates: { ln_DIST: Float64Array.from([1, 2, 3, 2, 1, 1.5, 3, 1.5, 1], Math.log) },
    groups: {},
    parameters: {},
    ...extra,
  };
}

/** Embargoes on every flow into (and, with `both`, out of) country `j`, as the compiler writes them. */
function autarky(policy: CompiledPolicy, N: number, S: number, j: number, both: boolean): CompiledPolicy {
  for (let s = 0; s < S; s++)
    for (let i = 0; i < N; i++) {
      if (i === j) continue;
      policy.tradeCostFactors[(s * N + i) * N + j] = Infinity;
      if (both) policy.tradeCostFactors[(s * N + j) * N + i] = Infinity;
    }
  return policy;
}

/** Domestic share of importer j in a one-sector flow matrix [i*N + j]. */
function domesticShare(flows: ArrayLike<number>, N: number, j: number): number {
  let spending = 0;
  for (let i = 0; i < N; i++) spending += flows[i * N + j];
  return flows[j * N + j] / spending;
}

const A = 0; // the country put in autarky in the hand cases

describe("Caliendo–Parro: a country in autarky loses the ACR gains from trade", () => {
  it("one sector, no IO, no tariffs: Ŵ = λ_AA^(1/θ) (ACR eq. 1)", () => {
    const theta = 4;
    const data = balancedDataset();
    const ctx = newRunContext();
    const baseline = caliendoParroModel.calibrate(data, caliendoParroParamsSchema.parse({ tradeElasticity: theta }), ctx);
    const outcome = caliendoParroModel.solve(baseline, autarky(zeroPolicy(data), 3, 1, A, true), ctx);
    expect(outcome.solver.converged).toBe(true);
    const acr = 100 * (Math.pow(domesticShare(BALANCED, 3, A), 1 / theta) - 1);
    expectClose(outcome.countries.welfareChangePct[A], acr, TOL_SOLVED_PCT, "AAA welfare vs λ^(1/θ)");
    expectClose(outcome.countries.realWageChangePct[A], acr, TOL_SOLVED_PCT, "AAA real wage vs λ^(1/θ)");
  });

  describe("cp-1993 (40 sectors, input–output links), Japan cut off — the issue's `embargo importer: JPN, exporter: all`", () => {
    const data = loadDataset("cp-1993");
    const N = data.countries.length;
    const S = data.sectors.length;
    const J = data.countries.findIndex((c) => c.code === "JPN");
    const baseline = caliendoParroModel.calibrate(data, caliendoParroParamsSchema.parse({ deficits: "zero-aggregate" }), newRunContext());
    const solve = (both: boolean) => {
      const ctx = newRunContext();
      return { outcome: caliendoParroModel.solve(baseline, autarky(zeroPolicy(data), N, S, J, both), ctx), warnings: ctx.warnings };
    };
    const importsOnly = solve(false);
    const full = solve(true);

    /**
     * Costinot & Rodríguez-Clare (2014) eq. 28 in the notation of CP 2015 eqs. 1, 2, 5: in autarky π̂_JJ,s = 1/π_JJ,s,
     * so p = ln(P̂/ŵ) solves p_s − Σ_k γ_ks p_k = −ln π_JJ,s/θ_s and ln(ŵ/P̂) = −Σ_s α_s p_s. Real income adds the lost
     * tariff revenue: Î/P̂ = (ŵ/P̂)·wL/(wL + R), baseline-solve wage income wL and revenue R (D = 0 here).
     */
    function closedFormRealIncome(): number {
      const { economy, solution } = baseline;
      const matrix = new Float64Array(S * S);
      const rhs = new Float64Array(S);
      for (let s = 0; s < S; s++) {
        for (let k = 0; k < S; k++) matrix[s * S + k] = (s === k ? 1 : 0) - economy.inputShares[(J * S + k) * S + s];
        rhs[s] = -Math.log(solution.value.shares[(s * N + J) * N + J]) / economy.tradeElasticities[s];
      }
      const p = solveDense(matrix, rhs, S);
      let logRealWage = 0;
      for (let s = 0; s < S; s++) logRealWage -= economy.finalShares[J * S + s] * p[s];
      let revenue = 0;
      for (let s = 0; s < S; s++) revenue += solution.value.tariffRevenue[J * S + s];
      const wageIncome = solution.value.wage[J] * economy.labourIncome[J];
      return 100 * ((Math.exp(logRealWage) * wageIncome) / (wageIncome + revenue) - 1);
    }

    it("both solves converge and Japan's headline welfare is the closed form (a loss, about −1.62%, not the +38.66% of the bug)", () => {
      const expected = closedFormRealIncome();
      expect(expected).toBeLessThan(0);
      for (const { outcome } of [importsOnly, full]) {
        expect(outcome.solver.converged).toBe(true);
        expectClose(outcome.countries.welfareChangePct[J], expected, TOL_SOLVED_PCT, "JPN welfare vs CRC autarky formula");
      }
    });

    it("with balanced trade, losing every supplier is autarky: Japan's exports stop too, and every country's result equals the full-autarky solve", () => {
      expect(importsOnly.warnings).toContain(message.isolationLimit(["JPN"], "exports-stop"));
      expectClose(importsOnly.outcome.countries.exportsChangePct[J], -100, 1e-12, "JPN exports");
      for (const key of ["welfareChangePct", "realWageChangePct", "priceIndexChangePct", "exportsChangePct", "importsChangePct"]) {
        for (let n = 0; n < N; n++) expectClose(importsOnly.outcome.countries[key][n], full.outcome.countries[key][n], TOL_SOLVED_PCT, `${key} ${data.countries[n].code}`);
      }
    });

    it("the rest of the world keeps a finite equilibrium in its own numeraire: no wage or CPI collapses to −100%", () => {
      // The others' numeraire: their value added at data wages, Σ ŵ·wL = Σ wL (ŵ relative to the data, as in the
      // baseline solve's world numeraire); factoryPriceChangePct is ŵ_cfl/ŵ_bln, so ŵ_cfl = (1 + change)·ŵ_bln.
      let valueAdded = 0;
      let dataValueAdded = 0;
      const wages = full.outcome.countries.factoryPriceChangePct;
      for (let n = 0; n < N; n++) {
        if (n === J) continue;
        valueAdded += baseline.economy.labourIncome[n] * (1 + wages[n] / 100) * baseline.solution.value.wage[n];
        dataValueAdded += baseline.economy.labourIncome[n];
        expect(wages[n]).toBeGreaterThan(-50);
        expect(full.outcome.countries.priceIndexChangePct[n]).toBeGreaterThan(-50);
      }
      expectClose(valueAdded / dataValueAdded, 1, 1e-6, "the others' value added in their numeraire");
      expectClose(wages[J], 100 * (1 / baseline.solution.value.wage[J] - 1), 1e-6, "JPN wage against its own numeraire");
    });
  });

  it("with deficits held, a country cut off from all trade has no equilibrium: an input error naming the embargo shocks", () => {
    const data = loadDataset("cp-1993");
    const N = data.countries.length;
    const S = data.sectors.length;
    const J = data.countries.findIndex((c) => c.code === "JPN");
    const baseline = caliendoParroModel.calibrate(data, caliendoParroParamsSchema.parse({ deficits: "held" }), newRunContext());
    const policy = autarky(zeroPolicy(data), N, S, J, true);
    policy.origin = { source: "cut.yaml", phasePath: "phases[0]", shocks: [{ path: "phases[0].shocks[0]", type: "embargo", importers: [J], exporters: [...Array(N).keys()] }] };
    const thrown = catchError(() => caliendoParroModel.solve(baseline, policy, newRunContext()));
    expect(thrown).toBeInstanceOf(TradewindsInputError);
    const [issue] = (thrown as TradewindsInputError).issues;
    expect(issue.source).toBe("cut.yaml");
    expect(issue.path).toBe("phases[0].shocks[0]");
    expect(issue.message).toBe(
      message.isolationNoEquilibrium(["JPN"], "imbalance-in-autarky", "deficits: held keeps every country's data deficit in levels", "use deficits: zero-aggregate, or leave at least one trade link of these countries open"),
    );
  });
});

describe("Lashkaripour (balanced trade, many sectors, no IO) on wiod-2014-16: Japan cut off", () => {
  const data = loadDataset("wiod-2014-16");
  const N = data.countries.length;
  const S = data.sectors.length;
  const J = data.countries.findIndex((c) => c.code === "JPN");
  const ctx = newRunContext();
  const baseline = lashkaripourModel.calibrate(data, lashkaripourParamsSchema.parse({}), ctx);

  it("Ŵ = (R/Y)·Π_s λ_JJ,s^(e_s/ε_s) (ACR by sector; R/Y: the tariff revenue lost), for the import embargo and full autarky alike", () => {
    // In autarky P̂_s = ŵ·λ_JJ,s^(−1/ε_s) and income is ŵR (no tariff revenue, balanced trade), so Ŷ/P̂ = (R/Y)·Π_s λ^(e_s/ε_s).
    const { shares, spendingShares, tradeElasticities, wageIncome, expenditure } = baseline.economy;
    let logWelfare = Math.log(wageIncome[J] / expenditure[J]);
    for (let s = 0; s < S; s++) {
      const e = spendingShares[J * S + s];
      if (e > 0) logWelfare += (e / tradeElasticities[s]) * Math.log(shares[(s * N + J) * N + J]);
    }
    for (const both of [false, true]) {
      const outcome = lashkaripourModel.solve(baseline, autarky(zeroPolicy(data), N, S, J, both), newRunContext());
      expect(outcome.solver.converged).toBe(true);
      expectClose(outcome.countries.welfareChangePct[J], 100 * (Math.exp(logWelfare) - 1), TOL_SOLVED_PCT, `JPN welfare (${both ? "full autarky" : "import embargo"})`);
      // Nobody else's nominal values collapse into the numeraire (the bug showed −99.9997% for China).
      for (let n = 0; n < N; n++) if (n !== J) expect(outcome.countries.exportsChangePct[n]).toBeGreaterThan(-50);
    }
  });
});

describe("Liberation Day: a balanced country in autarky", () => {
  const run = (params: Record<string, unknown>, nu?: number[]) => {
    const data = balancedDataset(nu ? { parameters: { "liberationDay.nu": nu } } : {});
    const ctx = newRunContext();
    const parsed = liberationDayParamsSchema.parse(params);
    const outcome = liberationDayModel.solve(liberationDayModel.calibrate(data, parsed, ctx), autarky(zeroPolicy(data), 3, 1, A, true), ctx);
    expect(outcome.solver.converged).toBe(true);
    // Newton–Krylov's matrix-free product knows the per-component normalisation too (no dense fallback needed).
    expect(outcome.solver.method).not.toContain("after newton-krylov");
    return outcome;
  };

  it("Eaton–Kortum variant, fixed labour, no scale effects: Ŵ = λ_AA^(1/ε)", () => {
    const epsilon = 4;
    const outcome = run({ tradeElasticity: epsilon, laborSupplyElasticity: 0, scaleElasticityNumerator: 0, variant: "eaton-kortum" });
    expectClose(outcome.countries.welfareChangePct[A], 100 * (Math.pow(domesticShare(BALANCED, 3, A), 1 / epsilon) - 1), TOL_SOLVED_PCT, "AAA welfare");
  });

  it("the paper's baseline parameters (κ = 0.5, ψ = 0.67/ε, φ = 1 + φ̃): ln Ŵ = (ln λ/ε)·(1 + κ)/(1 − κ·(ψ + φ − 1))", () => {
    // Derivation (spec one-sector.md §3.3) for A with T_A = 0 and no trade: Y′ = E′ so Ê = ŵL̂, τ = 0;
    // P̂ = (Ê/ŵ)^(1−φ)·(λ·(ŵL̂^(−ψ))^(−ε))^(−1/ε) = λ^(−1/ε)·ŵ·L̂^(1−φ−ψ); L̂ = (ŵ/P̂)^κ; Ŵ = ŵL̂/P̂.
    const epsilon = 4;
    const kappa = 0.5;
    const numerator = 0.67;
    const nu = 0.1;
    const theta = epsilon / numerator;
    const phi = 1 + (1 + theta) / ((1 - nu) * theta) - 1 / theta - 1; // §3.2 with a = 1
    const mu = numerator / epsilon + phi - 1;
    const outcome = run({}, [nu, nu, nu]);
    const logWelfare = (Math.log(domesticShare(BALANCED, 3, A)) / epsilon) * ((1 + kappa) / (1 - kappa * mu));
    expectClose(outcome.countries.welfareChangePct[A], 100 * (Math.exp(logWelfare) - 1), TOL_SOLVED_PCT, "AAA welfare");
    const logEmployment = ((kappa / epsilon) * Math.log(domesticShare(BALANCED, 3, A))) / (1 - kappa * mu);
    expectClose(outcome.countries.employmentChangePct[A], 100 * (Math.exp(logEmployment) - 1), TOL_SOLVED_PCT, "AAA employment");
  });

  it("a policy built by hand with a rate or trade-cost factor outside its domain is an input error naming the first such pair", () => {
    const data = loadDataset("world-2023");
    const N = data.countries.length;
    const ctx = newRunContext();
    const baseline = liberationDayModel.calibrate(data, liberationDayParamsSchema.parse({}), ctx);
    const [usa, chn, jpn] = ["USA", "CHN", "JPN"].map((code) => data.countries.findIndex((c) => c.code === code));
    // Pair k = i·N + j is exporter i, importer j; the message reads "<importer> on <exporter>".
    const negative = zeroPolicy(data);
    // Two invalid pairs: the one first in storage order is named.
    negative.tariffs[chn * N + usa] = -0.1;
    negative.tariffs[jpn * N + usa] = -0.2;
    const first = Math.min(chn * N + usa, jpn * N + usa);
    const [i, j] = [Math.floor(first / N), first % N];
    const thrown = catchError(() => liberationDayModel.solve(baseline, negative, ctx));
    expect(thrown).toBeInstanceOf(TradewindsInputError);
    expect((thrown as TradewindsInputError).issues[0].path).toBe(`policy (${data.countries[j].code} on ${data.countries[i].code})`);
    expect((thrown as TradewindsInputError).issues[0].message).toBe(message.rateOutOfRange(negative.tariffs[first]));
    const noFactor = zeroPolicy(data);
    noFactor.tradeCostFactors[usa * N + jpn] = Number.NaN;
    const thrown2 = catchError(() => liberationDayModel.solve(baseline, noFactor, ctx));
    expect((thrown2 as TradewindsInputError).issues[0].path).toBe("policy (JPN on USA)");
    expect((thrown2 as TradewindsInputError).issues[0].message).toBe(message.nonFiniteValue("a trade-cost factor (> 0, Infinity for an embargo)"));
  });

  it("on world-2023 (every country has a deficit or surplus) cutting the USA off is refused: no equilibrium", () => {
    const data = loadDataset("world-2023");
    const N = data.countries.length;
    const usa = data.countries.findIndex((c) => c.code === "USA");
    const ctx = newRunContext();
    const baseline = liberationDayModel.calibrate(data, liberationDayParamsSchema.parse({}), ctx);
    const thrown = catchError(() => liberationDayModel.solve(baseline, autarky(zeroPolicy(data), N, 1, usa, false), ctx));
    expect(thrown).toBeInstanceOf(TradewindsInputError);
    expect((thrown as TradewindsInputError).issues[0].message).toBe(
      message.isolationNoEquilibrium(
        ["USA"],
        "deficit-without-imports",
        "Liberation Day holds every country's trade deficit as a share of world income",
        "set model.deficits: balanced, or leave at least one trade link of these countries open",
      ),
    );
  });
});

describe("structural gravity: a balanced country in autarky loses Ŵ = λ̃_AA^(1/(σ−1)) (λ̃ the model's fitted baseline share)", () => {
  const sigma = 5;
  const data = balancedDataset();
  const check = (outcome: ModelOutcome, tolerance: number) => {
    const acr = 100 * (Math.pow(domesticShare(outcome.flows!.baseline, 3, A), 1 / (sigma - 1)) - 1);
    expectClose(outcome.countries.welfareChangePct[A], acr, tolerance, "AAA real GDP vs ACR");
    expect(outcome.flows!.counterfactual[A * 3 + 1]).toBe(0);
  };

  it("advanced-guide, exact fixed point", () => {
    const ctx = newRunContext();
    const baseline = agModel.calibrate(data, agParamsSchema.parse({ sigma, reference: "CCC", coefficients: { ln_DIST: -1.2 }, fullGe: "exact" }), ctx);
    const outcome = agModel.solve(baseline, autarky(zeroPolicy(data), 3, 1, A, true), ctx);
    expect(outcome.solver.converged).toBe(true);
    check(outcome, TOL_EXACT_PCT);
  });

  it("advanced-guide, exact fixed point, imbalances: balanced, on data with imbalances: a country cut off from imports only is solved (its exports stop too) — ACR, quickly", () => {
    // AAA sells 16 and spends 15, CCC sells 12 and spends 13 (exporter rows): no fit meets the data's totals once AAA is cut off.
    const imbalanced = balancedDataset({ flows: Float64Array.from([10, 3, 3, 4, 12, 1, 1, 2, 9]) });
    const ctx = newRunContext();
    const baseline = agModel.calibrate(imbalanced, agParamsSchema.parse({ sigma, reference: "CCC", coefficients: { ln_DIST: -1.2 }, fullGe: "exact", imbalances: "balanced" }), ctx);
    const outcome = agModel.solve(baseline, autarky(zeroPolicy(imbalanced), 3, 1, A, false), ctx);
    expect(outcome.solver.converged).toBe(true);
    check(outcome, TOL_EXACT_PCT);
    expect(ctx.warnings).toContain(message.conditionalTargetsPerComponent(["AAA"]));
  });

  it("advanced-guide, the book's Stata loop: refused with the fix (its incremental iteration cannot price a country cut off from the reference)", () => {
    const ctx = newRunContext();
    const baseline = agModel.calibrate(data, agParamsSchema.parse({ sigma, reference: "CCC", coefficients: { ln_DIST: -1.2 } }), ctx);
    const thrown = catchError(() => agModel.solve(baseline, autarky(zeroPolicy(data), 3, 1, A, true), ctx));
    expect(thrown).toBeInstanceOf(TradewindsInputError);
    expect((thrown as TradewindsInputError).issues[0].message).toBe(message.stataLoopNeedsConnectedWorld(["AAA"]));
  });

  it("gegravity", () => {
    const rows = [15, 17, 13];
    const withTotals = balancedDataset({ parameters: { output: rows, expenditure: rows } });
    const ctx = newRunContext();
    const baseline = gegravityModel.calibrate(withTotals, gegravityParamsSchema.parse({ sigma, reference: "CCC", coefficients: { ln_DIST: -1.2 } }), ctx);
    const outcome = gegravityModel.solve(baseline, autarky(zeroPolicy(withTotals), 3, 1, A, true), ctx);
    expect(outcome.solver.converged).toBe(true);
    check(outcome, TOL_EXACT_PCT);
  });
});

function catchError(f: () => unknown): unknown {
  try {
    f();
  } catch (err) {
    return err;
  }
  return undefined;
}

/** Gaussian elimination with partial pivoting (a 40 × 40 system). */
function solveDense(matrix: Float64Array, rhs: Float64Array, size: number): Float64Array {
  const a = Float64Array.from(matrix);
  const b = Float64Array.from(rhs);
  for (let col = 0; col < size; col++) {
    let pivot = col;
    for (let r = col + 1; r < size; r++) if (Math.abs(a[r * size + col]) > Math.abs(a[pivot * size + col])) pivot = r;
    for (let k = 0; k < size; k++) [a[col * size + k], a[pivot * size + k]] = [a[pivot * size + k], a[col * size + k]];
    [b[col], b[pivot]] = [b[pivot], b[col]];
    for (let r = col + 1; r < size; r++) {
      const factor = a[r * size + col] / a[col * size + col];
      for (let k = col; k < size; k++) a[r * size + k] -= factor * a[col * size + k];
      b[r] -= factor * b[col];
    }
  }
  const x = new Float64Array(size);
  for (let r = size - 1; r >= 0; r--) {
    let sum = b[r];
    for (let k = r + 1; k < size; k++) sum -= a[r * size + k] * x[k];
    x[r] = sum / a[r * size + r];
  }
  return x;
}

import { TradewindsInputError, message, show } from "../../messages.js";
import { isolationIssue, reportIsolation } from "../isolationIssues.js";
import { analyseIsolation, levelDeficitSign, proportionalDeficitSign, type DeficitSign, type IsolationAnalysis } from "../tradeIsolation.js";
import { solveNonlinear } from "../../solver/levenbergMarquardt.js";
import { solveNewtonKrylov, type NewtonKrylovOptions } from "../../solver/newtonKrylov.js";
import { assertFinite, type SolverResult } from "../../solver/result.js";
import { compensatedSum } from "../../util/sum.js";
import type { CompiledPolicy, ModelOutcome, RunContext } from "../types.js";
import type { LiberationDayBaseline } from "./baseline.js";
import { equilibriumResidual, type EquilibriumSystem } from "./equilibrium.js";
import { equilibriumJacobian, newJacobianWorkspace } from "./jacobian.js";
import { lineariseEquilibrium, multiplyEquilibriumJacobian, preconditionEquilibrium } from "./jacobianVector.js";
import { borrowWorkspace, returnWorkspace, type SolveWorkspace, type SystemArrays } from "./solveWorkspace.js";
import { liberationDayReport } from "./outcomes.js";
import { policyFactorsInto } from "./policyFactor.js";
import { scaleElasticityOf } from "./params.js";
import { mapToFloat64 } from "../../util/typedArrays.js";

/** A Liberation Day outcome also carries the counterfactual bilateral flows. */
export interface LiberationDayOutcome extends ModelOutcome {
  /** X_ij and X′_ij, tariff-exclusive flows [i*N + j] (exporter i, importer j), dataset units; X′ is formed when first read. */
  flows: { baseline: Float64Array; counterfactual: Float64Array };
  /** The solution (ŵ, Ê, L̂), 3N. */
  solution: Float64Array;
}

export interface LiberationDaySolveOptions {
  /** Whose wage equation the price normalisation replaces (paper: the last country). Default N − 1. */
  replacedWageEquation?: number;
  /** max|scaled residual| that counts as solved (residuals are relative to Y_i, E_i). Default 1e-12. */
  tolerance?: number;
  /**
   * "newton-krylov" (default): Newton steps solved matrix-free by GMRES with the analytic J·v
   * (jacobianVector.ts, O(N²) per product), falling back to Levenberg–Marquardt if it does not converge;
   * "levenberg-marquardt": the dense solver alone (a check and a benchmark baseline).
   */
  method?: "newton-krylov" | "levenberg-marquardt";
  /** Budgets of the Newton–Krylov solve (its tolerance is `tolerance`); defaults as in newtonKrylov.ts. */
  krylov?: Omit<NewtonKrylovOptions, "tolerance">;
  /** Levenberg–Marquardt's Jacobian: "analytic" (default, jacobian.ts) or "finite-difference" (3N residual evaluations; a check and a benchmark baseline). */
  jacobian?: "analytic" | "finite-difference";
  /** Starting point (ŵ, Ê, L̂), 3N — an earlier solution (warm start); default x = 1, the baseline. */
  start?: Float64Array;
}

/*
 * prepareEquilibrium's N×N passes are leaf functions: it runs once per solve, a handful of times in a `tradewinds
 * run`, so V8 would compile its loops only on the fly (on-stack replacement) and drop that code at the first later
 * statement that had not run yet, the rest of the pass interpreted. A leaf called every solve is compiled whole.
 */

/** The first pair k whose tariff is not in [0, ∞) or whose trade-cost factor is not > 0; −1 when all are valid. */
function firstInvalidPair(tariffs: Float64Array, tradeCostFactors: Float64Array): number {
  for (let k = 0; k < tariffs.length; k++) {
    const t = tariffs[k];
    if (!(t >= 0 && t < Infinity) || !(tradeCostFactors[k] > 0)) return k;
  }
  return -1;
}

/**
 * The policy's N×N arrays from the baseline shares λ and the policy factors: λ·f, t/(1+t), 1/(1+t), λf·t/(1+t),
 * λf/(1+t); who can sell to whom; the baseline column totals of λ and the supply Σ_i λf per market. Returns the
 * number of pairs that trade in the baseline and not under the policy.
 */
function fillPolicyArrays(
  N: number,
  shares: Float64Array,
  tariffs: Float64Array,
  policyFactor: Float64Array,
  out: { policyShares: Float64Array; tariffShare: Float64Array; tariffExclusive: Float64Array; revenueShares: Float64Array; salesShares: Float64Array },
  canSell: Uint8Array,
  baselineShareTotal: Float64Array,
  supply: Float64Array,
): number {
  const { policyShares, tariffShare, tariffExclusive, revenueShares, salesShares } = out;
  let linksCut = 0;
  for (let i = 0; i < N; i++)
    for (let j = 0; j < N; j++) {
      const k = i * N + j;
      const t = tariffs[k];
      const share = shares[k] * policyFactor[k];
      policyShares[k] = share;
      baselineShareTotal[j] += shares[k];
      // Untaxed pairs (most of them) need no division: t/(1+t) = 0 and 1/(1+t) = 1 exactly.
      const revenuePart = t === 0 ? 0 : t / (1 + t);
      const exclusive = t === 0 ? 1 : 1 / (1 + t);
      tariffShare[k] = revenuePart;
      tariffExclusive[k] = exclusive;
      revenueShares[k] = share * revenuePart;
      salesShares[k] = share * exclusive;
      canSell[k] = share > 0 ? 1 : 0;
      supply[j] += share;
      if (shares[k] > 0 && !(share > 0)) linksCut++;
    }
  return linksCut;
}

/** Zeroes, in every array, the foreign pairs that could sell but that the isolation analysis cut (`links` 0). */
function cutIsolatedLinks(N: number, canSell: Uint8Array, links: Uint8Array, arrays: Float64Array[]): void {
  for (let k = 0; k < N * N; k++) {
    if (canSell[k] && !links[k] && Math.floor(k / N) !== k % N) for (const array of arrays) array[k] = 0;
  }
}

/**
 * Builds the fixed part of the system for one policy. Importers left with no supplier, and embargo patterns
 * without equilibrium under the model's held deficits (models/tradeIsolation.ts), are input errors located
 * by `policy.origin`; flows the equilibrium stops are zeroed and each trading component gets its own
 * price normalisation. Tariffs and cost factors are in their domains by the scenario schema.
 */
export function prepareEquilibrium(
  baseline: LiberationDayBaseline,
  policy: CompiledPolicy,
  replacedWageEquation: number,
  notes: string[] = [],
  /** N×N arrays to fill (a reused workspace, solveWorkspace.ts); every entry is written. Default: new ones. */
  arrays?: SystemArrays,
): EquilibriumSystem {
  const { N, shares, phi, codes } = baseline;
  const epsilon = baseline.params.tradeElasticity;
  const square = () => new Float64Array(N * N);
  const { policyShares, policyFactor, tariffShare, tariffExclusive, revenueShares, salesShares } = arrays ?? {
    policyShares: square(),
    policyFactor: square(),
    tariffShare: square(),
    tariffExclusive: square(),
    revenueShares: square(),
    salesShares: square(),
  };
  const baselineShareTotal = new Float64Array(N);
  const supply = new Float64Array(N);
  const canSell = new Uint8Array(N * N);
  policyFactorsInto(policy, phi, epsilon, policyFactor);
  const bad = firstInvalidPair(policy.tariffs, policy.tradeCostFactors);
  if (bad >= 0) {
    // Rates and factors come from the schema's domains or a closed form; anything else is a policy built by hand.
    const [i, j] = [Math.floor(bad / N), bad % N];
    const [t, d] = [policy.tariffs[bad], policy.tradeCostFactors[bad]];
    const where = policy.origin ? `${policy.origin.phasePath}.shocks` : "policy";
    throw new TradewindsInputError([{ source: policy.origin?.source ?? "scenario", path: `${where} (${codes[j]} on ${codes[i]})`, value: show(t >= 0 ? d : t), message: t >= 0 ? message.nonFiniteValue("a trade-cost factor (> 0, Infinity for an embargo)") : message.rateOutOfRange(t) }]);
  }
  // Pairs that trade in the baseline and not under this policy.
  const linksCut = fillPolicyArrays(N, shares, policy.tariffs, policyFactor, { policyShares, tariffShare, tariffExclusive, revenueShares, salesShares }, canSell, baselineShareTotal, supply);
  const unsupplied = codes.flatMap((code, j) => (supply[j] > 0 ? [] : [isolationIssue([j], [code], policy.origin, message.embargoNoSupplier(code, "ALL"))]));
  if (unsupplied.length) throw new TradewindsInputError(unsupplied);

  const rule = baseline.params.deficits;
  // Where the policy cuts no baseline link, who can sell to whom is the baseline's own pattern: analysed once per baseline.
  const analysis = linksCut === 0 ? baselineIsolation(baseline, canSell) : analyseIsolation(N, canSell, deficitSignOf(baseline));
  notes.push(
    ...reportIsolation(
      analysis,
      codes,
      policy.origin,
      rule === "balanced" ? "deficits: balanced closes every country's trade deficit" : rule === "multiplicative" ? "deficits: multiplicative holds every country's expenditure in proportion to its income" : "Liberation Day holds every country's trade deficit as a share of world income",
      rule === "balanced" ? "leave at least one trade link of these countries open" : "set model.deficits: balanced, or leave at least one trade link of these countries open",
      (countries) => message.separateNumeraire(countries, "consumer price index"),
    ),
  );
  cutIsolatedLinks(N, canSell, analysis.links, [policyShares, policyFactor, revenueShares, salesShares]);
  // One price normalisation per trading component; the paper's replaced equation stays with its component.
  const normalisedRow = new Int32Array(analysis.componentCount).fill(-1);
  const componentExpenditure = new Float64Array(analysis.componentCount);
  normalisedRow[analysis.component[replacedWageEquation]] = replacedWageEquation;
  for (let n = 0; n < N; n++) {
    const c = analysis.component[n];
    componentExpenditure[c] += baseline.expenditure[n];
    if (c !== analysis.component[replacedWageEquation]) normalisedRow[c] = n;
  }
  if (policy.exportTaxes || policy.transfers) throw new Error("internal: the liberation-day model takes no export taxes or rent transfers (normalization rejects them)");
  return {
    baseline,
    policy,
    links: analysis.links,
    ...(policy.demandShifters && { shifters: policy.demandShifters }),
    policyShares,
    policyFactor,
    baselineShareTotal,
    tariffShare,
    tariffExclusive,
    revenueShares,
    salesShares,
    scaleElasticity: scaleElasticityOf(baseline.params),
    replacedWageEquation,
    component: analysis.component,
    normalisedRow,
    componentExpenditure,
    lumpSum: baseline.params.revenue === "lump-sum",
    deficitRule: baseline.params.deficits,
    expenditureRatio: mapToFloat64(baseline.expenditure, (e, i) => e / baseline.output[i]),
    worldExpenditure: compensatedSum(baseline.expenditure),
    worldOutput: compensatedSum(baseline.output),
  };
}

/** The sign rule of a set's aggregate deficit under the baseline's deficit rule (models/tradeIsolation.ts). */
function deficitSignOf(baseline: LiberationDayBaseline): DeficitSign {
  const rule = baseline.params.deficits;
  if (rule === "balanced") return levelDeficitSign(new Float64Array(baseline.N), baseline.expenditure);
  if (rule === "multiplicative") return proportionalDeficitSign(mapToFloat64(baseline.deficit, (t, i) => t / baseline.output[i]));
  return levelDeficitSign(baseline.deficit, baseline.expenditure);
}

/** The isolation analysis of the baseline's own trade pattern `canSell` (shares > 0), kept per shares array and deficit rule. */
function baselineIsolation(baseline: LiberationDayBaseline, canSell: Uint8Array): IsolationAnalysis {
  // Keyed by the shares (who sells to whom: shared by the baselines of one dataset, whatever their elasticities) and the deficit rule.
  let byRule = isolationByShares.get(baseline.shares);
  if (!byRule) isolationByShares.set(baseline.shares, (byRule = new Map()));
  let analysis = byRule.get(baseline.params.deficits);
  if (!analysis) byRule.set(baseline.params.deficits, (analysis = analyseIsolation(baseline.N, canSell, deficitSignOf(baseline))));
  return analysis;
}
const isolationByShares = new WeakMap<Float64Array, Map<string, IsolationAnalysis>>();

/**
 * Solves the Liberation Day counterfactual (spec one-sector.md §3.3) for `policy` — counterfactual
 * tariff levels and trade-cost factors (a_ij × d̂_ij^(−ε); Infinity: flow exactly 0) — from x = 1 by
 * Newton–Krylov (GMRES on the analytic J·v, block-Jacobi preconditioned: O(N²) per product, so N = 800
 * takes well under a second) or, should that not converge, by Levenberg–Marquardt on the dense analytic
 * Jacobian (O(N³) per step), and reports §3.5's columns. Non-convergence goes to ctx.warnings and the
 * `solver` record; values are always finite.
 */
export function solveLiberationDay(baseline: LiberationDayBaseline, policy: CompiledPolicy, ctx: RunContext, options: LiberationDaySolveOptions = {}): LiberationDayOutcome {
  const workspace = borrowWorkspace(baseline.N);
  try {
    return solveInWorkspace(baseline, policy, ctx, options, workspace);
  } finally {
    returnWorkspace(workspace);
  }
}

function solveInWorkspace(baseline: LiberationDayBaseline, policy: CompiledPolicy, ctx: RunContext, options: LiberationDaySolveOptions, workspace: SolveWorkspace): LiberationDayOutcome {
  const { N } = baseline;
  const notes: string[] = [];
  const system = prepareEquilibrium(baseline, policy, options.replacedWageEquation ?? N - 1, notes, workspace.arrays);
  ctx.warnings.push(...notes);
  const { state } = workspace;
  const tolerance = options.tolerance ?? 1e-12;
  const residual = (x: Float64Array, out: Float64Array) => equilibriumResidual(system, x, state, out);
  const start = options.start && options.start.length === 3 * N ? Float64Array.from(options.start) : new Float64Array(3 * N).fill(1);
  let result: SolverResult<Float64Array> | undefined;
  let krylovWarnings: string[] = [];
  if ((options.method ?? "newton-krylov") === "newton-krylov") {
    const { lin } = workspace;
    const difference = system.shifters ? finiteDifferenceProduct(residual, N) : undefined;
    const linearisation = {
      multiply: difference ?? ((v: Float64Array, out: Float64Array) => multiplyEquilibriumJacobian(system, state, lin, v, out)),
      precondition: (v: Float64Array, out: Float64Array) => preconditionEquilibrium(lin, v, out),
    };
    const krylov = solveNewtonKrylov(
      residual,
      (x) => {
        lineariseEquilibrium(system, x, state, lin);
        difference?.setPoint(x);
        return linearisation;
      },
      start,
      { ...options.krylov, tolerance },
      workspace.gmres,
    );
    if (krylov.converged) result = krylov;
    else krylovWarnings = krylov.warnings.map((w) => `newton-krylov: ${w}`);
  }
  if (!result) {
    const jacobianWork = newJacobianWorkspace(N);
    const dense = solveNonlinear(residual, start, {
      tolerance,
      // The analytic Jacobian (jacobian.ts): one O(N³) product instead of 3N residual evaluations.
      // With commitment shifters the analytic Jacobian leaves out the true price index's terms: finite differences then.
      jacobian: options.jacobian === "finite-difference" || system.shifters ? undefined : (x, out) => equilibriumJacobian(system, x, state, jacobianWork, out),
      // x = 1 solves the zero-tariff system exactly and the residuals are scaled to O(1), so start
      // near Gauss–Newton; keep the Jacobian while it contracts well (chord steps cost O(N²), not O(N³)).
      initialDamping: 1e-9,
      reuseJacobian: true,
    });
    // After a Newton–Krylov attempt that did not converge, say so in the record (the dense solve is the fallback).
    result = options.method === "levenberg-marquardt" ? dense : { ...dense, method: `${dense.method} (after newton-krylov did not converge)`, warnings: [...krylovWarnings, ...dense.warnings] };
  }
  const { value, ...solver } = result;
  if (!solver.converged) ctx.warnings.push(message.notConverged(solver.method, solver.iterations, solver.residual, solver.tolerance), ...solver.warnings);
  const solution = mapToFloat64(value, Math.abs);
  equilibriumResidual(system, solution, state, new Float64Array(3 * N));
  const borrowing = workspace.borrowings;
  const report = liberationDayReport(system, solution, state, ctx, () => workspace.borrowings === borrowing);
  for (const [key, column] of Object.entries(report.countries)) assertFinite(column, key);
  // Accounts (report/accountQuantities.ts): income E (Ŵ is relative to it), tariffs 0 before (λ is calibrated as tariff-free, §3.1 Step 3), the revenue R of §3.3.
  const accounts = {
    income: Float64Array.from(baseline.expenditure),
    tariffs: { baseline: zeroTariffs(N), counterfactual: policy.tariffs },
    tariffRevenue: { baseline: new Float64Array(N), counterfactual: Float64Array.from(state.revenue) },
  };
  // Under deficits: multiplicative, the one common factor κ′ that keeps world spending equal to world income.
  const scalars = baseline.params.deficits === "multiplicative" ? { imbalanceScale: state.imbalanceScale } : undefined;
  return { solver, countries: report.countries, weights: Float64Array.from(baseline.expenditure), flows: { baseline: baseline.flows, get counterfactual() { return report.flows(); } }, accounts, scalars, solution, warmStart: solution };
}

/** The baseline's tariffs (none: λ is calibrated tariff-free), one shared read-only array per size. */
function zeroTariffs(N: number): Float64Array {
  let zeros = zeroTariffsBySize.get(N);
  if (!zeros) {
    if (zeroTariffsBySize.size >= 2) zeroTariffsBySize.clear();
    zeroTariffsBySize.set(N, (zeros = new Float64Array(N * N)));
  }
  return zeros;
}
const zeroTariffsBySize = new Map<number, Float64Array>();

/**
 * J·v by a forward difference of the residual at the linearisation point (state holds x there when the product is
 * asked for: lineariseEquilibrium evaluated it), for systems whose analytic product leaves terms out (commitment
 * shifters): one residual evaluation, O(N²), per product; step h = √ε_M·(1 + ‖x‖)/‖v‖.
 */
function finiteDifferenceProduct(residual: (x: Float64Array, out: Float64Array) => void, N: number) {
  const n = 3 * N;
  const at = new Float64Array(n);
  const fx = new Float64Array(n);
  const shifted = new Float64Array(n);
  const fShifted = new Float64Array(n);
  const multiply = (v: Float64Array, out: Float64Array) => {
    let normX = 0;
    let normV = 0;
    for (let k = 0; k < n; k++) {
      normX += at[k] * at[k];
      normV += v[k] * v[k];
    }
    if (normV === 0) return out.fill(0);
    const h = (1.5e-8 * (1 + Math.sqrt(normX))) / Math.sqrt(normV);
    for (let k = 0; k < n; k++) shifted[k] = at[k] + h * v[k];
    residual(shifted, fShifted);
    for (let k = 0; k < n; k++) out[k] = (fShifted[k] - fx[k]) / h;
  };
  return Object.assign(multiply, {
    setPoint(x: Float64Array) {
      at.set(x);
      residual(at, fx);
    },
  });
}

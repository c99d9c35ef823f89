import { message } from "../../messages.js";
import type { SolverResult } from "../../solver/result.js";
import type { CaliendoParroEconomy } from "./economy.js";
import { inputBundleCost } from "./inputCost.js";
import { flowsOutputAndRevenue, impliedSpending, impliedWage, income } from "./marketClearing.js";
import type { PolicyTerms } from "./policyTerms.js";
import { sectorPricesAndShares } from "./sectorPrices.js";

/**
 * One solved Caliendo–Parro equilibrium in changes relative to the data (spec §1.4).
 * Country × sector arrays are [n*S + s]; bilateral arrays [(s*N + i)*N + j].
 */
export interface CaliendoParroEquilibrium {
  /** ĉ: input-bundle cost change. */
  unitCost: Float64Array;
  /** ŵ: wage change (world value added fixed: Σ ŵ·wL = Σ wL). */
  wage: Float64Array;
  /** X: total tariff-inclusive spending by country and sector, levels. */
  spending: Float64Array;
  /** P̂: sector price index change. */
  priceIndex: Float64Array;
  /** π′: trade shares. */
  shares: Float64Array;
  /** T: flows at factory prices (tariff-exclusive), levels. */
  flows: Float64Array;
  /** Y: gross output (sales net of tariffs), levels. */
  grossOutput: Float64Array;
  /** R: tariff revenue collected by importer n on sector s, levels. */
  tariffRevenue: Float64Array;
  /** I[n]: income (labour income + tariff revenue + deficit), levels. */
  income: Float64Array;
}

export interface IterationSettings {
  damping: number;
  tolerance: number;
  maxIterations: number;
}

export const DAMPED_ITERATION_METHOD = "cp2015-damped-simultaneous";

/**
 * Solves the model in changes by the cp2015 package's damped simultaneous iteration on (ĉ, X, ŵ)
 * (spec §1.5, cp2015:src/solve_model.cpp:95-222): evaluate eqs. 1–4, form the residuals of eqs. 5–7
 * (the last region's labour-market residual replaced by the numeraire Σ ŵ·wL / Σ wL − 1, spec §1.4
 * item 8), stop when their Euclidean norm < tolerance, else x ← x − u·r (X residual scaled by max(X, 1)).
 * Starts from ĉ = ŵ = 1, X = data spending. Never returns non-finite numbers: a diverging step is
 * undone and reported as non-convergence.
 */
export function solveEquilibrium(economy: CaliendoParroEconomy, policy: PolicyTerms, settings: IterationSettings): SolverResult<CaliendoParroEquilibrium> {
  const { N, S } = economy;
  const { damping, tolerance, maxIterations } = settings;
  const state: CaliendoParroEquilibrium = {
    unitCost: new Float64Array(N * S).fill(1),
    wage: new Float64Array(N).fill(1),
    spending: Float64Array.from(economy.baseSpending),
    priceIndex: new Float64Array(N * S),
    shares: new Float64Array(S * N * N),
    flows: new Float64Array(S * N * N),
    grossOutput: new Float64Array(N * S),
    tariffRevenue: new Float64Array(N * S),
    income: new Float64Array(N),
  };
  const targetCost = new Float64Array(N * S);
  const targetSpending = new Float64Array(N * S);
  const targetWage = new Float64Array(N);
  const previous = { unitCost: new Float64Array(N * S), spending: new Float64Array(N * S), wage: new Float64Array(N) };
  const scratch = { costPower: new Float64Array(N), sums: new Float64Array(N), logPrice: new Float64Array(S) };
  let totalLabourIncome = 0;
  for (let n = 0; n < N; n++) totalLabourIncome += economy.labourIncome[n];

  const evaluate = (): number => {
    sectorPricesAndShares(N, S, economy.tradeElasticities, policy.weights, state.unitCost, state.priceIndex, state.shares, scratch.costPower, scratch.sums);
    flowsOutputAndRevenue(N, S, state.shares, state.spending, policy.inverseTariffFactor, policy.tariffs, state.flows, state.grossOutput, state.tariffRevenue);
    income(N, S, state.wage, economy.labourIncome, state.tariffRevenue, policy.deficits, state.income);
    inputBundleCost(N, S, state.wage, state.priceIndex, economy.valueAddedShares, economy.inputShares, targetCost, scratch.logPrice);
    impliedSpending(N, S, economy.inputShares, economy.finalShares, state.grossOutput, state.income, targetSpending);
    impliedWage(N, S, economy.valueAddedShares, state.grossOutput, economy.labourIncome, targetWage);
    let worldLabourIncome = 0;
    for (let n = 0; n < N; n++) worldLabourIncome += state.wage[n] * economy.labourIncome[n];
    targetWage[N - 1] = state.wage[N - 1] - (worldLabourIncome / totalLabourIncome - 1);
    let squares = 0;
    for (let k = 0; k < N * S; k++) {
      const costResidual = state.unitCost[k] - targetCost[k];
      const spendingResidual = (state.spending[k] - targetSpending[k]) / Math.max(state.spending[k], 1);
      squares += costResidual * costResidual + spendingResidual * spendingResidual;
    }
    for (let n = 0; n < N; n++) squares += (state.wage[n] - targetWage[n]) ** 2;
    return Math.sqrt(squares);
  };

  const warnings: string[] = [];
  let iterations = 0;
  let residual = evaluate();
  let converged = residual < tolerance;
  while (!converged && iterations < maxIterations) {
    previous.unitCost.set(state.unitCost);
    previous.spending.set(state.spending);
    previous.wage.set(state.wage);
    for (let k = 0; k < N * S; k++) {
      state.unitCost[k] -= damping * (state.unitCost[k] - targetCost[k]);
      state.spending[k] -= damping * (state.spending[k] - targetSpending[k]);
    }
    for (let n = 0; n < N; n++) state.wage[n] -= damping * (state.wage[n] - targetWage[n]);
    iterations++;
    const next = evaluate();
    if (!Number.isFinite(next)) {
      state.unitCost.set(previous.unitCost);
      state.spending.set(previous.spending);
      state.wage.set(previous.wage);
      residual = evaluate();
      warnings.push(`iteration ${iterations} produced non-finite values; returning the last finite iterate`);
      break;
    }
    residual = next;
    converged = residual < tolerance;
  }
  if (!converged) warnings.push(message.notConverged(DAMPED_ITERATION_METHOD, iterations, residual, tolerance));
  return { converged, iterations, residual, residualNorm: "euclidean norm of cost, scaled spending and wage residuals", tolerance, method: DAMPED_ITERATION_METHOD, warnings, value: state };
}

import { message } from "../../messages.js";
import type { SolverResult } from "../../solver/result.js";
import { columnTotals, fittedFlows, rowTotals, solveFixedEffectsIpf } from "./fixedEffectsIpf.js";
import { factoryPriceChange, type AgFullGeInput, type AgFullState } from "./agFullState.js";

/**
 * Full-endowment GE of the Advanced Guide (Yotov et al. 2016, Ch. 2, step III.b of
 * TradeWithoutBorder.do:220–336 and RTAsEffects.do:301–352), replicated literally, including its
 * stopping rule (spec one-sector.md §1.5). The `ppml` of each pass is replaced by its exact
 * equivalent, IPF (fixedEffectsIpf.ts). Published AG numbers are this truncated iteration, not the
 * exact fixed point (agExactFullGe.ts).
 *
 * State k = 0 is the baseline, k = 1 the conditional GE; for k = 2, 3, …:
 *   1. trade_k,ij = tradehat_{k−1},ij · Δp_{k−1,i} Δp_{k−1,j} / (ΔOMR_{k−1,i} ΔIMR_{k−1,j})
 *   2. fit exporter + importer FE with offset ln τ^CFL to trade_k → tradehat_k, π^k, χ^k
 *   3. Y_k = Σ_j tradehat_k,ij,  E_k = φ Y_k,  E_R,k = E_k,R
 *   4. Δp_k = [(exp π^k / exp π^{k−1}) / (E_R,k / E_R,k−1)]^(1/(1−σ))   (incremental)
 *   5. OMR_k = Y_k E_R,k / exp π^k, IMR_k = E_k / (exp χ^k E_R,k), Δ· = ratio to state k−1
 *   6. d = Δp_{k−1} − Δp_{k−2} on all N² rows (Δp_0 ≡ 0); sd (ddof 1) and |max d|;
 *      continue while sd > 0.01 or |max d| > 0.01.
 */
export const STATA_LOOP_TOLERANCE = 0.01;

export interface StataLoopOptions {
  tolerance?: number;
  /** Cap on loop passes (k = 2, 3, …); the published runs need 3–5. */
  maxPasses?: number;
}

export function solveAgStataLoop(input: AgFullGeInput, options: StataLoopOptions = {}): SolverResult<AgFullState> {
  const { N, sigma, reference, counterfactualTradeCosts: tau, expenditureOutputRatio: phi } = input;
  const tolerance = options.tolerance ?? STATA_LOOP_TOLERANCE;
  const maxPasses = options.maxPasses ?? 100;
  const warnings: string[] = [];

  // State k−1 (starts as state 1) and the increments that lead into it.
  let exporter: Float64Array = Float64Array.from(input.conditional.exporter);
  let importer: Float64Array = Float64Array.from(input.conditional.importer);
  let fitted: Float64Array = Float64Array.from(input.conditionalFlows);
  const expenditure = Float64Array.from(input.expenditure);
  let referenceExpenditure = input.expenditure[reference];
  const omr = new Float64Array(N);
  const imr = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    omr[i] = (input.output[i] * referenceExpenditure) / exporter[i];
    imr[i] = expenditure[i] / (importer[i] * referenceExpenditure);
  }
  let priceStep: Float64Array = factoryPriceChange(N, sigma, input.baseline.exporter, referenceExpenditure, exporter, referenceExpenditure, new Float64Array(N));
  let priceStepBefore: Float64Array = new Float64Array(N); // Δp_0 ≡ 0, literally (spec §1.5)
  const omrStep = new Float64Array(N).fill(1);
  const imrStep = new Float64Array(N).fill(1);

  const trade = new Float64Array(N * N);
  const rows = new Float64Array(N);
  const columns = new Float64Array(N);
  const output = new Float64Array(N);
  let spread = Infinity;
  let passes = 0;
  let stop = false;
  while (!stop && passes < maxPasses) {
    passes++;
    for (let i = 0; i < N; i++)
      for (let j = 0; j < N; j++) trade[i * N + j] = (fitted[i * N + j] * priceStep[i] * priceStep[j]) / (omrStep[i] * imrStep[j]);
    const fit = solveFixedEffectsIpf(
      { N, tradeCosts: tau, rowTargets: rowTotals(N, trade, rows), columnTargets: columnTotals(N, trade, columns), reference },
      { initialImporter: importer },
    );
    if (!fit.converged) warnings.push(message.notConverged(`ipf (AG loop pass ${passes})`, fit.iterations, fit.residual, fit.tolerance));
    fitted = fittedFlows(N, tau, fit.value, new Float64Array(N * N));
    rowTotals(N, fitted, output);
    for (let i = 0; i < N; i++) expenditure[i] = phi[i] * output[i];
    const newReferenceExpenditure = expenditure[reference];
    const newPriceStep = factoryPriceChange(N, sigma, exporter, referenceExpenditure, fit.value.exporter, newReferenceExpenditure, new Float64Array(N));
    for (let i = 0; i < N; i++) {
      const newOmr = (output[i] * newReferenceExpenditure) / fit.value.exporter[i];
      const newImr = expenditure[i] / (fit.value.importer[i] * newReferenceExpenditure);
      omrStep[i] = newOmr / omr[i];
      imrStep[i] = newImr / imr[i];
      omr[i] = newOmr;
      imr[i] = newImr;
    }
    spread = stataStoppingStatistic(N, priceStep, priceStepBefore);
    stop = spread <= tolerance;
    priceStepBefore = priceStep;
    priceStep = newPriceStep;
    exporter = fit.value.exporter;
    importer = fit.value.importer;
    referenceExpenditure = newReferenceExpenditure;
  }
  return {
    converged: stop,
    iterations: passes,
    residual: spread,
    residualNorm: "max(sd, |max|) of Δp_{k−1} − Δp_{k−2} over N² rows (AG Stata rule)",
    tolerance,
    method: "stata-ag-loop",
    warnings,
    value: { exporter, importer, expenditure, referenceExpenditure },
  };
}

/**
 * The AG stopping statistic max(sd, |max d|) for d_i = Δp_i − Δp′_i evaluated, as in Stata, on all
 * N² exporter–importer rows (each exporter's value repeated N times): sd with ddof = 1 and the
 * absolute value of the signed maximum (not max |d|).
 */
export function stataStoppingStatistic(N: number, priceStep: Float64Array, priceStepBefore: Float64Array): number {
  let mean = 0;
  let max = -Infinity;
  for (let i = 0; i < N; i++) {
    const d = priceStep[i] - priceStepBefore[i];
    mean += d;
    if (d > max) max = d;
  }
  mean /= N;
  let squares = 0;
  for (let i = 0; i < N; i++) squares += (priceStep[i] - priceStepBefore[i] - mean) ** 2;
  const sd = Math.sqrt((N * squares) / (N * N - 1));
  return Math.max(sd, Math.abs(max));
}

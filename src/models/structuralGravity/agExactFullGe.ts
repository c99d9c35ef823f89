import { message } from "../../messages.js";
import type { SolverResult } from "../../solver/result.js";
import { compensatedSum } from "../../util/sum.js";
import { solveFixedEffectsIpf } from "./fixedEffectsIpf.js";
import { factoryPriceChange, type AgFullGeInput, type AgFullState } from "./agFullState.js";

/**
 * Exact full-endowment GE of the Advanced Guide model (Yotov et al. 2016, Ch. 2 eq. (7)–(10) with
 * the FE normalisation of spec one-sector.md §1.1): the factory-gate price changes p̂ that reproduce
 * themselves,
 *
 *   p̂ = F(p̂),   F(p̂)_i = [ (exp π_i(p̂) / exp π⁰_i) / (E_R(p̂) / E_R⁰) ]^(1/(1−σ)),
 *
 * where (π(p̂), χ(p̂)) fit exporter totals Y = p̂·Y⁰ and importer totals E = φ·Y with offset ln τ^CFL
 * (IPF), and E_R(p̂) = φ_R p̂_R Y⁰_R. F is homogeneous of degree 0, so its fixed point also fixes the
 * price level. With unbalanced trade (Σ φY ≠ ΣY) the importer totals are rescaled to ΣY before the
 * fit (the shares e_j = E_j/ΣE enter, as in gegravity §2.1); with φ ≡ 1 this is the textbook system
 * and the ACR formula holds exactly (spec §1.7.2). Solved by plain fixed-point iteration on p̂ (the
 * map contracts with factor about 1/(σ−1) per pass).
 */
export const EXACT_FULL_GE_TOLERANCE = 1e-12;

export function solveAgExactFullGe(input: AgFullGeInput, options: { tolerance?: number; maxIterations?: number } = {}): SolverResult<AgFullState> {
  const { N, sigma, reference, counterfactualTradeCosts: tau, expenditureOutputRatio: phi } = input;
  const tolerance = options.tolerance ?? EXACT_FULL_GE_TOLERANCE;
  const maxIterations = options.maxIterations ?? 2000;
  const warnings: string[] = [];
  const baselineReferenceExpenditure = input.expenditure[reference];
  const price = new Float64Array(N).fill(1);
  const nextPrice = new Float64Array(N);
  const output = new Float64Array(N);
  const expenditure = new Float64Array(N);
  const importerTargets = new Float64Array(N);
  let importer: Float64Array = Float64Array.from(input.conditional.importer);
  let exporter: Float64Array = Float64Array.from(input.conditional.exporter);
  let referenceExpenditure = baselineReferenceExpenditure;
  let change = Infinity;
  let iterations = 0;
  let failedFitResidual: number | undefined;
  let lastFiniteChange = Infinity;
  while (iterations < maxIterations) {
    iterations++;
    for (let i = 0; i < N; i++) {
      output[i] = price[i] * input.output[i];
      expenditure[i] = phi[i] * output[i];
    }
    const balance = compensatedSum(output) / compensatedSum(expenditure);
    for (let j = 0; j < N; j++) importerTargets[j] = expenditure[j] * balance;
    const fit = solveFixedEffectsIpf(
      { N, tradeCosts: tau, rowTargets: output, columnTargets: importerTargets, reference },
      { initialImporter: importer },
    );
    if (!fit.converged) warnings.push(message.notConverged(`ipf (AG exact fixed point, iteration ${iterations})`, fit.iterations, fit.residual, fit.tolerance));
    // A fit that failed (infeasible targets, or effects that overflowed) cannot give the next prices: stop
    // here, not converged; the residual stays the last price change measured.
    if (!fit.converged) {
      failedFitResidual = fit.residual;
      break;
    }
    exporter = fit.value.exporter;
    importer = fit.value.importer;
    referenceExpenditure = expenditure[reference];
    factoryPriceChange(N, sigma, input.baseline.exporter, baselineReferenceExpenditure, exporter, referenceExpenditure, nextPrice);
    change = 0;
    for (let i = 0; i < N; i++) {
      const step = Math.abs(nextPrice[i] - price[i]);
      change = step > change || Number.isNaN(step) ? step : change;
      price[i] = nextPrice[i];
    }
    if (change <= tolerance) break;
    if (!(change < Infinity)) break; // prices overflowed or became undefined: not converged
    lastFiniteChange = change;
  }
  // The state S consistent with the final p̂ (E_S = φ p̂ Y⁰); one more fit would change it by < tolerance.
  for (let i = 0; i < N; i++) expenditure[i] = phi[i] * price[i] * input.output[i];
  return {
    converged: failedFitResidual === undefined && change <= tolerance,
    iterations,
    // A solve that broke down reports the last finite price change, else the failed fit's error, else the
    // largest double (nothing finite was measured): outputs never carry NaN or Infinity.
    residual: [change, lastFiniteChange, failedFitResidual ?? Infinity].find(Number.isFinite) ?? Number.MAX_VALUE,
    residualNorm: "max |p̂_new − p̂|",
    tolerance,
    method: "ag-exact-fixed-point",
    warnings,
    value: { exporter, importer, expenditure: Float64Array.from(expenditure), referenceExpenditure: expenditure[reference] },
  };
}

import type { SolverResult } from "../../solver/result.js";
import { settleUndefinedOutcome } from "../undefinedOutcome.js";
import type { ModelOutcome } from "../types.js";
import type { AgBaseline } from "./agModel.js";
import { factoryPriceChange, type AgFullState } from "./agFullState.js";
import { foreignColumnTotals, foreignRowTotals, type FixedEffects } from "./fixedEffectsIpf.js";
import { mapToFloat64 } from "../../util/typedArrays.js";

/**
 * The reported quantities of the Advanced Guide model, counterfactual vs baseline, (CF − BLN)/BLN
 * in % (AG TradeWithoutBorder.do:344–425 and the border exercise; spec one-sector.md §1.5–1.6):
 *
 *   p̂ = [(exp π^S / exp π⁰)/(E_R,S / E_R⁰)]^(1/(1−σ)),  Y_FULL = p̂ Y,  E_FULL = φ Y_FULL
 *   OMR_x = Y_x E_R,x / exp π^x,  IMR_x = E_x / (exp χ^x E_R,x)   (IMR_FULL uses the solver's E_S)
 *   X_FULL,ij = Y_FULL,i E_FULL,j τ^CFL_ij / (IMR_FULL,j OMR_FULL,i)
 *   rGDP = Y / IMR^(1/(1−σ));  MR changes are changes of Π = OMR^(1/(1−σ)) and P = IMR^(1/(1−σ)).
 *
 * Exports are foreign (j ≠ i) and compared with the baseline fitted flows tradehat_BLN.
 */
export function agOutcome(
  baseline: AgBaseline,
  counterfactualTradeCosts: Float64Array,
  conditional: FixedEffects,
  conditionalFlows: Float64Array,
  full: SolverResult<AgFullState>,
  /** φ of the counterfactual, E′ = φ·Y′ (default the data's E/Y; 1 under imbalances: balanced). */
  phi: Float64Array = baseline.expenditureOutputRatio,
): ModelOutcome {
  const { N, params, output, expenditure, reference, effects } = baseline;
  const power = 1 / (1 - params.sigma);
  const referenceExpenditure = expenditure[reference];
  const state = full.value;
  const price = factoryPriceChange(N, params.sigma, effects.exporter, referenceExpenditure, state.exporter, state.referenceExpenditure, new Float64Array(N));

  const outputFull = new Float64Array(N);
  const expenditureFull = new Float64Array(N);
  const omr = { baseline: new Float64Array(N), conditional: new Float64Array(N), full: new Float64Array(N) };
  const imr = { baseline: new Float64Array(N), conditional: new Float64Array(N), full: new Float64Array(N) };
  for (let i = 0; i < N; i++) {
    outputFull[i] = price[i] * output[i];
    expenditureFull[i] = phi[i] * outputFull[i];
    omr.baseline[i] = (output[i] * referenceExpenditure) / effects.exporter[i];
    omr.conditional[i] = (output[i] * referenceExpenditure) / conditional.exporter[i];
    omr.full[i] = (outputFull[i] * state.referenceExpenditure) / state.exporter[i];
    imr.baseline[i] = expenditure[i] / (effects.importer[i] * referenceExpenditure);
    imr.conditional[i] = expenditure[i] / (conditional.importer[i] * referenceExpenditure);
    imr.full[i] = state.expenditure[i] / (state.importer[i] * state.referenceExpenditure);
  }
  const flowsFull = new Float64Array(N * N);
  for (let i = 0; i < N; i++)
    for (let j = 0; j < N; j++)
      flowsFull[i * N + j] = (outputFull[i] * expenditureFull[j] * counterfactualTradeCosts[i * N + j]) / (imr.full[j] * omr.full[i]);

  const exportsBaseline = foreignRowTotals(N, baseline.fitted, new Float64Array(N));
  const importsBaseline = foreignColumnTotals(N, baseline.fitted, new Float64Array(N));
  const pct = (ratio: (i: number) => number) => Float64Array.from({ length: N }, (_, i) => 100 * (ratio(i) - 1));
  const resistanceChange = (after: Float64Array, before: Float64Array) => pct((i) => Math.pow(after[i] / before[i], power));
  const exportsFull = foreignRowTotals(N, flowsFull, new Float64Array(N));
  const exportsConditional = foreignRowTotals(N, conditionalFlows, new Float64Array(N));
  const importsFull = foreignColumnTotals(N, flowsFull, new Float64Array(N));
  const realGdp = (y: number, imrValue: number) => y / Math.pow(imrValue, power);

  const countries: Record<string, Float64Array> = {
    welfareChangePct: pct((i) => realGdp(outputFull[i], imr.full[i]) / realGdp(output[i], imr.baseline[i])),
    factoryPriceChangePct: pct((i) => price[i]),
    priceIndexChangePct: resistanceChange(imr.full, imr.baseline),
    imrChangePct: resistanceChange(imr.full, imr.baseline),
    imrConditionalChangePct: resistanceChange(imr.conditional, imr.baseline),
    omrChangePct: resistanceChange(omr.full, omr.baseline),
    omrConditionalChangePct: resistanceChange(omr.conditional, omr.baseline),
    exportsChangePct: pct((i) => exportsFull[i] / exportsBaseline[i]),
    exportsConditionalChangePct: pct((i) => exportsConditional[i] / exportsBaseline[i]),
    importsChangePct: pct((i) => importsFull[i] / importsBaseline[i]),
    outputChangePct: pct((i) => outputFull[i] / output[i]),
    expenditureChangePct: pct((i) => expenditureFull[i] / expenditure[i]),
  };
  if (params.conventions.includes("published-nafta")) {
    // The AG NAFTA table reports the effect OF the agreement: baseline (with) against the counterfactual
    // (without), the change relative to the counterfactual, and the price as 100·(1 − p̂) (RTAsEffects.do:468–506;
    // spec one-sector.md §1.6).
    const effectOf = (withAgreement: (i: number) => number, without: (i: number) => number) => pct((i) => withAgreement(i) / without(i));
    const resistanceEffect = (without: Float64Array, withAgreement: Float64Array) => effectOf((i) => Math.pow(withAgreement[i], power), (i) => Math.pow(without[i], power));
    Object.assign(countries, {
      naftaEffectPriceChangePct: mapToFloat64(price, (p) => 100 * (1 - p)),
      naftaEffectRealGdpChangePct: effectOf((i) => realGdp(output[i], imr.baseline[i]), (i) => realGdp(outputFull[i], imr.full[i])),
      naftaEffectImrChangePct: resistanceEffect(imr.full, imr.baseline),
      naftaEffectImrConditionalChangePct: resistanceEffect(imr.conditional, imr.baseline),
      naftaEffectOmrChangePct: resistanceEffect(omr.full, omr.baseline),
      naftaEffectOmrConditionalChangePct: resistanceEffect(omr.conditional, omr.baseline),
      naftaEffectExportsChangePct: effectOf((i) => exportsBaseline[i], (i) => exportsFull[i]),
      naftaEffectExportsConditionalChangePct: effectOf((i) => exportsBaseline[i], (i) => exportsConditional[i]),
    });
  }
  const { value: _value, ...solver } = full;
  return settleUndefinedOutcome(
    {
      solver,
      countries,
      weights: Float64Array.from(expenditure),
      flows: { baseline: Float64Array.from(baseline.fitted), counterfactual: flowsFull },
    },
    "advanced-guide",
  );
}

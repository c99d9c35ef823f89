import type { Dataset } from "../../data/dataset.js";
import type { EstimationStages } from "../../estimation/estimationStages.js";
import { crossSectionRows, fixedEffectAtRows, linearPredictorAtRows, requireStage } from "../../estimation/stageResults.js";
import { parseEstimationSpec } from "../../estimation/estimationSpec.js";
import { fitPpml } from "../../estimation/fitPpml.js";
import { frameFromColumns } from "../../estimation/dataFrame.js";
import { TradewindsInputError, message, show } from "../../messages.js";
import type { RunContext } from "../types.js";
import { nullPrototypeRecord, ownValue } from "../../util/ownNames.js";
import type { AgParams } from "./params.js";
import { mapToFloat64 } from "../../util/typedArrays.js";

/**
 * Where the Advanced Guide model's baseline trade costs τ^BLN_ij = τ̄_ij · exp(Σ_k β_k x_k,ij) come
 * from (Yotov et al. 2016, Ch. 2; spec one-sector.md §1.3). Index order [i*N + j], exporter i, importer j.
 *
 * - TWB / border exercise: β by PPML of the dataset's flows on exporter and importer FE and the
 *   covariates (TradeWithoutBorder.do:101), τ̄ = 1.
 * - NAFTA (RTAsEffects.do:131–186): β_RTA from stage 1, ln τ̄_ij = γ_ij (stage-1 pair FE, domestic 0),
 *   pairs without γ filled by the stage-2 fitted ln μ including its fixed effects.
 */

/** β_k by PPML with exporter and importer fixed effects on the dataset's cross-section (no constant). */
export function estimateCrossSectionCoefficients(data: Dataset, regressors: readonly string[], ctx: RunContext): Record<string, number> {
  const N = data.countries.length;
  const codes = data.countries.map((c) => c.code);
  // Regressor names come from the scenario: a null-prototype record, filled with own keys only.
  const columns = nullPrototypeRecord<ArrayLike<number> | string[]>([
    ["exporter", Array.from({ length: N * N }, (_, k) => codes[Math.floor(k / N)])],
    ["importer", Array.from({ length: N * N }, (_, k) => codes[k % N])],
    ["trade", data.flows],
  ]);
  for (const name of regressors) {
    const column = ownValue(data.covariates, name);
    if (!column) {
      throw new TradewindsInputError([{ source: "scenario", path: "model.regressors", value: show(name), message: message.unknownCovariate(name, Object.keys(data.covariates)) }]);
    }
    columns[name] = column;
  }
  const spec = parseEstimationSpec(
    { outcome: "trade", regressors: [...regressors], fixedEffects: ["exporter", "importer"], vcov: { type: "iid", smallSample: "none" }, options: { dropSingletons: false } },
    "advanced-guide baseline PPML",
  );
  const fit = fitPpml(frameFromColumns(columns), spec, { onNotConverged: "return" });
  ctx.warnings.push(...fit.warnings);
  if (!fit.converged) ctx.warnings.push(message.notConverged("ppml-hdfe (AG baseline PPML)", fit.iterations, fit.residual, fit.tolerance));
  for (const dropped of fit.value.droppedRegressors) ctx.warnings.push(message.regressorDropped(dropped.name, dropped.reason));
  return Object.fromEntries(fit.value.coefficients.map((c) => [c.name, c.estimate]));
}

type Estimated = NonNullable<AgParams["estimated"]>;

function requireEstimation(estimation: EstimationStages | undefined, field: string): EstimationStages {
  if (!estimation) throw new TradewindsInputError([{ source: "scenario", path: `model.${field}`, value: "", message: message.estimationNeeded(field) }]);
  return estimation;
}

/** β of the named slopes of an estimation stage (each must be a dataset covariate, checked when τ is formed). */
export function estimatedCoefficients(reference: NonNullable<Estimated["coefficients"]>, estimation: EstimationStages | undefined): Record<string, number> {
  const stages = requireEstimation(estimation, "estimated.coefficients");
  const stage = requireStage(stages.stages, reference.stage, stages.source, "model.estimated.coefficients.stage");
  const slopes = stage.result.value.coefficients;
  return Object.fromEntries(
    reference.regressors.map((name) => {
      const found = slopes.find((c) => c.name === name);
      if (!found) {
        throw new TradewindsInputError([
          { source: stages.source, path: "model.estimated.coefficients.regressors", value: show(name), message: message.estimatedCoefficientMissing(name, stage.name, slopes.map((c) => c.name)) },
        ]);
      }
      return [name, found.estimate];
    }),
  );
}

/**
 * τ̄_ij = exp(γ_ij) at the crossSection rows, γ the pair fixed effect `factor` of stage `stage`; where γ
 * was not estimated, exp(η̂_ij) of stage `fill` (its fitted value incl. FE, Stata `predict, mu`).
 */
export function estimatedPairCosts(data: Dataset, reference: NonNullable<Estimated["pairCosts"]>, estimation: EstimationStages | undefined): Float64Array {
  const stages = requireEstimation(estimation, "estimated.pairCosts");
  const source = stages.source;
  const stage = requireStage(stages.stages, reference.stage, source, "model.estimated.pairCosts.stage");
  const rows = crossSectionRows(stage.frame, stages.section.crossSection, data.countries.map((c) => c.code), source);
  const gamma = fixedEffectAtRows(stage, reference.factor, stage.frame, undefined, source, "model.estimated.pairCosts");
  const logCosts = mapToFloat64(rows, (r) => gamma[r]);
  const missing = rows.filter((_, k) => Number.isNaN(logCosts[k]));
  if (missing.length > 0) {
    if (reference.fill === undefined) {
      const k = logCosts.findIndex(Number.isNaN);
      throw new TradewindsInputError([
        { source, path: "model.estimated.pairCosts.fill", value: "", message: message.levelNotEstimated(reference.factor, `${data.countries[Math.floor(k / data.countries.length)].code}→${data.countries[k % data.countries.length].code}`, stage.name) },
      ]);
    }
    const fill = requireStage(stages.stages, reference.fill, source, "model.estimated.pairCosts.fill");
    const predicted = linearPredictorAtRows(fill, Int32Array.from(missing), source, "model.estimated.pairCosts.fill");
    let m = 0;
    for (let k = 0; k < logCosts.length; k++) if (Number.isNaN(logCosts[k])) logCosts[k] = predicted[m++];
    const k = logCosts.findIndex(Number.isNaN);
    if (k >= 0) {
      const N = data.countries.length;
      throw new TradewindsInputError([
        { source, path: "model.estimated.pairCosts.fill", value: show(reference.fill), message: message.levelNotEstimated("(fill prediction)", `${data.countries[Math.floor(k / N)].code}→${data.countries[k % N].code}`, fill.name) },
      ]);
    }
  }
  return logCosts.map(Math.exp);
}

import type { Dataset } from "../../data/dataset.js";
import { message } from "../../messages.js";
import type { ParamsProblem } from "../catalog.js";
import type { AgParams, GegravityParams } from "./params.js";
import { CONSTANT_REGRESSOR } from "./tradeCosts.js";

/** |Σ β x| of any pair: τ = exp(Σ β x) within e^±300 ≈ 1e±130, so the multilateral-resistance scaling stays in double range. */
const MAX_TRADE_COST_EXPONENT = 300;

/**
 * Dataset-dependent checks of the structural-gravity parameters, run at validation (ModelEntry.checkParams)
 * so that an unknown reference country or covariate is reported at its scenario field, not from inside a solve.
 */
export function checkGravityParams(params: AgParams | GegravityParams, data: Dataset, hasEstimation: boolean): ParamsProblem[] {
  const issues: ParamsProblem[] = [];
  const codes = data.countries.map((c) => c.code);
  const covariates = Object.keys(data.covariates);
  if (!codes.includes(params.reference)) issues.push({ path: "reference", value: params.reference, message: message.unknownCountry(params.reference, codes, []) });
  for (const name of Object.keys(params.coefficients ?? {})) {
    if (name !== CONSTANT_REGRESSOR && !Object.hasOwn(data.covariates, name)) issues.push({ path: `coefficients.${name}`, value: name, message: message.unknownCovariate(name, covariates) });
  }
  // Fixed coefficients: τ = exp(Σ β x) must stay within e^±MAX_TRADE_COST_EXPONENT for every pair of the dataset.
  if (params.coefficients && !issues.length) {
    const N = data.countries.length;
    const terms = Object.entries(params.coefficients).map(([name, beta]) => ({ beta, column: Object.hasOwn(data.covariates, name) ? data.covariates[name] : undefined }));
    for (let k = 0; k < N * N; k++) {
      let exponent = 0;
      for (const { beta, column } of terms) exponent += beta * (column ? column[k] : 1);
      if (!(Math.abs(exponent) <= MAX_TRADE_COST_EXPONENT)) {
        issues.push({ path: "coefficients", value: params.coefficients, message: message.tradeCostExponentOutOfRange(`${codes[Math.floor(k / N)]} → ${codes[k % N]}`, exponent, MAX_TRADE_COST_EXPONENT) });
        break;
      }
    }
  }
  if ("regressors" in params && params.coefficients === undefined && params.estimated?.coefficients === undefined) {
    params.regressors.forEach((name, k) => {
      if (!Object.hasOwn(data.covariates, name)) issues.push({ path: `regressors[${k}]`, value: name, message: message.unknownCovariate(name, covariates) });
    });
  }
  if ("estimated" in params && params.estimated) {
    if (!hasEstimation) issues.push({ path: "estimated", value: undefined, message: message.estimationNeeded("model.estimated") });
    params.estimated.coefficients?.regressors.forEach((name, k) => {
      if (!Object.hasOwn(data.covariates, name)) issues.push({ path: `estimated.coefficients.regressors[${k}]`, value: name, message: message.unknownCovariate(name, covariates) });
    });
  }
  return issues;
}

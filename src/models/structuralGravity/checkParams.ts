import type { Dataset } from "../../data/dataset.js";
import { message } from "../../messages.js";
import type { ParamsProblem } from "../catalog.js";
import type { AgParams, GegravityParams } from "./params.js";
import { CONSTANT_REGRESSOR } from "./tradeCosts.js";

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

import type { Dataset } from "../../data/dataset.js";
import { newRunContext, type CompiledPolicy, type ModelOutcome, type RunContext } from "../types.js";
import { agModel } from "./agModel.js";
import { gegravityModel } from "./gegravityModel.js";
import { agParamsSchema, gegravityParamsSchema, type AgParamsInput, type GegravityParamsInput } from "./params.js";

/**
 * End-to-end runs of the structural-gravity models on a dataset: validate the parameters (defaults
 * applied), calibrate once, solve each compiled policy against that baseline. Warnings collect in `ctx`.
 */
export function runAgModel(data: Dataset, params: AgParamsInput, policies: CompiledPolicy[], ctx: RunContext = newRunContext()): ModelOutcome[] {
  const baseline = agModel.calibrate(data, agParamsSchema.parse(params), ctx);
  return policies.map((policy) => agModel.solve(baseline, policy, ctx));
}

export function runGegravityModel(data: Dataset, params: GegravityParamsInput, policies: CompiledPolicy[], ctx: RunContext = newRunContext()): ModelOutcome[] {
  const baseline = gegravityModel.calibrate(data, gegravityParamsSchema.parse(params), ctx);
  return policies.map((policy) => gegravityModel.solve(baseline, policy, ctx));
}

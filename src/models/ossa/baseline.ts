import { dims, type Dataset } from "../../data/dataset.js";
import { TradewindsInputError, message } from "../../messages.js";
import { ossaEconomy, type OssaEconomy } from "./economy.js";
import { newOssaWorkspace, ossaNewFlows } from "./equilibrium.js";
import { solveOssa } from "./solve.js";

/** The σ sets of the gtap-2007 dataset (scripts/datasets/gtap-2007.ts): Ossa's "Main" and sensitivity columns. */
export type OssaSigmaSet = "sigma" | "sigmaLow" | "sigmaMedium" | "sigmaHigh" | "sigmaConstant";

/**
 * Ossa's balanced baseline (`results.m` Part 1; spec caliendo-parro-and-ossa.md §2.2 "Baseline purge"):
 * the economy of the factual flows and tariffs is solved at the factual tariffs with NX′ = 0, and the
 * resulting flows become the baseline of every later counterfactual. σ is a set of the dataset's
 * parameters (gtap-2007: Ossa's sets) or given by sector (e.g. ε + 1 of an elasticity set). Throws if the
 * purge does not converge.
 */
export function ossaBaseline(data: Dataset, sigmaSet: OssaSigmaSet | Float64Array = "sigma"): OssaEconomy {
  const { N, S } = dims(data);
  const sigma = typeof sigmaSet === "string" ? data.parameters[sigmaSet] : sigmaSet;
  if (!(Array.isArray(sigma) || sigma instanceof Float64Array) || sigma.length !== S) {
    const path = typeof sigmaSet === "string" ? `parameters.${sigmaSet}` : "σ";
    throw new TradewindsInputError([{ source: `dataset ${data.meta.name}`, path, value: "", message: message.modelNeedsDataset("ossa", `σ by sector (${path}, ${S} values)`) }]);
  }
  const tariffs = data.baselineTariffs ? data.tariffs[data.baselineTariffs] : new Float64Array(S * N * N);
  const factual = ossaEconomy(N, S, data.flows, tariffs, Float64Array.from(sigma));
  const work = newOssaWorkspace(factual);
  const purge = solveOssa(factual, factual.tariffs, new Float64Array(N), work);
  if (!purge.converged) throw new Error(`internal: the Ossa baseline purge (NX′ = 0) did not converge: residual ${purge.residual}`);
  return ossaEconomy(N, S, ossaNewFlows(factual, purge.value, work), tariffs, Float64Array.from(sigma));
}

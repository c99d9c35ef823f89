import { dims, type Dataset } from "../../data/dataset.js";
import { TradewindsInputError, message, show } from "../../messages.js";
import type { SolverResult } from "../../solver/result.js";
import { lashkaripourEconomy, type LashkaripourEconomy } from "./economy.js";
import { newLashkaripourState, prepareSystem, type EconomyCodes } from "./equilibrium.js";
import type { LashkaripourParams } from "./params.js";
import { solveSystem } from "./solve.js";

/** The calibrated model: the balanced-trade baseline every counterfactual is solved against. */
export interface LashkaripourBaseline {
  data: Dataset;
  params: LashkaripourParams;
  /** The elasticity set used (a name of `data.elasticitySets`, or "tradeElasticities"). */
  elasticitySet: string;
  codes: EconomyCodes;
  /** The economy of the data (after the domestic padding), before balancing. */
  unbalanced: LashkaripourEconomy;
  /** The balanced-trade economy: flows X^B, applied tariffs, derived cubes (spec §4 "Output flows", run.m:146). */
  economy: LashkaripourEconomy;
  /** The balancing solve. */
  balance: Omit<SolverResult<unknown>, "value">;
}

/** ε_s of the chosen set: `params.elasticities`, else the dataset's default set, else `tradeElasticities`. */
export function elasticitiesOf(data: Dataset, requested: string | undefined, where = { source: "scenario", path: "model.elasticities" }): { name: string; values: Float64Array } {
  const sets = data.elasticitySets;
  const known = sets ? Object.keys(sets) : [];
  const name = requested ?? data.defaultElasticitySet;
  if (name !== undefined) {
    if (!sets || !Object.hasOwn(sets, name)) {
      const at = requested === undefined ? { source: `dataset ${data.meta.name}`, path: "defaultElasticitySet" } : where;
      throw new TradewindsInputError([{ ...at, value: show(name), message: message.unknownElasticitySet(name, known) }]);
    }
    return { name, values: sets[name] };
  }
  if (!data.tradeElasticities) {
    throw new TradewindsInputError([{ source: `dataset ${data.meta.name}`, path: "elasticitySets", value: "", message: message.modelNeedsDataset("lashkaripour", "trade elasticities ε by sector (elasticitySets or tradeElasticities)") }]);
  }
  return { name: "tradeElasticities", values: data.tradeElasticities };
}

/**
 * The package's baseline (spec tariffwar.md §1 steps 4–7, run.m:137-146): σ = ε + 1 of the chosen set;
 * for datasets with `parameters.domesticFlowPadding` (ICIO: 1 USD million) that amount added to every
 * domestic flow in every sector; derived cubes (§3); trade balanced at the applied tariffs by the system of
 * §4 (no tariff setters, x0 = 1); the cubes recomputed from X^B = λ′ e Ŷ Y. A balancing solve that does
 * not converge is kept and reported (the caller marks every result of this baseline not converged).
 */
export function calibrateLashkaripour(data: Dataset, params: LashkaripourParams): LashkaripourBaseline {
  const { N, S } = dims(data);
  const elasticities = params.tradeElasticities
    ? { name: "tradeElasticities (model parameter)", values: Float64Array.from(params.tradeElasticities) }
    : elasticitiesOf(data, params.elasticities);
  if (elasticities.values.length !== S || elasticities.values.some((e) => !(e > 0 && Number.isFinite(e)))) {
    throw new TradewindsInputError([{ source: `dataset ${data.meta.name}`, path: `elasticitySets.${elasticities.name}`, value: show(Array.from(elasticities.values)), message: message.badElasticitySet(S) }]);
  }
  const flows = Float64Array.from(data.flows);
  const padding = data.parameters.domesticFlowPadding;
  if (typeof padding === "number" && padding !== 0) {
    for (let s = 0; s < S; s++) for (let i = 0; i < N; i++) flows[(s * N + i) * N + i] += padding;
  }
  const tariffs = data.baselineTariffs ? data.tariffs[data.baselineTariffs] : new Float64Array(S * N * N);
  const codes = { countries: data.countries.map((c) => c.code), sectors: data.sectors.map((s) => s.code) };
  const unbalanced = lashkaripourEconomy(N, S, flows, tariffs, elasticities.values);
  const state = newLashkaripourState(N, S);
  const system = prepareSystem(unbalanced, tariffs, new Float64Array(S * N * N).fill(1), [], codes, state);
  const { value: _value, ...balance } = solveSystem(system, state, { tolerance: params.tolerance });
  const balancedFlows = new Float64Array(S * N * N);
  for (let s = 0; s < S; s++)
    for (let i = 0; i < N; i++)
      for (let j = 0; j < N; j++) {
        const k = (s * N + i) * N + j;
        balancedFlows[k] = state.shares[k] * state.spending[j * S + s];
      }
  const economy = lashkaripourEconomy(N, S, balancedFlows, tariffs, elasticities.values);
  return { data, params, elasticitySet: elasticities.name, codes, unbalanced, economy, balance };
}

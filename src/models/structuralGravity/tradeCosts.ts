import { TradewindsInputError, message, show } from "../../messages.js";
import { MAX_TRADE_COST_FACTOR, MIN_TRADE_COST_FACTOR } from "../../scenario/domains.js";
import { reportIsolation } from "../isolationIssues.js";
import { analyseIsolation, componentMembers, proportionalDeficitSign } from "../tradeIsolation.js";
import type { CompiledPolicy, ModelAccounts, PolicyOrigin } from "../types.js";
import { hasOwnName, nullPrototypeRecord, ownValue } from "../../util/ownNames.js";
import { mapToUint8 } from "../../util/typedArrays.js";

/**
 * Trade costs of structural gravity in power form, τ_ij = t_ij^(1−σ) = exp(Σ_k β_k · x_k,ij)
 * (Advanced Guide Ch. 2 eq. (6) `tij_BLN`; gegravity OneSectorGE lines 503–506; spec one-sector.md
 * §1.1, §2.1). Larger τ means lower cost. Index order [i*N + j], exporter i, importer j.
 */

/** Name of the always-one regressor; it needs no covariate column in the dataset. */
export const CONSTANT_REGRESSOR = "constant";

/** τ_ij = exp(Σ_k β_k x_k,ij) into `out`; a coefficient named "constant" without a column uses x = 1. */
export function tradeCostsFromCovariates(
  N: number,
  covariates: Record<string, Float64Array>,
  coefficients: Record<string, number>,
  out: Float64Array = new Float64Array(N * N),
): Float64Array {
  const terms = Object.entries(coefficients).map(([name, beta]) => ({ beta, column: covariateColumn(covariates, name, N) }));
  for (let k = 0; k < N * N; k++) {
    let logCost = 0;
    for (const { beta, column } of terms) logCost += beta * (column ? column[k] : 1);
    out[k] = Math.exp(logCost);
  }
  return out;
}

function covariateColumn(covariates: Record<string, Float64Array>, name: string, N: number): Float64Array | undefined {
  const column = ownValue(covariates, name);
  if (column) {
    if (column.length !== N * N) throw new Error(`internal: covariate ${name} has ${column.length} entries, expected ${N * N}`);
    return column;
  }
  if (name === CONSTANT_REGRESSOR) return undefined;
  throw new TradewindsInputError([
    { source: "scenario", path: `model.coefficients.${name}`, value: show(name), message: message.unknownCovariate(name, Object.keys(covariates)) },
  ]);
}

/**
 * Counterfactual trade costs τ′ for a one-sector gravity model:
 *
 *   τ′_ij = exp(Σ_k β_k x′_k,ij) · d̂_ij^(1−σ) · ((1 + t′_ij)/(1 + t⁰_ij))^(1−σ)
 *
 * - x′ = the policy's counterfactual covariates where given, the dataset's otherwise;
 * - d̂ = the policy's iceberg cost factor (Infinity = embargo → τ′ = 0);
 * - tariffs enter as a pure cost factor on the tariff-inclusive price. Structural gravity as in
 *   the Advanced Guide and gegravity has no tariff revenue, so none is rebated: a tariff here acts
 *   like an iceberg cost of the same size (documented limitation).
 *
 * With the zero policy every factor is exactly 1, so τ′ equals the baseline τ bit for bit.
 * A policy covariate that the dataset lacks, or that has no coefficient (so would silently do
 * nothing), is an input error. `model` names the model in that message.
 */
export function counterfactualTradeCosts(
  N: number,
  sigma: number,
  covariates: Record<string, Float64Array>,
  coefficients: Record<string, number>,
  policy: CompiledPolicy,
  baselineTariffs: Float64Array | undefined,
  model: string,
  codesOf?: string[],
): Float64Array {
  const source = policy.origin?.source ?? "scenario";
  /** The field of the last covariate shock on `name` (the one whose value is in force). */
  const shockPath = (name: string) => policy.origin?.shocks.filter((s) => s.covariate === name).pop()?.path ?? `covariate ${name}`;
  for (const name of Object.keys(policy.covariates)) {
    const msg = !hasOwnName(covariates, name)
      ? message.unknownCovariate(name, Object.keys(covariates))
      : !hasOwnName(coefficients, name)
        ? message.covariateNotInModel(name, model, Object.keys(coefficients))
        : undefined;
    if (msg) throw new TradewindsInputError([{ source, path: `${shockPath(name)}.name`, value: show(name), message: msg }]);
  }
  const merged = nullPrototypeRecord([...Object.entries(covariates), ...Object.entries(policy.covariates)]);
  const tau = tradeCostsFromCovariates(N, merged, coefficients);
  // The domain of a covariate change: the trade-cost factor it implies, d̂ = exp(β·Δx/(1−σ)), as for a trade-cost shock.
  for (const [name, changed] of Object.entries(policy.covariates)) {
    const beta = coefficients[name];
    for (let k = 0; k < N * N; k++) {
      const delta = changed[k] - covariates[name][k];
      if (delta === 0) continue;
      const factor = Math.exp((beta * delta) / (1 - sigma));
      if (!(factor >= MIN_TRADE_COST_FACTOR && factor <= MAX_TRADE_COST_FACTOR)) {
        throw new TradewindsInputError([
          { source, path: `${shockPath(name)}.set`, value: show(changed[k]), message: message.covariateChangeOutOfRange(name, codesOf ? `${codesOf[Math.floor(k / N)]} → ${codesOf[k % N]}` : `pair ${Math.floor(k / N)} → ${k % N}`, factor, MIN_TRADE_COST_FACTOR, MAX_TRADE_COST_FACTOR) },
        ]);
      }
    }
  }
  const exponent = 1 - sigma;
  for (let k = 0; k < N * N; k++) {
    const costFactor = policy.tradeCostFactors[k];
    const tariffFactor = (1 + policy.tariffs[k]) / (1 + (baselineTariffs ? baselineTariffs[k] : 0));
    if (costFactor === Infinity) tau[k] = 0;
    else if (costFactor !== 1 || tariffFactor !== 1) tau[k] *= Math.pow(costFactor * tariffFactor, exponent);
  }
  return tau;
}

/**
 * Applies the trade-isolation rules (models/tradeIsolation.ts) to counterfactual trade costs τ′ in place:
 * the structural-gravity models hold each country's imbalance as a ratio, E = φ·Y, so a country that can buy
 * nothing abroad with φ = 1 sells nothing abroad either (its τ′ to others become 0), and one with φ ≠ 1 of the
 * wrong sign has no equilibrium (an input error naming the embargo shocks). Returns warnings for the caller.
 */
export function applyTradeIsolation(
  N: number,
  tau: Float64Array,
  imbalanceRatios: ArrayLike<number>,
  codes: string[],
  reference: number,
  origin: PolicyOrigin | undefined,
): { notes: string[]; separated: string[][] } {
  const canSell = mapToUint8(tau, (v) => (v > 0 ? 1 : 0));
  const analysis = analyseIsolation(N, canSell, proportionalDeficitSign(imbalanceRatios));
  const notes = reportIsolation(
    analysis,
    codes,
    origin,
    "the model holds each country's expenditure-to-output ratio E/Y",
    "leave at least one trade link of these countries open (the model has no balanced-trade option)",
    (countries) => message.separateComponentUnpriced(countries, codes[reference]),
  );
  for (let k = 0; k < N * N; k++) if (canSell[k] && !analysis.links[k] && Math.floor(k / N) !== k % N) tau[k] = 0;
  const separated = componentMembers(analysis.component, analysis.componentCount)
    .filter((members) => !members.includes(reference))
    .map((members) => members.map((n) => codes[n]));
  return { notes, separated };
}

/**
 * The accounts of a structural-gravity outcome (ModelOutcome.accounts): income Y (output, whose real change
 * p̂/P̂ is the headline) and the tariffs before (the dataset's baseline set, or 0) and after (the policy's).
 * Tariffs are trade costs in these models, so there is no tariff revenue.
 */
export function gravityAccounts(output: Float64Array, baselineTariffs: Float64Array | undefined, policy: CompiledPolicy): ModelAccounts {
  return {
    income: Float64Array.from(output),
    tariffs: { baseline: baselineTariffs ? Float64Array.from(baselineTariffs) : new Float64Array(policy.tariffs.length), counterfactual: Float64Array.from(policy.tariffs) },
  };
}

import type { Dataset } from "../../data/dataset.js";
import { TradewindsInputError, message, show } from "../../messages.js";
import { compensatedSum } from "../../util/sum.js";
import type { CaliendoParroParams } from "./params.js";
import { mapToFloat64 } from "../../util/typedArrays.js";

/**
 * The calibrated Caliendo–Parro (2015) economy: everything the model in changes reads, computed once
 * from the data (spec caliendo-parro-and-ossa.md §1.4 "Parameters", cp2015:R/prepare_cp2015.R:27-128).
 *
 * Index orders (N countries, S sectors):
 *   bilateral  [(s*N + i)*N + j]  sector s, exporter i, importer j (data/dataset.ts)
 *   by country × sector [n*S + s]
 *   inputShares [(n*S + k)*S + j]  input k, using sector j, in country n
 */
export interface CaliendoParroEconomy {
  N: number;
  S: number;
  /** π⁰: share of importer j's sector-s spending bought from exporter i (tariff-inclusive), bilateral order. */
  baseShares: Float64Array;
  /** t⁰: the baseline tariff levels the shares were observed under, bilateral order. */
  baseTariffs: Float64Array;
  /** X⁰[n*S + s]: tariff-inclusive spending of country n on sector s (the iteration's starting point), USD. */
  baseSpending: Float64Array;
  /** wL[n]: base labour income (value added), USD. */
  labourIncome: Float64Array;
  /** D[n]: data trade deficit (imports − exports, tariff-exclusive), USD. */
  dataDeficits: Float64Array;
  /** β[n*S + s]: value-added share of gross output. */
  valueAddedShares: Float64Array;
  /** γ[(n*S + k)*S + j]: share of input k in sector j's gross output (= CP's (1 − β)·γ^{k,j}). */
  inputShares: Float64Array;
  /** α[n*S + s]: share of sector s in final demand. */
  finalShares: Float64Array;
  /** θ_s: trade elasticity by sector. */
  tradeElasticities: Float64Array;
}

/**
 * Builds the economy from a dataset. Datasets without `io` are one-factor economies without input–output
 * links (β = 1, γ = 0, α = observed spending shares), which makes the one-sector gravity model (S = 1)
 * and Ossa's multi-sector Armington block special cases of the same model.
 */
export function calibrateEconomy(data: Dataset, params: CaliendoParroParams): CaliendoParroEconomy {
  const N = data.countries.length;
  const S = data.sectors.length;
  const flows = data.flows;
  const baseTariffs = data.baselineTariffs ? data.tariffs[data.baselineTariffs] : new Float64Array(S * N * N);
  const tradeElasticities = tradeElasticitiesOf(data, params);

  const baseSpending = new Float64Array(N * S);
  const baseShares = new Float64Array(S * N * N);
  for (let s = 0; s < S; s++)
    for (let i = 0; i < N; i++)
      for (let j = 0; j < N; j++) {
        const k = (s * N + i) * N + j;
        baseShares[k] = flows[k] * (1 + baseTariffs[k]);
        baseSpending[j * S + s] += baseShares[k];
      }
  for (let s = 0; s < S; s++)
    for (let i = 0; i < N; i++)
      for (let j = 0; j < N; j++) {
        const total = baseSpending[j * S + s];
        baseShares[(s * N + i) * N + j] = total > 0 ? baseShares[(s * N + i) * N + j] / total : 0;
      }

  const sales = new Float64Array(N * S);
  for (let s = 0; s < S; s++)
    for (let i = 0; i < N; i++) sales[i * S + s] = compensatedSum(flows, (s * N + i) * N, (s * N + i + 1) * N);

  let valueAddedShares: Float64Array;
  let inputShares: Float64Array;
  let finalShares: Float64Array;
  if (data.io) {
    ({ valueAddedShares, inputShares, finalShares } = data.io);
  } else {
    valueAddedShares = new Float64Array(N * S).fill(1);
    inputShares = new Float64Array(N * S * S);
    finalShares = new Float64Array(N * S);
    for (let n = 0; n < N; n++) {
      const total = compensatedSum(baseSpending, n * S, (n + 1) * S);
      for (let s = 0; s < S; s++) finalShares[n * S + s] = total > 0 ? baseSpending[n * S + s] / total : 0;
    }
  }

  const labourIncome = new Float64Array(N);
  for (let n = 0; n < N; n++) {
    if (data.io && data.gdp) {
      labourIncome[n] = data.gdp[n];
    } else {
      const terms = new Float64Array(S);
      for (let s = 0; s < S; s++) terms[s] = valueAddedShares[n * S + s] * sales[n * S + s];
      labourIncome[n] = compensatedSum(terms);
    }
  }
  return {
    N,
    S,
    baseShares,
    baseTariffs,
    baseSpending,
    labourIncome,
    dataDeficits: data.deficits ?? deficitsFromFlows(flows, N, S),
    valueAddedShares,
    inputShares,
    finalShares,
    tradeElasticities,
  };
}

/**
 * θ_s by sector: one value for all sectors (`tradeElasticity`), one per sector (`tradeElasticities`),
 * a named set of the dataset (`elasticities`), or the dataset's own (its default set where it has named sets).
 */
export function tradeElasticitiesOf(data: Dataset, params: Pick<CaliendoParroParams, "tradeElasticity" | "elasticities" | "tradeElasticities">): Float64Array {
  const S = data.sectors.length;
  if (params.tradeElasticity !== undefined) return new Float64Array(S).fill(params.tradeElasticity);
  if (params.tradeElasticities !== undefined) {
    if (params.tradeElasticities.length !== S) {
      throw new TradewindsInputError([{ source: `dataset ${data.meta.name}`, path: "model.tradeElasticities", value: show(params.tradeElasticities), message: message.tradeElasticitiesLength(S, params.tradeElasticities.length) }]);
    }
    return Float64Array.from(params.tradeElasticities);
  }
  if (params.elasticities !== undefined) {
    const sets = data.elasticitySets ?? {};
    if (!Object.hasOwn(sets, params.elasticities)) {
      throw new TradewindsInputError([
        { source: `dataset ${data.meta.name}`, path: "model.elasticities", value: show(params.elasticities), message: message.unknownElasticitySet(params.elasticities, Object.keys(sets)) },
      ]);
    }
    return sets[params.elasticities];
  }
  if (!data.tradeElasticities) {
    throw new TradewindsInputError([
      { source: `dataset ${data.meta.name}`, path: "tradeElasticities", value: "", message: message.modelNeedsDataset("caliendo-parro", "trade elasticities θ by sector (or the parameter tradeElasticity)") },
    ]);
  }
  return data.tradeElasticities;
}

/** D[n] = Σ imports − Σ exports over all sectors, tariff-exclusive (domestic sales cancel). */
export function deficitsFromFlows(flows: Float64Array, N: number, S: number): Float64Array {
  const imports = new Float64Array(N);
  const exports = new Float64Array(N);
  for (let s = 0; s < S; s++)
    for (let i = 0; i < N; i++)
      for (let j = 0; j < N; j++) {
        if (i === j) continue;
        exports[i] += flows[(s * N + i) * N + j];
        imports[j] += flows[(s * N + i) * N + j];
      }
  return mapToFloat64(imports, (m, n) => m - exports[n]);
}

import { countryIndex, dims, type Dataset } from "../../data/dataset.js";
import { TradewindsInputError, message } from "../../messages.js";
import { compensatedSum } from "../../util/sum.js";
import { calibrateLocalShares } from "./localShares.js";
import { scaleElasticityOf, type LiberationDayParams } from "./params.js";
import { mapToFloat64 } from "../../util/typedArrays.js";

/** The dataset parameter holding ν per country (scripts/datasets/world-2023.ts writes it). */
export const NU_PARAMETER = "liberationDay.nu";
/** The country whose ν is calibrated separately when the dataset does not carry ν (spec §3.1 Step 1). */
const NU_LEADER = "USA";
const MODEL_ID = "liberation-day";

/**
 * The calibrated baseline of the Liberation Day model (spec one-sector.md §3.1 Step 2, §3.2). Read only: baselines
 * of one dataset share the arrays that do not depend on the parameters (flows, shares, E, Y, T, ν).
 * Vectors have length N (country order of the dataset); matrices are [i*N + j], exporter i, importer j.
 */
export interface LiberationDayBaseline {
  params: LiberationDayParams;
  N: number;
  codes: string[];
  /** X_ij, baseline flows including domestic sales (tariff-free, thousands USD in world-2023). */
  flows: Float64Array;
  /** λ_ij = X_ij / E_j, importer j's expenditure share on exporter i. */
  shares: Float64Array;
  /** E_j = Σ_k X_kj. */
  expenditure: Float64Array;
  /** Y_i = Σ_k (1−ν_k) X_ik + ν_i E_i (Eaton–Kortum variant: Σ_k X_ik). */
  output: Float64Array;
  /** T_i = E_i − Y_i, the trade deficit, held fixed as a share of world income. */
  deficit: Float64Array;
  /** ν_i, the local share of spending accruing to the country's own factors. */
  nu: Float64Array;
  /** φ_i = a + (1+θ)/((1−ν_i)θ) − 1/θ − 1, θ = ε/0.67 (Eaton–Kortum variant: 1). */
  phi: Float64Array;
}

/** φ_i of §3.2 for local share ν, θ = 1/ψ (ψ = scaleElasticityOf(params): 0.67/ε by default) and shift a. */
export function passThrough(nu: number, params: LiberationDayParams): number {
  const theta = 1 / scaleElasticityOf(params);
  const tilde = Number.isFinite(theta) ? (1 + theta) / ((1 - nu) * theta) - 1 / theta - 1 : 1 / (1 - nu) - 1;
  return params.passThroughShift + tilde;
}

function localSharesOf(data: Dataset, N: number): Float64Array {
  const stored = data.parameters[NU_PARAMETER];
  if (Array.isArray(stored) && stored.length === N) return Float64Array.from(stored);
  const leader = countryIndex(data).get(NU_LEADER);
  if (!data.gdp || leader === undefined) {
    throw new TradewindsInputError([
      { source: `dataset ${data.meta.name}`, path: `parameters.${NU_PARAMETER}`, value: "", message: message.modelNeedsDataset(MODEL_ID, `ν per country (parameters["${NU_PARAMETER}"]) or GDP and a USA entry to calibrate it`) },
    ]);
  }
  const foreign = Float64Array.from(data.flows);
  for (let i = 0; i < N; i++) foreign[i * N + i] = 0;
  const shares = calibrateLocalShares(foreign, data.gdp, N, leader);
  return Float64Array.from({ length: N }, (_, k) => (k === leader ? shares.leader : shares.others));
}

/** Calibrates λ, E, Y, T, ν, φ from a one-sector dataset (spec §3.1 Step 2 recomputation). */
export function calibrateLiberationDay(data: Dataset, params: LiberationDayParams): LiberationDayBaseline {
  const eatonKortum = params.variant === "eaton-kortum";
  const { N, flows, shares, expenditure, output, deficit, nu } = dataPartOf(data, eatonKortum);
  return {
    params,
    N,
    codes: data.countries.map((c) => c.code),
    flows,
    shares,
    expenditure,
    output,
    deficit,
    nu,
    phi: mapToFloat64(nu, (v) => (eatonKortum ? 1 : passThrough(v, params))),
  };
}

/** What a baseline takes from the dataset alone (all but φ, which depends on the elasticities). */
type DataPart = Omit<LiberationDayBaseline, "params" | "codes" | "phi">;

/**
 * λ, E, Y, T and ν of a dataset, formed once per dataset and variant: a sweep's draws calibrate a baseline per
 * draw, and these (two N×N arrays) do not depend on the drawn parameters. Shared by those baselines, read only.
 */
function dataPartOf(data: Dataset, eatonKortum: boolean): DataPart {
  let byVariant = dataParts.get(data);
  if (!byVariant) dataParts.set(data, (byVariant = new Map()));
  let part = byVariant.get(eatonKortum);
  if (!part) byVariant.set(eatonKortum, (part = formDataPart(data, eatonKortum)));
  return part;
}
const dataParts = new WeakMap<Dataset, Map<boolean, DataPart>>();

function formDataPart(data: Dataset, eatonKortum: boolean): DataPart {
  const { N, S } = dims(data);
  if (S !== 1) {
    throw new TradewindsInputError([{ source: `dataset ${data.meta.name}`, path: "sectors", value: String(S), message: message.modelNeedsDataset(MODEL_ID, "exactly one sector") }]);
  }
  const flows = Float64Array.from(data.flows);
  const nu = eatonKortum ? new Float64Array(N) : localSharesOf(data, N);
  const expenditure = new Float64Array(N);
  const output = new Float64Array(N);
  const column = new Float64Array(N);
  const row = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    for (let k = 0; k < N; k++) column[k] = flows[k * N + i];
    expenditure[i] = compensatedSum(column);
    if (!(expenditure[i] > 0)) {
      throw new TradewindsInputError([{ source: `dataset ${data.meta.name}`, path: `flows (importer ${data.countries[i].code})`, value: String(expenditure[i]), message: message.modelNeedsDataset(MODEL_ID, "positive expenditure (imports plus domestic sales) for every country") }]);
    }
  }
  for (let i = 0; i < N; i++) {
    for (let k = 0; k < N; k++) row[k] = (1 - nu[k]) * flows[i * N + k];
    output[i] = compensatedSum(row) + nu[i] * expenditure[i];
  }
  const shares = new Float64Array(N * N);
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) shares[i * N + j] = flows[i * N + j] / expenditure[j];
  return { N, flows, shares, expenditure, output, deficit: mapToFloat64(expenditure, (e, i) => e - output[i]), nu };
}

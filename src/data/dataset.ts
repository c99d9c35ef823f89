import { TradewindsInputError, message, show } from "../messages.js";

/**
 * The in-memory dataset every model reads. One index order everywhere:
 *
 *   flows[(s*N + i)*N + j]   sector s, exporter i, importer j   (domestic sales on i = j)
 *   tariffs[name][same index] ad valorem rate (a share: 0.24 = 24%) that importer j levies on exporter i
 *   covariates[name][i*N + j] a gravity covariate of the pair exporter i → importer j
 *   io.inputShares[(n*S + k)*S + j]  γ: share of sector-k inputs in sector j's costs in country n
 *   io.valueAddedShares[n*S + j]     β: value-added share of sector j's gross output in country n
 *   io.finalShares[n*S + j]          α: share of sector j in country n's final demand
 *
 * Country vectors (gdp, deficits) are indexed by the position of the country in `countries`.
 */
export interface Country {
  /** ISO 3166-1 alpha-3 code (or a documented aggregate code such as ROW). */
  code: string;
  name: string;
}

export interface Sector {
  code: string;
  name: string;
  /** True for sectors whose goods are traded (Caliendo–Parro's tradable sectors). */
  tradable: boolean;
}

export interface DatasetMeta {
  name: string;
  title: string;
  year: number;
  /** Units of flows and GDP, e.g. "thousands of current USD". */
  units: string;
  source: string;
  licence: string;
  attribution: string;
  /** How the dataset was derived from its source (the build script's steps). */
  derivation: string[];
  notes: string[];
}

/** What a tariff set is: when its rates took effect, what they are, where they come from, which cells it covers. */
export interface TariffSetInfo {
  /** The date the rates took effect (YYYY-MM-DD), or the data year (YYYY). */
  date: string;
  /** What the rates are and how they stack (complete levels including the baseline, or an addition). */
  description: string;
  /** The source of the rates, in words. */
  source: string;
  /**
   * The cells the set defines: importers, exporters and sectors by code (each absent: all). A
   * `tariff-schedule` shock applies the set's rates to these cells only and leaves the others as they are.
   */
  covers?: { importers?: string[]; exporters?: string[]; sectors?: string[] };
}

export interface InputOutput {
  inputShares: Float64Array;
  valueAddedShares: Float64Array;
  finalShares: Float64Array;
}

export interface Dataset {
  meta: DatasetMeta;
  countries: Country[];
  sectors: Sector[];
  flows: Float64Array;
  /**
   * Named tariff sets; `baselineTariffs` names the one in force in the data year (absent: zero tariffs).
   * This record and covariates, groups, parameters and elasticitySets are null-prototype objects
   * (no inherited keys such as "constructor"): look names up with `Object.hasOwn`.
   */
  tariffs: Record<string, Float64Array>;
  baselineTariffs?: string;
  /** Information on the tariff sets, by set name (null-prototype); sets without an entry have none. */
  tariffSetInfo?: Record<string, TariffSetInfo>;
  covariates: Record<string, Float64Array>;
  /** GDP by country, same units as flows, where the source gives it. */
  gdp?: Float64Array;
  /** Trade deficit (expenditure − output) by country where the source gives it. */
  deficits?: Float64Array;
  /** Population (persons) of the data year by country, where a source gives it: per-person figures need it. */
  population?: Float64Array;
  /** Trade elasticity by sector (θ or ε) where the source gives it. */
  tradeElasticities?: Float64Array;
  /** Named trade-elasticity sets: ε_s by sector (π ∝ cost^(−ε)), e.g. the tariffwar sets IS, U4, CP, BSY, GYY, Shap, FGO, LL. Null-prototype object. */
  elasticitySets?: Record<string, Float64Array>;
  /** The set used when a scenario names none; `tradeElasticities` holds the same values. */
  defaultElasticitySet?: string;
  io?: InputOutput;
  /** Named country groups (EU27, G7, …) as lists of member codes. */
  groups: Record<string, string[]>;
  /** Model-specific calibrated parameters the build script derived (e.g. Liberation-Day ν), by key. */
  parameters: Record<string, number | number[]>;
}

/** A null-prototype copy of a record: user-supplied names can never reach Object.prototype. */
export function nullPrototypeRecord<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  for (const [key, value] of entries) out[key] = value;
  return out;
}

/**
 * The dataset with another of its tariff sets as the baseline (the rates the flows were observed
 * under), as a scenario's `baselineTariffs` chooses; the same object when nothing changes. The arrays
 * are shared, not copied.
 */
export function withBaselineTariffs(d: Dataset, name: string | undefined, source: string): Dataset {
  if (name === undefined || name === d.baselineTariffs) return d;
  if (!Object.hasOwn(d.tariffs, name)) {
    throw new TradewindsInputError([{ source, path: "baselineTariffs", value: show(name), message: message.unknownTariffSet(name, Object.keys(d.tariffs)) }]);
  }
  return { ...d, baselineTariffs: name };
}

/** Number of countries, sectors; and lookup of a country's index by code. */
export function dims(d: Dataset): { N: number; S: number } {
  return { N: d.countries.length, S: d.sectors.length };
}

export function countryIndex(d: Dataset): Map<string, number> {
  return new Map(d.countries.map((c, k) => [c.code, k]));
}

export function sectorIndex(d: Dataset): Map<string, number> {
  return new Map(d.sectors.map((s, k) => [s.code, k]));
}

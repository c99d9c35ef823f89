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
  /** Named tariff sets; `baselineTariffs` names the one in force in the data year (absent: zero tariffs). */
  tariffs: Record<string, Float64Array>;
  baselineTariffs?: string;
  covariates: Record<string, Float64Array>;
  /** GDP by country, same units as flows, where the source gives it. */
  gdp?: Float64Array;
  /** Trade deficit (expenditure − output) by country where the source gives it. */
  deficits?: Float64Array;
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

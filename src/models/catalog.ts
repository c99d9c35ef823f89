import type { z } from "zod";
import type { Dataset } from "../data/dataset.js";
import type { DealCapabilities } from "../scenario/normalizeDeals.js";
import type { QuantityKey } from "../report/registry.js";
import type { Model } from "./types.js";

/** A parameter that does not fit the dataset: path relative to the model section, the value, the message. */
export interface ParamsProblem {
  path: string;
  value: unknown;
  message: string;
}

/** What the scenario pipeline needs to know of a model: its parameter schema and the shocks it takes. */
export interface ModelEntry {
  description: string;
  params: z.ZodType;
  shocks: string[];
  // Each model has its own Params and Baseline types; the pipeline passes the parsed params through.
  model: Model<never, unknown>;
  /** Reported keys in table order (the first is the headline); registry keys, so a misspelt one is a type error. */
  tableKeys: QuantityKey[];
  /** Country × sector keys shown in sector tables, in order (multi-sector models). */
  sectorTableKeys?: QuantityKey[];
  /**
   * Checks of parsed parameters against the dataset that the schema cannot express (a reference country
   * it has, covariates it carries, a named elasticity set, …), run at validation so that errors name the
   * scenario field; each problem as { path relative to the model section, value, message }.
   * `hasEstimation` says whether the scenario has an estimation section.
   */
  checkParams?: (params: never, data: Dataset, hasEstimation: boolean) => ParamsProblem[];
  /** Export taxes and rent transfers for the deal instruments (absent: neither); the shock types are in `shocks`. */
  dealCapabilities?: DealCapabilities;
  /**
   * The model's trade elasticities ε_s by sector (one-sector models: one value; π ∝ cost^(−ε)): `of` reads
   * them from parsed parameters (the point estimate an uncertainty draw spreads around), `set` returns the
   * parameters with ε replaced by `values` — a parameter override per draw; the dataset is never changed.
   */
  tradeElasticities?: {
    of(params: never, data: Dataset): Float64Array;
    set(params: never, values: Float64Array): Record<string, unknown>;
  };
  /** The model's closed-form optimal tariffs on a calibrated baseline, where it has them. */
  closedFormRates?: (baseline: unknown) => ClosedFormRates;
}

/** Closed-form rates a model offers the scenario compiler (country indices of the dataset). */
export interface ClosedFormRates {
  /** The uniform tariff that maximises `importer`'s welfare, others' tariffs fixed. */
  optimalTariff(importer: number, formula: "expenditure" | "output"): number;
  /** The uniform tariff every other country applies to imports from `leader` in optimal retaliation. */
  optimalRetaliation(leader: number): number;
}

export type ModelCatalog = Record<string, ModelEntry>;

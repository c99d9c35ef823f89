import type { z } from "zod";
import type { Dataset } from "../data/dataset.js";
import type { Model } from "./types.js";

/** A problem with a model parameter that only the dataset reveals; `path` is relative to the model section. */
export interface ParamIssue {
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
  /** Reported keys in table order (the first is the headline). */
  tableKeys: string[];
  /** Country × sector keys shown in sector tables, in order (multi-sector models). */
  sectorTableKeys?: string[];
  /**
   * Checks of the parsed parameters against the dataset (a reference country it has, covariates it
   * carries, …), run at validation so that errors name the scenario field; `hasEstimation` says whether
   * the scenario has an estimation section.
   */
  checkParams?: (params: never, data: Dataset, hasEstimation: boolean) => ParamIssue[];
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

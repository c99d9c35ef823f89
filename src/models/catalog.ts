import type { z } from "zod";
import type { Model } from "./types.js";

/** What the scenario pipeline needs to know of a model: its parameter schema and the shocks it takes. */
export interface ModelEntry {
  description: string;
  params: z.ZodType;
  shocks: string[];
  // Each model has its own Params and Baseline types; the pipeline passes the parsed params through.
  model: Model<never, unknown>;
  /** Reported keys in table order (the first is the headline). */
  tableKeys: string[];
}

export type ModelCatalog = Record<string, ModelEntry>;

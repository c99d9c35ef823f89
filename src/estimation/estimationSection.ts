import { z } from "zod";
import { estimationSpecSchema } from "./estimationSpec.js";

/**
 * The schema of a scenario's `estimation:` section (stages of PPML fits; estimationStages.ts runs
 * them). Kept apart from the runner, which reads files, so that the scenario schema loads anywhere
 * (the dashboard's worker validates scenarios in the browser).
 */

const value = z.union([z.number(), z.string()]);

export const stageColumnSchema = z
  .strictObject({
    name: z.string().min(1).describe("The new column's name"),
    fixedEffect: z
      .strictObject({
        stage: z.string().min(1).describe("An earlier stage"),
        factor: z.string().min(1).describe('A fixed-effect factor of that stage, by its name (e.g. "pair_id_2", "exporter#year")'),
        by: z
          .array(z.string().min(1))
          .min(1)
          .optional()
          .describe("Columns of this stage's data whose values name the level (default: the factor's own component columns)"),
      })
      .describe("The recovered fixed effect of the row's level; missing where the level was not estimated"),
    exp: z.boolean().default(false).describe("Take exp() of the fixed effect (e.g. t̄_ij = exp(γ_ij))"),
  })
  .describe("A column built from an earlier stage before this stage's spec is applied");

export const estimationStageSchema = z
  .strictObject({
    name: z.string().min(1).describe("The stage's name, used by later stages and by the model's `estimated` parameters"),
    columns: z.array(stageColumnSchema).default([]),
    spec: z
      .union([z.string().min(1), estimationSpecSchema])
      .describe("An estimation spec (see `tradewinds estimate` and examples/estimate/), inline or as a file path relative to the scenario"),
  })
  .describe("One PPML fit");

export const estimationSectionSchema = z
  .strictObject({
    data: z.string().min(1).describe("The panel CSV: panel:<name> (embedded, e.g. panel:ag-rta-1986-2006) or a path relative to the scenario file"),
    crossSection: z
      .strictObject({
        exporter: z.string().min(1).default("exporter").describe("The data column holding the exporter code"),
        importer: z.string().min(1).default("importer").describe("The data column holding the importer code"),
        where: z.record(z.string(), value).default({}).describe("Column values that pick the GE baseline rows, e.g. { year: 1994 }"),
      })
      .describe("The data rows that are the dataset's exporter–importer pairs (exactly one per pair): where fixed effects and predictions are read"),
    stages: z.array(estimationStageSchema).min(1),
  })
  .describe(
    "Estimation stages run before calibration (PPML with high-dimensional fixed effects); the advanced-guide model's `estimated` parameters take trade costs from them (Advanced Guide ch. 2 NAFTA, spec one-sector.md §1.3)",
  );

export type EstimationSectionInput = z.input<typeof estimationSectionSchema>;
export type EstimationSection = z.output<typeof estimationSectionSchema>;


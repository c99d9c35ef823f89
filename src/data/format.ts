import { z } from "zod";

/**
 * The committed on-disk form of a dataset (data/<name>.json): plain JSON, dense arrays in the
 * index order of data/dataset.ts, tariffs as sparse entries (most pairs have none).
 */
const code = z.string().min(1);

export const tariffEntry = z.tuple([code, code, code, z.number()]).describe("[importer, exporter, sector or '*', rate]");

export const datasetFileSchema = z
  .object({
    format: z.literal("tradewinds-dataset/1"),
    meta: z
      .object({
        name: z.string().regex(/^[a-z0-9-]+$/),
        title: z.string(),
        year: z.number().int(),
        units: z.string(),
        source: z.string(),
        licence: z.string(),
        attribution: z.string(),
        derivation: z.array(z.string()),
        notes: z.array(z.string()),
      })
      .strict(),
    countries: z.array(z.object({ code, name: z.string() }).strict()).min(1),
    sectors: z.array(z.object({ code, name: z.string(), tradable: z.boolean() }).strict()).min(1),
    flows: z.array(z.number().nullable()),
    tariffs: z.record(z.string(), z.array(tariffEntry)),
    baselineTariffs: z.string().optional(),
    covariates: z.record(z.string(), z.array(z.number().nullable())),
    gdp: z.array(z.number().nullable()).optional(),
    deficits: z.array(z.number().nullable()).optional(),
    tradeElasticities: z.array(z.number()).optional(),
    io: z
      .object({
        inputShares: z.array(z.number()),
        valueAddedShares: z.array(z.number()),
        finalShares: z.array(z.number()),
      })
      .strict()
      .optional(),
    groups: z.record(z.string(), z.array(code)),
    parameters: z.record(z.string(), z.union([z.number(), z.array(z.number())])),
  })
  .strict();

export type DatasetFile = z.infer<typeof datasetFileSchema>;

import { z } from "zod";

/**
 * The JSON form of a dataset (tradewinds-dataset/1: users' own files, `tradewinds import-icio`; the
 * embedded datasets use the binary form of binaryFormat.ts): plain JSON, dense arrays in the
 * index order of data/dataset.ts, tariffs as sparse entries (most pairs have none).
 */
const code = z.string().min(1);

export const tariffEntry = z.tuple([code, code, code, z.number()]).describe("[importer, exporter, sector or '*', rate]");

/**
 * Element schemas of the named records of a dataset file. zod's record parser silently drops the key
 * "__proto__"; the loader re-reads every record from the raw JSON into a null-prototype object and
 * validates such keys with these same schemas (load.ts ownRecords).
 */
export const recordElementSchemas = {
  tariffs: z.array(tariffEntry),
  covariates: z.array(z.number().nullable()),
  groups: z.array(code),
  parameters: z.union([z.number(), z.array(z.number())]),
  elasticitySets: z.array(z.number()),
} as const;

/** The metadata, countries and sectors of a dataset file, in every format version (binaryFormat.ts too). */
export const datasetMetaSchema = z
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
  .strict();
export const datasetCountriesSchema = z.array(z.object({ code, name: z.string() }).strict()).min(1);
export const datasetSectorsSchema = z.array(z.object({ code, name: z.string(), tradable: z.boolean() }).strict()).min(1);

export const datasetFileSchema = z
  .object({
    format: z.literal("tradewinds-dataset/1"),
    meta: datasetMetaSchema,
    countries: datasetCountriesSchema,
    sectors: datasetSectorsSchema,
    flows: z.array(z.number().nullable()),
    tariffs: z.record(z.string(), recordElementSchemas.tariffs),
    baselineTariffs: z.string().optional(),
    covariates: z.record(z.string(), recordElementSchemas.covariates),
    gdp: z.array(z.number().nullable()).optional(),
    deficits: z.array(z.number().nullable()).optional(),
    /** Population (persons) by country, for per-person figures. */
    population: z.array(z.number()).optional(),
    tradeElasticities: z.array(z.number()).optional(),
    elasticitySets: z.record(z.string(), recordElementSchemas.elasticitySets).optional(),
    defaultElasticitySet: z.string().optional(),
    io: z
      .object({
        inputShares: z.array(z.number()),
        valueAddedShares: z.array(z.number()),
        finalShares: z.array(z.number()),
      })
      .strict()
      .optional(),
    groups: z.record(z.string(), recordElementSchemas.groups),
    parameters: z.record(z.string(), recordElementSchemas.parameters),
  })
  .strict();

export type DatasetFile = z.infer<typeof datasetFileSchema>;

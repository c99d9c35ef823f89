import { z } from "zod";
import { datasetCountriesSchema, datasetMetaSchema, datasetSectorsSchema } from "./format.js";

/**
 * The compact form of an embedded dataset ("tradewinds-dataset/2"): a small JSON header
 * data/<name>.json (metadata, codes, groups, parameters, elasticity sets, tariff-set information and a
 * table of arrays with their SHA-256) and one or more gzip chunks data/<name>.<k>.f64.gz holding the
 * large numeric arrays as little-endian float64, back to back.
 *
 * An array is stored "dense" (length × 8 bytes) or, when at most a quarter of it is non-zero, "sparse"
 * (nonZero uint32 indices, padded to a multiple of 8 bytes, then nonZero float64 values). Its checksum
 * covers exactly its stored bytes. Array names: "flows", "gdp", "deficits", "population", "tariffs/<set>",
 * "covariates/<name>", "io/inputShares", "io/valueAddedShares", "io/finalShares".
 *
 * Everything is validated once, when the build script writes it; loading checks the header's shape
 * (zod, a few kilobytes), each array's length, checksum and cheap invariants (signs, finiteness).
 */
export const BINARY_FORMAT = "tradewinds-dataset/2";

/** Largest uncompressed chunk (bytes). A chunk's gzip must also stay ≤ CHUNK_GZIP_LIMIT (checked when building). */
export const CHUNK_RAW_LIMIT = 6 * 1024 * 1024;
/** Committed files stay under ~2 MiB each (a build that exceeds this fails and says so). */
export const CHUNK_GZIP_LIMIT = 2 * 1024 * 1024;
/** Largest array a header may declare (elements): 1000 countries² × 100 sectors; a chunk holds at most 8 bytes per such element. */
export const MAX_ARRAY_LENGTH = 100_000_000;

const code = z.string().min(1);
/** Set, covariate and chunk names become parts of array names and file names: no separators, no dots at the start. */
const plainName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "letters, digits, '.', '_' or '-', starting with a letter or digit");

export const tariffSetInfoSchema = z
  .object({
    date: z.string().regex(/^\d{4}(-\d{2}-\d{2})?$/, "YYYY or YYYY-MM-DD"),
    description: z.string().min(1),
    source: z.string().min(1),
    covers: z
      .object({
        importers: z.array(code).min(1).optional(),
        exporters: z.array(code).min(1).optional(),
        sectors: z.array(code).min(1).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

const arrayEntry = z
  .object({
    name: z.string().regex(/^(flows|gdp|deficits|population|io\/(inputShares|valueAddedShares|finalShares)|(tariffs|covariates)\/[A-Za-z0-9][A-Za-z0-9._-]*)$/),
    chunk: z.number().int().min(0),
    offset: z.number().int().min(0).multipleOf(8),
    length: z.number().int().min(0).max(MAX_ARRAY_LENGTH),
    encoding: z.enum(["dense", "sparse"]),
    nonZero: z.number().int().min(0).optional(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export type ArrayEntry = z.infer<typeof arrayEntry>;

export const binaryHeaderSchema = z
  .object({
    format: z.literal(BINARY_FORMAT),
    meta: datasetMetaSchema,
    countries: datasetCountriesSchema,
    sectors: datasetSectorsSchema,
    baselineTariffs: z.string().optional(),
    /** Information on a tariff set (date, description, source, cells covered), by set name. */
    tariffSets: z.record(z.string(), tariffSetInfoSchema.nullable()),
    covariates: z.array(plainName),
    tradeElasticities: z.array(z.number()).optional(),
    elasticitySets: z.record(z.string(), z.array(z.number())).optional(),
    defaultElasticitySet: z.string().optional(),
    groups: z.record(z.string(), z.array(code)),
    parameters: z.record(z.string(), z.union([z.number(), z.array(z.number())])),
    chunks: z.array(z.object({ file: z.string().regex(/^[a-z0-9-]+\.\d+\.f64\.gz$/), bytes: z.number().int().min(0).max(8 * MAX_ARRAY_LENGTH) }).strict()),
    arrays: z.array(arrayEntry),
  })
  .strict();
export type BinaryHeader = z.infer<typeof binaryHeaderSchema>;

/** Bytes an array occupies in its chunk. */
export function storedBytes(entry: Pick<ArrayEntry, "length" | "encoding" | "nonZero">): number {
  if (entry.encoding === "dense") return entry.length * 8;
  const n = entry.nonZero ?? 0;
  return paddedIndexBytes(n) + n * 8;
}

/** uint32 indices of a sparse array, padded so that the float64 values that follow stay 8-byte aligned. */
export function paddedIndexBytes(nonZero: number): number {
  return Math.ceil((nonZero * 4) / 8) * 8;
}

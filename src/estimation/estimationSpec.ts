import { z } from "zod";
import { TradewindsInputError, message } from "../messages.js";
import { MAX_PPML_ITERATIONS, MAX_PROJECTION_SWEEPS, iterationBudget } from "../scenario/domains.js";
import { valueShapeIssues } from "../scenario/limits.js";

/**
 * The estimation spec: what `tradewinds estimate <spec-file>` reads and a scenario's estimation stage
 * embeds. Defined once here as a zod schema (strict: an unknown key is an error, never ignored).
 *
 * Example (AG Ch.1 App.3, column 6 "PHSNG"):
 *
 *   data: ../shared/data/advanced-guide/Chapter1Application3_with_rta_lags.csv
 *   sample: [{ column: year, in: [1986, 1990, 1994, 1998, 2002, 2006] }]
 *   derive: [{ name: pair_id_2, pool: { column: pair_id, when: same, columns: [exporter, importer], level: 0 } }]
 *   outcome: trade
 *   regressors: [rta, rta_lag4, rta_lag8, rta_lag12]
 *   fixedEffects: [[exporter, year], [importer, year], pair_id_2]
 *   vcov: { type: cluster, cluster: pair_id }
 *   combinations: [{ name: total_rta, weights: { rta: 1, rta_lag4: 1, rta_lag8: 1, rta_lag12: 1 } }]
 */

const value = z.union([z.number(), z.string()]);

/** Keep rows meeting every condition: a column in a set of values, or two columns (not) equal. */
export const sampleConditionSchema = z.union([
  z.strictObject({ column: z.string(), in: z.array(value).min(1) }),
  z.strictObject({ column: z.string(), notIn: z.array(value).min(1) }),
  z.strictObject({ differ: z.tuple([z.string(), z.string()]) }),
  z.strictObject({ same: z.tuple([z.string(), z.string()]) }),
]);

/**
 * New numeric columns, computed in order (later ones may use earlier ones):
 * - `log`: ln of a positive column;
 * - `product`: element-wise product of columns;
 * - `indicator`: 1 where `column` equals `equals`, else 0;
 * - `differ` / `same`: 1 where two columns differ / are equal, else 0;
 * - `pool`: a copy of `column` with every row where `columns` are `same` (or `differ`) set to `level`
 *   (AG's pair_id_2 pools all domestic pairs; intl_brdr pools all international pairs).
 */
export const derivedColumnSchema = z.union([
  z.strictObject({ name: z.string(), log: z.string() }),
  z.strictObject({ name: z.string(), product: z.array(z.string()).min(2) }),
  z.strictObject({ name: z.string(), indicator: z.strictObject({ column: z.string(), equals: value }) }),
  z.strictObject({ name: z.string(), differ: z.tuple([z.string(), z.string()]) }),
  z.strictObject({ name: z.string(), same: z.tuple([z.string(), z.string()]) }),
  z.strictObject({
    name: z.string(),
    pool: z.strictObject({ column: z.string(), when: z.enum(["same", "differ"]), columns: z.tuple([z.string(), z.string()]), level: z.number() }),
  }),
]);

/** A fixed-effect factor: one column, or the interaction of several (e.g. ["exporter","year"]). */
export const fixedEffectSchema = z.union([z.string(), z.array(z.string()).min(1)]);

/**
 * Normalisation of recovered fixed effects: the levels of `factor` (its name, e.g. "importer#year")
 * whose components equal `where` are set to 0 — e.g. `{ factor: "importer#year", where: { importer: "DEU" } }`.
 */
export const normalisationSchema = z.strictObject({ factor: z.string(), where: z.record(z.string(), value) });

export const vcovSchema = z.strictObject({
  type: z.enum(["iid", "robust", "cluster"]),
  /**
   * The cluster variable, with no id column built by hand:
   * - a column;
   * - a list of columns, whose combination of values is the cluster (`[exporter, importer]`: one
   *   cluster per directed pair), as ge_gravity and ppmlhdfe's `cluster(exporter#importer)` allow;
   * - `{ pair: [exporter, importer] }`: the unordered pair, rows A→B and B→A in one cluster (the
   *   Advanced Guide's `pair_id`).
   */
  cluster: z.union([z.string(), z.array(z.string()).min(1), z.strictObject({ pair: z.tuple([z.string(), z.string()]) })]).optional(),
  smallSample: z.enum(["stata", "fixest", "none"]).default("stata"),
});

export const estimationOptionsSchema = z.strictObject({
  tolerance: z.number().positive().max(1e-3).default(1e-8),
  innerTolerance: z.number().positive().max(1e-4).default(1e-9),
  maxIterations: iterationBudget("options.maxIterations", MAX_PPML_ITERATIONS).default(500),
  maxSweeps: iterationBudget("options.maxSweeps", MAX_PROJECTION_SWEEPS).default(10_000),
  scoreTolerance: z.number().positive().default(1e-6),
  dropSingletons: z.boolean().default(true),
});

export const estimationSpecSchema = z
  .strictObject({
    /** CSV path, relative to the spec file (used by the CLI; the library takes a frame). */
    data: z.string().optional(),
    sample: z.array(sampleConditionSchema).default([]),
    derive: z.array(derivedColumnSchema).default([]),
    outcome: z.string(),
    regressors: z.array(z.string()).default([]),
    fixedEffects: z.array(fixedEffectSchema).default([]),
    offset: z.string().optional(),
    weights: z.string().optional(),
    vcov: vcovSchema.default({ type: "robust", smallSample: "stata" }),
    combinations: z.array(z.strictObject({ name: z.string(), weights: z.record(z.string(), z.number()) })).default([]),
    normalisation: z.array(normalisationSchema).default([]),
    options: estimationOptionsSchema.default(estimationOptionsSchema.parse({})),
  })
  .refine((spec) => spec.vcov.type !== "cluster" || spec.vcov.cluster !== undefined, {
    message: 'vcov type "cluster" needs a cluster variable: add `cluster: <column>` or `cluster: [<column>, <column>]`',
    path: ["vcov", "cluster"],
  });

/** A validated spec with defaults filled in. */
export type EstimationSpec = z.output<typeof estimationSpecSchema>;
/** What a user may write (defaults optional). */
export type EstimationSpecInput = z.input<typeof estimationSpecSchema>;
export type SampleCondition = z.output<typeof sampleConditionSchema>;
export type DerivedColumn = z.output<typeof derivedColumnSchema>;
export type Normalisation = z.output<typeof normalisationSchema>;
export type EstimationOptions = z.output<typeof estimationOptionsSchema>;

export type ClusterVariable = NonNullable<z.output<typeof vcovSchema>["cluster"]>;

/** The cluster variable's name as results report it: the column, the columns joined by "#" ("exporter#importer"), or "pair(exporter, importer)". */
export function clusterName(cluster: ClusterVariable): string {
  return typeof cluster === "string" ? cluster : Array.isArray(cluster) ? cluster.join("#") : `pair(${cluster.pair.join(", ")})`;
}

/** Factor names as the result reports them ("exporter#year"). */
export function fixedEffectComponents(entry: string | string[]): string[] {
  return typeof entry === "string" ? [entry] : entry;
}

/** Validates a parsed spec file; every zod issue becomes an `InputIssue` naming the field path. */
export function parseEstimationSpec(raw: unknown, source: string, options: { echo?: boolean } = {}): EstimationSpec {
  const shape = valueShapeIssues(raw, source);
  if (shape.length) throw new TradewindsInputError(shape);
  const parsed = estimationSpecSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const echo = options.echo ?? true;
  throw new TradewindsInputError(
    parsed.error.issues.map((issue) => ({
      source,
      path: (echo ? issue.path : pathUpToUserKeys(issue.path)).map(String).join("."),
      value: "",
      // Unrecognized keys are the file's own words: a spec read from a file a scenario names gives their count only.
      message: !echo && issue.code === "unrecognized_keys" ? message.specKeysNotShown(issue.keys.length) : message.invalidEstimationSpec(issue.message),
    })),
  );
}

/** A path cut after a record field (`where`, `weights`), whose keys are the file's words, not the schema's. */
function pathUpToUserKeys(path: readonly PropertyKey[]): PropertyKey[] {
  const cut = path.findIndex((key) => key === "where" || key === "weights");
  return cut < 0 ? [...path] : path.slice(0, cut + 1);
}

import { z } from "zod";

/**
 * Parameters of the Caliendo–Parro (2015) model (spec caliendo-parro-and-ossa.md §1.4–1.5).
 * Defaults are the cp2015 package's `run_cp2015` settings, which reproduce its tests.
 */
export const caliendoParroParamsSchema = z
  .object({
    /**
     * "zero-aggregate": both solves use D = 0 (CP §5.1, the package's zero_aggregate_deficit = TRUE);
     * "held": both solves keep the data deficits fixed in levels, world value added the numeraire.
     */
    deficits: z.enum(["zero-aggregate", "held"]).default("zero-aggregate"),
    /** Damping u of the simultaneous update x ← x − u·r(x) (package ufactor; run_cp2015 uses 0.5). */
    damping: z.number().gt(0).lte(1).default(0.5),
    /** Stop when the Euclidean norm of all residuals falls below this (package tol). */
    tolerance: z.number().positive().default(1e-7),
    maxIterations: z.number().int().positive().default(10000),
    /**
     * "anderson" (default): the package's damped map, Anderson-accelerated — the same fixed point in
     * about a tenth of the iterations; "damped": the package's plain iteration, step for step.
     */
    method: z.enum(["anderson", "damped"]).default("anderson"),
    /** One trade elasticity θ for every sector, for datasets that carry none (overrides the dataset's when set). */
    tradeElasticity: z.number().positive().optional(),
    /**
     * A named elasticity set of the dataset (θ_s = ε_s by sector, e.g. IS, U4, CP, BSY, GYY, Shap, FGO, LL on
     * the tariffwar datasets; see `tradewinds datasets <name>`). Default: the dataset's default set.
     */
    elasticities: z.string().min(1).optional(),
    /** θ_s by sector, one positive value per sector of the dataset (an uncertainty draw sets this; a scenario may too). */
    tradeElasticities: z.array(z.number().positive().finite()).min(1).optional(),
  })
  .strict()
  .refine((p) => [p.tradeElasticity, p.elasticities, p.tradeElasticities].filter((v) => v !== undefined).length <= 1, {
    message: 'give at most one of "tradeElasticity" (one θ for all sectors), "elasticities" (a named set of the dataset) or "tradeElasticities" (θ by sector)',
    path: ["elasticities"],
  });

export type CaliendoParroParams = z.infer<typeof caliendoParroParamsSchema>;

/** The package's settings with the given deficit treatment. */
export function caliendoParroDefaults(deficits: CaliendoParroParams["deficits"] = "zero-aggregate"): CaliendoParroParams {
  return caliendoParroParamsSchema.parse({ deficits });
}

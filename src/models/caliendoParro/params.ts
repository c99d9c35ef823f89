import { z } from "zod";
import type { Dataset } from "../../data/dataset.js";
import { message } from "../../messages.js";
import type { ParamsProblem } from "../catalog.js";
import { DOMAIN_REASONS, MAX_SOLVER_ITERATIONS, MAX_TOLERANCE, MAX_TRADE_ELASTICITY, MIN_TOLERANCE, MIN_TRADE_ELASTICITY, boundedNumber, iterationBudget, range } from "../../scenario/domains.js";

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
    deficits: z
      .enum(["zero-aggregate", "held"])
      .default("zero-aggregate")
      .describe('"zero-aggregate" (default): trade balanced in both solves (CP §5.1); "held": the data deficits held in levels'),
    /** Damping u of the simultaneous update x ← x − u·r(x) (package ufactor; run_cp2015 uses 0.5). */
    damping: z.number().gt(0).lte(1).default(0.5).describe("Damping u of the update x ← x − u·r(x), in (0, 1] (package ufactor; default 0.5)"),
    /** Stop when the Euclidean norm of all residuals falls below this (package tol). */
    tolerance: boundedNumber("tolerance", MIN_TOLERANCE, MAX_TOLERANCE, "the residual norm the iteration stops at; below 1e-14 it cannot be met in double precision")
      .default(1e-7)
      .describe(`Stop when the Euclidean norm of all residuals falls below this, in ${range(MIN_TOLERANCE, MAX_TOLERANCE)} (package tol; default 1e-7)`),
    maxIterations: iterationBudget("maxIterations", MAX_SOLVER_ITERATIONS)
      .default(10000)
      .describe(`Iteration budget, a whole number in ${range(1, MAX_SOLVER_ITERATIONS)} (default 10000); a solve that stops at it is reported as not converged`),
    /**
     * "anderson" (default): the package's damped map, Anderson-accelerated — the same fixed point in
     * about a tenth of the iterations; "damped": the package's plain iteration, step for step.
     */
    method: z.enum(["anderson", "damped"]).default("anderson").describe('"anderson" (default): the package\'s damped map, Anderson-accelerated; "damped": the package\'s plain iteration'),
    /** One trade elasticity θ for every sector, for datasets that carry none (overrides the dataset's when set). */
    tradeElasticity: boundedNumber("tradeElasticity", MIN_TRADE_ELASTICITY, MAX_TRADE_ELASTICITY, DOMAIN_REASONS.tradeElasticityCp)
      .optional()
      .describe(`One trade elasticity θ for every sector, in ${range(MIN_TRADE_ELASTICITY, MAX_TRADE_ELASTICITY)} (overrides the dataset's θ by sector when set)`),
    /**
     * A named elasticity set of the dataset (θ_s = ε_s by sector, e.g. IS, U4, CP, BSY, GYY, Shap, FGO, LL on
     * the tariffwar datasets; see `tradewinds datasets <name>`). Default: the dataset's default set.
     */
    elasticities: z.string().min(1).optional(),
    /** θ_s by sector, one positive value per sector of the dataset (an uncertainty draw sets this; a scenario may too). */
    tradeElasticities: z
      .array(boundedNumber("tradeElasticities", MIN_TRADE_ELASTICITY, MAX_TRADE_ELASTICITY, DOMAIN_REASONS.tradeElasticityCp))
      .min(1)
      .optional()
      .describe(`θ by sector, one value per sector of the dataset in its order, each in ${range(MIN_TRADE_ELASTICITY, MAX_TRADE_ELASTICITY)} (instead of a named set)`),
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

/** The dataset must carry θ by sector unless the scenario sets one `tradeElasticity` (checked at validation). */
export function checkCaliendoParroParams(params: CaliendoParroParams, data: Dataset): ParamsProblem[] {
  if (params.tradeElasticity !== undefined || params.tradeElasticities !== undefined || data.tradeElasticities) return [];
  return [{ path: "tradeElasticity", value: undefined, message: message.modelNeedsDataset("caliendo-parro", "trade elasticities θ by sector (or the parameter tradeElasticity)") }];
}

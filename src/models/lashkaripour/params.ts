import { z } from "zod";
import { DOMAIN_REASONS, MAX_TRADE_ELASTICITY, MIN_TRADE_ELASTICITY, boundedNumber, range } from "../../scenario/domains.js";
import { SYSTEM_TOLERANCE } from "./solve.js";

/** Parameters of the Lashkaripour (2021) model (spec tariffwar.md). */
export const lashkaripourParamsSchema = z
  .object({
    /**
     * The dataset's elasticity set (ε_s by sector; σ_s = ε_s + 1), e.g. IS, U4, CP, BSY, GYY, Shap, FGO, LL on the
     * tariffwar datasets; default the dataset's `defaultElasticitySet`. The balanced baseline depends on it (spec §4).
     */
    elasticities: z.string().min(1).optional().describe("The dataset's elasticity set (see `tradewinds datasets <name>`); default the dataset's default set"),
    /** ε_s by sector, one positive value per sector (an uncertainty draw sets this; a scenario may too). */
    tradeElasticities: z
      .array(boundedNumber("tradeElasticities", MIN_TRADE_ELASTICITY, MAX_TRADE_ELASTICITY, DOMAIN_REASONS.tradeElasticityLd))
      .min(1)
      .optional()
      .describe(`ε by sector, one value per sector of the dataset in its order, each in ${range(MIN_TRADE_ELASTICITY, MAX_TRADE_ELASTICITY)} (instead of a named set)`),
    /** max |scaled residual| of every solve (ERR1/R, ERR2/Y, ERR3). */
    tolerance: z.number().positive().max(1e-6).default(SYSTEM_TOLERANCE).describe("Solver tolerance: max |residual| relative to wage income / expenditure"),
  })
  .strict()
  .refine((p) => p.elasticities === undefined || p.tradeElasticities === undefined, {
    message: 'give either "elasticities" (a named set of the dataset) or "tradeElasticities" (ε by sector), not both',
    path: ["tradeElasticities"],
  });

export type LashkaripourParams = z.infer<typeof lashkaripourParamsSchema>;

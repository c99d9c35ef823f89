import { z } from "zod";
import { MAX_SEED } from "../random/drawStream.js";

/** The most draws one run or sweep dimension may ask for (a stated limit: each draw is a full solve of every phase). */
export const MAX_DRAWS = 100_000;
/** The most uncertain parameters one section may state. */
export const MAX_UNCERTAIN_PARAMETERS = 32;
/** The seed when neither the section nor `--seed` gives one. */
export const DEFAULT_SEED = 1;
/** The band reported: the 5th and 95th percentiles of the converged draws. */
export const BAND = { lower: 0.05, upper: 0.95 } as const;
/** How the band's quantiles are computed (d3-array quantileSorted, R's default). */
export const QUANTILE_METHOD =
  "Hyndman & Fan (1996) type 7, R's default: the p-quantile of n sorted values x₁ ≤ … ≤ xₙ is x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋₊₁ − x_⌊h⌋), h = (n − 1)p + 1";

/** The per-sector trade elasticities ε_s the model uses (any model: one-sector models have one sector). */
export const TRADE_ELASTICITIES = "tradeElasticities";
/** A named elasticity set of the dataset (IS, U4, CP, …), drawn as a discrete choice. */
export const ELASTICITY_SET = "elasticities";

const parameter = z
  .string()
  .min(1)
  .describe(
    `A model parameter: "${TRADE_ELASTICITIES}" (the trade elasticity by sector, any model), "${ELASTICITY_SET}" (the dataset's named elasticity set, a choice) or a numeric parameter of the model (e.g. tradeElasticity, laborSupplyElasticity, sigma)`,
  );

const lognormal = z
  .object({
    parameter,
    distribution: z.literal("lognormal"),
    cv: z
      .number()
      .min(0)
      .max(10)
      .describe("Coefficient of variation (sd ÷ mean); the mean is the point estimate: x = x̂·exp(s·z − s²/2), s² = ln(1 + cv²), z ~ N(0, 1). 0: every draw is the point estimate"),
    sectors: z
      .enum(["independent", "common"])
      .default("independent")
      .describe(`For ${TRADE_ELASTICITIES}: one z per sector (independent) or one z for all sectors (common)`),
  })
  .strict();

const uniform = z
  .object({
    parameter,
    distribution: z.literal("uniform"),
    min: z.number().finite(),
    max: z.number().finite(),
  })
  .strict()
  .refine((p) => p.min <= p.max, { message: '"min" must not exceed "max"', path: ["max"] })
  .describe("A numeric parameter drawn uniformly on [min, max] (its value in the scenario is not used)");

const choice = z
  .object({
    parameter,
    distribution: z.literal("choice"),
    among: z
      .union([z.literal("all"), z.array(z.union([z.string().min(1), z.number().finite()])).min(1).max(1000)])
      .describe(`Equally likely values: numbers for a numeric parameter; for "${ELASTICITY_SET}" names of the dataset's elasticity sets, or "all"`),
  })
  .strict();

export const uncertainParameterSchema = z.discriminatedUnion("distribution", [lognormal, uniform, choice]);
export type UncertainParameter = z.infer<typeof uncertainParameterSchema>;

export const uncertaintySectionSchema = z
  .object({
    draws: z
      .number()
      .int()
      .min(0)
      .max(MAX_DRAWS)
      .optional()
      .describe(`Draws solved by every run (0 or absent: only with \`tradewinds run --uncertainty <draws>\`); at most ${MAX_DRAWS}`),
    seed: z.number().int().min(0).max(MAX_SEED).optional().describe(`Seed of the counter-based generator (default ${DEFAULT_SEED}); draw k depends on (seed, k) alone`),
    parameters: z
      .array(uncertainParameterSchema)
      .min(1)
      .max(MAX_UNCERTAIN_PARAMETERS)
      .describe("The uncertain parameters, applied in this order to every phase's model parameters (a choice of elasticity set before a spread around it)"),
  })
  .strict()
  .describe(
    "Parameter uncertainty (spec scenarios-and-strategy.md §6): each draw solves every phase with parameters drawn from these distributions; the report shows the point estimate and the 5–95% band",
  );
export type UncertaintySection = z.infer<typeof uncertaintySectionSchema>;

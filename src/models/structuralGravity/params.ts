import { z } from "zod";
import { MAX_COEFFICIENT_MAGNITUDE, MAX_LOOP_PASSES, MAX_SIGMA, MIN_SIGMA, boundedNumber, iterationBudget, range } from "../../scenario/domains.js";

/**
 * Parameters of the two structural-gravity models, defined once as zod schemas (strict objects with
 * defaults) so the scenario schema can embed them. Defaults reproduce the published setups:
 * Advanced Guide Ch. 2 (σ = 7, reference DEU, regressors ln_DIST CNTG INTL_BRDR) and gegravity's
 * OneSectorGE example (σ = 5, reference DEU, the coefficients of examples_OneSectorGE.py).
 */
const elasticity = boundedNumber("sigma", MIN_SIGMA, MAX_SIGMA, "σ = 1 + θ; τ = t^(1−σ) under- or overflows outside it").describe(
  `CES elasticity of substitution σ, in ${range(MIN_SIGMA, MAX_SIGMA)}; τ = t^(1−σ)`,
);
const coefficientValues = z
  .record(z.string(), boundedNumber("a trade-cost coefficient", -MAX_COEFFICIENT_MAGNITUDE, MAX_COEFFICIENT_MAGNITUDE, "τ = exp(Σ β x) must stay finite; gravity estimates are O(1)"));
const countryCode = z.string().min(1).describe("reference country (ISO3 code of the dataset)");

export const agParamsSchema = z
  .object({
    sigma: elasticity.default(7),
    reference: countryCode.default("DEU"),
    regressors: z
      .array(z.string().min(1))
      .default(["ln_DIST", "CNTG", "INTL_BRDR"])
      .describe("dataset covariates whose coefficients the baseline PPML estimates (with exporter and importer FE)"),
    coefficients: coefficientValues
      .optional()
      .describe(`fixed trade-cost coefficients β by covariate name, each in ${range(-MAX_COEFFICIENT_MAGNITUDE, MAX_COEFFICIENT_MAGNITUDE)}; when given, no regression is run`),
    fullGe: z
      .enum(["stata", "exact"])
      .default("stata")
      .describe("'stata': the AG Stata loop with its stopping rule (reproduces the book); 'exact': the exact fixed point"),
    imbalances: z
      .enum(["multiplicative", "balanced"])
      .default("multiplicative")
      .describe(
        "Full GE's trade imbalances: 'multiplicative' (default, the book's) E′ = φ·Y′ with φ = E/Y of the data (importer totals rescaled by one common factor so that world spending = world output); 'balanced': E′ = Y′, every imbalance closed in the counterfactual (a zero shock then moves prices)",
      ),
    maxLoopPasses: iterationBudget("maxLoopPasses", MAX_LOOP_PASSES)
      .default(100)
      .describe(`Cap on the Stata loop's passes, a whole number in ${range(1, MAX_LOOP_PASSES)} (default 100; the published runs need 3–5)`),
    estimated: z
      .object({
        coefficients: z
          .object({
            stage: z.string().min(1).describe("An estimation stage of the scenario's `estimation` section"),
            regressors: z.array(z.string().min(1)).min(1).describe("Its slopes that enter trade costs, each a dataset covariate of the same name (e.g. RTA)"),
          })
          .strict()
          .optional()
          .describe("β from an estimation stage instead of `regressors`/`coefficients`: τ = τ̄ · exp(Σ_k β_k x_k)"),
        pairCosts: z
          .object({
            stage: z.string().min(1).describe("The stage whose pair fixed effects γ_ij give ln τ̄_ij (domestic pairs: their normalised level, e.g. 0)"),
            factor: z.string().min(1).describe('The pair factor of that stage, e.g. "pair_id_2"'),
            fill: z
              .string()
              .min(1)
              .optional()
              .describe("A stage whose fitted ln μ (fixed effects included) gives ln τ̄ for pairs without an estimated γ (AG stage 2, RTAsEffects.do:151–172)"),
          })
          .strict()
          .optional()
          .describe("τ̄_ij from estimated pair fixed effects, read at the estimation section's crossSection rows"),
      })
      .strict()
      .optional()
      .describe(
        "Baseline trade costs from the scenario's estimation stages (spec one-sector.md §1.3): τ^BLN_ij = τ̄_ij · exp(Σ_k β_k x_k,ij), x = dataset covariates; covariate shocks change x",
      ),
    conventions: z
      .array(z.enum(["published-nafta"]))
      .default([])
      .describe(
        "Extra reporting conventions, added beside the standard (CF − BLN)/BLN keys: 'published-nafta' = the AG NAFTA table's effect OF the agreement, BLN vs CF (RTAsEffects.do:468–506; keys naftaEffect*)",
      ),
  })
  .strict()
  .refine((p) => p.imbalances !== "balanced" || p.fullGe === "exact", {
    path: ["imbalances"],
    error: "imbalances: balanced needs fullGe: exact — the book's Stata loop iterates from the data's imbalances and its stopping rule does not reach the balanced equilibrium",
  });

export const GEGRAVITY_EXAMPLE_COEFFICIENTS: Readonly<Record<string, number>> = {
  lndist: -0.3898623,
  contiguity: 0.891577,
  common_language: 0.0326249,
  pta: 0.4711383,
  international: -3.412584,
  constant: 16.32434,
};

export const gegravityParamsSchema = z
  .object({
    sigma: elasticity.default(5),
    reference: countryCode.default("DEU"),
    coefficients: coefficientValues
      .default({ ...GEGRAVITY_EXAMPLE_COEFFICIENTS })
      .describe(`trade-cost coefficients β by covariate name, including 'constant' if used, each in ${range(-MAX_COEFFICIENT_MAGNITUDE, MAX_COEFFICIENT_MAGNITUDE)}`),
  })
  .strict();

export type AgParams = z.output<typeof agParamsSchema>;
export type AgParamsInput = z.input<typeof agParamsSchema>;
export type GegravityParams = z.output<typeof gegravityParamsSchema>;
export type GegravityParamsInput = z.input<typeof gegravityParamsSchema>;

import { z } from "zod";
import { DOMAIN_REASONS, MAX_LABOR_SUPPLY_ELASTICITY, MAX_PASS_THROUGH_SHIFT, MAX_SCALE_NUMERATOR, MAX_TRADE_ELASTICITY, MIN_TRADE_ELASTICITY, boundedNumber, range } from "../../scenario/domains.js";

/**
 * Parameters of the Liberation Day model (Ignatenko, Macedoni, Lashkaripour & Simonovska 2025,
 * `main_baseline.m` lines 55–62; spec one-sector.md §3.2). Defaults are the paper's baseline.
 */
export const liberationDayParamsSchema = z
  .object({
    /** ε, the trade elasticity. */
    tradeElasticity: boundedNumber("tradeElasticity", MIN_TRADE_ELASTICITY, MAX_TRADE_ELASTICITY, DOMAIN_REASONS.tradeElasticityLd)
      .default(4)
      .describe(`ε, the trade elasticity, in ${range(MIN_TRADE_ELASTICITY, MAX_TRADE_ELASTICITY)} (default 4)`),
    /** κ, the labour-supply elasticity (0: fixed employment). */
    laborSupplyElasticity: boundedNumber("laborSupplyElasticity", 0, MAX_LABOR_SUPPLY_ELASTICITY, "κ of L̂ = (τ̂ŵ/P̂)^κ; 0 fixes employment")
      .default(0.5)
      .describe(`κ, the labour-supply elasticity, in ${range(0, MAX_LABOR_SUPPLY_ELASTICITY)} (0: fixed employment; default 0.5)`),
    /** The numerator of the scale elasticity ψ = numerator/ε (θ = ε/numerator); 0 switches scale effects off. */
    scaleElasticityNumerator: boundedNumber("scaleElasticityNumerator", 0, MAX_SCALE_NUMERATOR, "ψ = numerator/ε is the scale elasticity; 0 switches scale effects off")
      .default(0.67)
      .describe(`The numerator of the scale elasticity ψ = numerator/ε, in ${range(0, MAX_SCALE_NUMERATOR)} (default 0.67); ψ·κ must stay below 1`),
    /** a in φ_i = a + φ̃_i (1: the paper's baseline; 0.25: its incomplete pass-through case). */
    passThroughShift: boundedNumber("passThroughShift", 0, MAX_PASS_THROUGH_SHIFT, "a in φ = a + φ̃; the paper uses 1 and 0.25")
      .default(1)
      .describe(`a in φ_i = a + φ̃_i, in ${range(0, MAX_PASS_THROUGH_SHIFT)} (1: the paper's baseline; 0.25: its incomplete pass-through case)`),
    /** How tariff revenue reaches households: as a cut in the income tax, or as a lump sum. */
    revenue: z.enum(["income-tax-relief", "lump-sum"]).default("income-tax-relief").describe("How tariff revenue reaches households"),
    /** "eaton-kortum": φ = 1, ν = 0, Y_i = Σ_k X_ik, T = E − Y (the paper's run 3). */
    variant: z.enum(["baseline", "eaton-kortum"]).default("baseline").describe('"eaton-kortum": φ = 1, ν = 0, Y = Σ_k X_ik (the paper\'s run 3)'),
  })
  .strict()
  .refine((p) => (p.scaleElasticityNumerator / p.tradeElasticity) * p.laborSupplyElasticity < 1, {
    path: ["scaleElasticityNumerator"],
    error: "the scale elasticity ψ = scaleElasticityNumerator/tradeElasticity times laborSupplyElasticity κ must be below 1 (else employment and productivity feed each other without bound); lower one of them",
  });

export type LiberationDayParams = z.infer<typeof liberationDayParamsSchema>;

/** The paper's baseline parameters (all defaults). */
export const defaultLiberationDayParams: LiberationDayParams = liberationDayParamsSchema.parse({});

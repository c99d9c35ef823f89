import { z } from "zod";
import { DOMAIN_REASONS, MAX_LABOR_SUPPLY_ELASTICITY, MAX_PASS_THROUGH_SHIFT, MAX_SCALE_NUMERATOR, MAX_TRADE_ELASTICITY, MIN_TRADE_ELASTICITY, boundedNumber, range } from "../../scenario/domains.js";

/** The paper's numerator of ψ = 0.67/ε (main_baseline.m line 58) and its trade elasticity. */
export const PAPER_SCALE_NUMERATOR = 0.67;
export const PAPER_TRADE_ELASTICITY = 4;

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
    /**
     * The numerator of the scale elasticity ψ = numerator/ε (θ = 1/ψ in the pass-through φ); 0 switches scale
     * effects off. Default 0.67 (the paper): overriding ε then moves ψ with it, as the paper's ε = 8 run does.
     */
    scaleElasticityNumerator: boundedNumber("scaleElasticityNumerator", 0, MAX_SCALE_NUMERATOR, "ψ = numerator/ε is the scale elasticity; 0 switches scale effects off")
      .optional()
      .describe(`The numerator of the scale elasticity ψ = numerator/ε, in ${range(0, MAX_SCALE_NUMERATOR)} (default ${PAPER_SCALE_NUMERATOR}: ψ moves with ε); ψ·κ must stay below 1`),
    /** ψ itself, held whatever ε is (the numerator becomes ψ·ε). Give it or scaleElasticityNumerator, not both. */
    scaleElasticity: boundedNumber("scaleElasticity", 0, MAX_SCALE_NUMERATOR, "the scale elasticity ψ (the paper: 0.67/4 = 0.1675); 0 switches scale effects off")
      .optional()
      .describe(`The scale elasticity ψ itself, in ${range(0, MAX_SCALE_NUMERATOR)}, held fixed when ε is overridden (default: ψ = scaleElasticityNumerator/ε, which moves with ε)`),
    /**
     * What the counterfactual holds of each country's trade deficit T = E − Y: "world-income-share" (the paper)
     * T′ = T·ΣY′/ΣY; "balanced" T′ = 0 (deficits closed in the counterfactual); "multiplicative" E′ − R′ = ρ·κ′·Y′,
     * ρ = E/Y, κ′ common to all countries so that world spending equals world income.
     */
    deficits: z
      .enum(["world-income-share", "balanced", "multiplicative"])
      .default("world-income-share")
      .describe('"world-income-share" (default, the paper): deficits held as a share of world income; "balanced": every deficit zero in the counterfactual; "multiplicative": E = ρ·Y with ρ = E/Y of the data, up to one common factor κ′ that keeps world spending equal to world income'),
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
  .refine((p) => p.scaleElasticity === undefined || p.scaleElasticityNumerator === undefined, {
    path: ["scaleElasticity"],
    error: "give either scaleElasticity (ψ, held whatever ε) or scaleElasticityNumerator (ψ = numerator/ε), not both",
  })
  .refine((p) => scaleElasticityOf(p) * p.laborSupplyElasticity < 1, {
    path: ["scaleElasticityNumerator"],
    error: "the scale elasticity ψ (scaleElasticity, or scaleElasticityNumerator/tradeElasticity) times laborSupplyElasticity κ must be below 1 (else employment and productivity feed each other without bound); lower one of them",
  });

/**
 * The scale elasticity ψ of the parameters — the rule for what moves with ε: `scaleElasticity` when given
 * (held whatever ε), else (scaleElasticityNumerator ?? 0.67)/ε (the paper's rule: ψ·ε held, so ψ moves with ε).
 * θ = 1/ψ enters the pass-through φ (spec one-sector.md §3.2).
 */
export function scaleElasticityOf(p: { tradeElasticity: number; scaleElasticity?: number; scaleElasticityNumerator?: number }): number {
  return p.scaleElasticity ?? (p.scaleElasticityNumerator ?? PAPER_SCALE_NUMERATOR) / p.tradeElasticity;
}

export type LiberationDayParams = z.infer<typeof liberationDayParamsSchema>;

/** The paper's baseline parameters (all defaults). */
export const defaultLiberationDayParams: LiberationDayParams = liberationDayParamsSchema.parse({});

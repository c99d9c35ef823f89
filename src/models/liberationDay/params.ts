import { z } from "zod";

/**
 * Parameters of the Liberation Day model (Ignatenko, Macedoni, Lashkaripour & Simonovska 2025,
 * `main_baseline.m` lines 55–62; spec one-sector.md §3.2). Defaults are the paper's baseline.
 */
export const liberationDayParamsSchema = z
  .object({
    /** ε, the trade elasticity. */
    tradeElasticity: z.number().positive().default(4),
    /** κ, the labour-supply elasticity (0: fixed employment). */
    laborSupplyElasticity: z.number().nonnegative().default(0.5),
    /** The numerator of the scale elasticity ψ = numerator/ε (θ = ε/numerator); 0 switches scale effects off. */
    scaleElasticityNumerator: z.number().nonnegative().default(0.67),
    /** a in φ_i = a + φ̃_i (1: the paper's baseline; 0.25: its incomplete pass-through case). */
    passThroughShift: z.number().default(1),
    /** How tariff revenue reaches households: as a cut in the income tax, or as a lump sum. */
    revenue: z.enum(["income-tax-relief", "lump-sum"]).default("income-tax-relief"),
    /** "eaton-kortum": φ = 1, ν = 0, Y_i = Σ_k X_ik, T = E − Y (the paper's run 3). */
    variant: z.enum(["baseline", "eaton-kortum"]).default("baseline"),
  })
  .strict();

export type LiberationDayParams = z.infer<typeof liberationDayParamsSchema>;

/** The paper's baseline parameters (all defaults). */
export const defaultLiberationDayParams: LiberationDayParams = liberationDayParamsSchema.parse({});

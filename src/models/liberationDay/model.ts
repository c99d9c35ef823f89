import type { CompiledPolicy, Model, RunContext } from "../types.js";
import { calibrateLiberationDay, type LiberationDayBaseline } from "./baseline.js";
import { message } from "../../messages.js";
import { PAPER_SCALE_NUMERATOR, PAPER_TRADE_ELASTICITY, scaleElasticityOf, type LiberationDayParams } from "./params.js";
import { solveLiberationDay, type LiberationDayOutcome } from "./solve.js";

/** The model interface, with the richer outcome (bilateral flows, solution vector) of this model. */
export interface LiberationDayModel extends Model<LiberationDayParams, LiberationDayBaseline> {
  solve(baseline: LiberationDayBaseline, policy: CompiledPolicy, ctx: RunContext, start?: unknown): LiberationDayOutcome;
}

/**
 * The "Liberation Day" one-sector model of Ignatenko, Macedoni, Lashkaripour & Simonovska (2025),
 * *Making America Great Again: The Economic Impacts of Liberation Day Tariffs* (JIE): calibrate
 * once (spec one-sector.md §3.1–3.2), solve §3.3 per policy.
 */
export const liberationDayModel: LiberationDayModel = {
  id: "liberation-day",
  calibrate: (data, params, ctx) => {
    // The rule for what moves with ε, said in the output whenever ε is not the paper's and ψ was not held.
    const psi = scaleElasticityOf(params);
    if (params.scaleElasticity === undefined && psi > 0 && params.tradeElasticity !== PAPER_TRADE_ELASTICITY) {
      const numerator = params.scaleElasticityNumerator ?? PAPER_SCALE_NUMERATOR;
      ctx.warnings.push(message.scaleMovesWithElasticity(params.tradeElasticity, numerator, psi, numerator / PAPER_TRADE_ELASTICITY));
    }
    return calibrateLiberationDay(data, params);
  },
  // A warm start is an earlier outcome's solution vector (ŵ, Ê, L̂).
  solve: (baseline, policy, ctx, start) => solveLiberationDay(baseline, policy, ctx, { start: start instanceof Float64Array ? start : undefined }),
};

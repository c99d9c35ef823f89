import type { CompiledPolicy, Model, RunContext } from "../types.js";
import { calibrateLiberationDay, type LiberationDayBaseline } from "./baseline.js";
import type { LiberationDayParams } from "./params.js";
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
  calibrate: (data, params) => calibrateLiberationDay(data, params),
  // A warm start is an earlier outcome's solution vector (ŵ, Ê, L̂).
  solve: (baseline, policy, ctx, start) => solveLiberationDay(baseline, policy, ctx, { start: start instanceof Float64Array ? start : undefined }),
};

import { TradewindsInputError, message } from "../messages.js";
import type { PreparedScenario } from "../pipeline.js";
import type { RunReport } from "../report/types.js";
import type { ScenarioInput } from "../scenario/schema.js";
import { phaseInForce, type NormalizedScenario, type PhaseInForce } from "../scenario/normalize.js";
import { solvePointPhases, type PointResult } from "../sweep/pointResult.js";
import { attachBands } from "./bands.js";
import { drawnParams } from "./drawParams.js";
import { DEFAULT_SEED, type UncertainParameter } from "./spec.js";

/** What the draws of a scenario are: its uncertain parameters and the seed (the section's, or an override). */
export interface DrawPlan {
  parameters: UncertainParameter[];
  seed: number;
}

/** The scenario's `uncertainty` section with the seed resolved; bad input when draws are asked of a scenario without one. */
export function drawPlanOf(input: ScenarioInput, source: string, seed?: number): DrawPlan {
  const section = input.uncertainty;
  if (!section) throw new TradewindsInputError([{ source, path: "uncertainty", value: "", message: message.uncertaintySectionMissing() }]);
  return { parameters: section.parameters, seed: seed ?? section.seed ?? DEFAULT_SEED };
}

/**
 * Draw `draw` of a (normalized) scenario: every phase solved with its parameters drawn by the plan.
 * A pure function of (scenario, plan, draw): the same in any thread, process or order.
 */
export function solveDraw(prepared: PreparedScenario, scenario: NormalizedScenario, plan: DrawPlan, draw: number): PointResult {
  return solvePointPhases(draw, prepared, () => ({ scenario, phases: drawPhases(prepared, scenario.phases.map((_, k) => phaseInForce(scenario.phases, k)), plan, draw) }));
}

/** The phases with the model parameters of draw `draw`. */
export function drawPhases(prepared: PreparedScenario, phases: PhaseInForce[], plan: DrawPlan, draw: number): PhaseInForce[] {
  return phases.map((phase) => ({ ...phase, modelParams: drawnParams(plan.parameters, plan.seed, draw, phase.modelParams, prepared.entry, prepared.data) }));
}

export interface BandOptions {
  draws: number;
  seed?: number;
  /** Called after each draw with the number done. */
  onProgress?: (done: number) => void;
}

/** The point-estimate report with bands from `draws` draws solved one after another in this thread. */
export function withUncertaintyBands(report: RunReport, prepared: PreparedScenario, options: BandOptions): RunReport {
  const plan = drawPlanOf(prepared.input, prepared.source, options.seed);
  const results: PointResult[] = [];
  for (let draw = 0; draw < options.draws; draw++) {
    results.push(solveDraw(prepared, prepared.scenario, plan, draw));
    options.onProgress?.(draw + 1);
  }
  return attachBands(report, results, plan);
}

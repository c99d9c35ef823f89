import type { Dataset } from "./data/dataset.js";
import type { ModelCatalog } from "./models/catalog.js";
import { newRunContext, type ModelOutcome, type RunContext } from "./models/types.js";
import type { QuantityDefinition } from "./report/registry.js";
import type { RunReport } from "./report/types.js";
import type { CompiledPhase } from "./scenario/compile.js";
import type { FilePolicy } from "./scenario/filePolicy.js";
import { phaseInForce, type PhaseInForce } from "./scenario/normalize.js";
import type { ScenarioInput } from "./scenario/schema.js";
import { validateScenarioText } from "./scenario/validate.js";
import { assembleReport, prepareScenario, solvePhase, type BaselineCache, type PreparedScenario } from "./pipeline.js";
import { VERSION } from "./version.js";
import { drawPhases, drawPlanOf, withUncertaintyBands, type DrawPlan } from "./uncertainty/runDraws.js";
import { InvalidDrawError } from "./uncertainty/drawParams.js";
import { TradewindsInputError } from "./messages.js";

export { VERSION };

export interface RunOptions {
  /** Where the scenario came from, for error messages (a file path, "request body", …). */
  source?: string;
  catalog?: ModelCatalog;
  /** Use this dataset instead of loading `scenario.dataset` by name (tests, custom data). */
  dataset?: Dataset;
  context?: RunContext;
  /**
   * Which files the scenario may make the library read (its estimation section's panel and spec
   * files): "deny" (the default, and the HTTP API's) takes embedded panels and inline specs only;
   * `{ baseDir }` resolves paths against that folder (the CLI passes the scenario file's folder).
   */
  files?: FilePolicy;
  /** Called after each phase is solved with its compiled policy and the model's outcome (the exposure accounting reads the flows). */
  onPhaseSolved?: (phase: CompiledPhase, outcome: ModelOutcome) => void;
  /**
   * Uncertainty draws: overrides the scenario's `uncertainty.draws` (0: the point estimate only). With
   * draws, the report carries 5–95% bands from the scenario's `uncertainty` section, solved in this thread.
   */
  draws?: number;
  /** Overrides the scenario's `uncertainty.seed`. */
  seed?: number;
  /** Solve draw `draw` of the scenario's uncertainty section alone (its parameters in every phase), no bands. */
  draw?: number;
}

/**
 * Runs a scenario end to end:
 *
 *   scenario text ─▶ validate ─▶ normalize ─▶ estimate ─▶ calibrate ─▶ compile ─▶ solve ─▶ report ─▶ bands
 *    (YAML/JSON)     (schema)    (defaults,    (optional    (baseline,    (shocks on  (model      (registry of  (optional:
 *                                groups,        PPML         once per      the data)   kernels)    outputs →     uncertainty
 *                                inheritance)   stages)      parameters)                           RunReport)    draws)
 *
 * Bad input throws `TradewindsInputError` naming every field at fault; a solver that does not
 * converge is reported in the phase (`converged: false`, with diagnostics), never hidden.
 */
export function runScenario(text: string, options: RunOptions = {}): RunReport {
  const source = options.source ?? "scenario";
  // 1. validate: text → typed scenario
  const input = validateScenarioText(text, source);
  return runValidatedScenario(input, { ...options, source });
}

export function runValidatedScenario(input: ScenarioInput, options: RunOptions = {}): RunReport {
  const ctx = options.context ?? newRunContext();
  // 2. normalize, 2b. estimate (pipeline.ts)
  const prepared = prepareScenario(input, options);
  const { scenario } = prepared;
  ctx.warnings.push(...scenario.warnings);
  const definitions: Record<string, QuantityDefinition> = {};
  const baselines: BaselineCache = new Map();
  const draws = options.draw !== undefined ? 0 : (options.draws ?? input.uncertainty?.draws ?? 0);
  const plan = draws > 0 || options.draw !== undefined ? drawPlanOf(input, prepared.source, options.seed) : undefined;
  const steps = scenario.phases.length * (1 + draws);
  const written = scenario.phases.map((_, k) => phaseInForce(scenario.phases, k));
  const phasesInForce = options.draw !== undefined ? drawnPhasesOrInputError(prepared, written, plan!, options.draw) : written;
  const phases = phasesInForce.map((phase, k) => {
    // 3–6. calibrate, compile, solve, report (pipeline.ts)
    const solved = solvePhase(prepared, scenario, phase, baselines, ctx, definitions, `phases[${k}]`);
    options.onPhaseSolved?.(solved.compiled, solved.outcome);
    ctx.progress?.((k + 1) / steps);
    return solved.report;
  });
  const report = assembleReport(prepared, scenario, phases, definitions, ctx);
  if (options.draw !== undefined) return { ...report, draw: { index: options.draw, seed: plan!.seed, modelParams: Object.fromEntries(phasesInForce.map((p) => [p.name, p.modelParams])) } };
  if (draws === 0) return report;
  // 7. bands: the scenario solved at each draw of its uncertain parameters, in this thread
  return withUncertaintyBands(report, prepared, { draws, seed: options.seed, onProgress: (done) => ctx.progress?.((scenario.phases.length * (1 + done)) / steps) });
}

/** The phases at draw `draw`; parameters the model rejects are bad input here (the user asked for this draw). */
function drawnPhasesOrInputError(prepared: PreparedScenario, phases: PhaseInForce[], plan: DrawPlan, draw: number): PhaseInForce[] {
  try {
    return drawPhases(prepared, phases, plan, draw);
  } catch (err) {
    if (err instanceof InvalidDrawError) throw new TradewindsInputError([{ source: prepared.source, path: "uncertainty", value: String(draw), message: err.message }]);
    throw err;
  }
}

import { normalizePrepared } from "../pipeline.js";
import type { BaselineCache } from "../pipelineSteps.js";
import { phaseInForce, type NormalizedScenario, type PhaseInForce } from "../scenario/normalize.js";
import { blocShocks } from "../strategy/blocSpec.js";
import { drawPhases } from "../uncertainty/runDraws.js";
import { solvePointPhases, type PointResult } from "./pointResult.js";
import { fillTemplate, withAddedShocks, type PreparedSweep } from "./prepareSweep.js";

/** Calibrated baselines kept per scenario of a sweep (grid points share theirs; draws each have their own). */
const BASELINES_KEPT = 8;

/** Baseline caches of a prepared sweep, one per scenario variant, each holding the most recent few. */
export type SweepBaselines = BaselineCache[];

export function newSweepBaselines(sweep: PreparedSweep): SweepBaselines {
  return sweep.variants.map(() => new BoundedCache(BASELINES_KEPT));
}

/** The coordinate of point `point` on every dimension. */
export function coordinatesOf(sweep: PreparedSweep, point: number): number[] {
  return sweep.dimensions.map((d, k) => Math.floor(point / sweep.strides[k]) % d.labels.length);
}

/**
 * Solves point `point` of a sweep: its scenario with the shocks of its grid values and levels added,
 * the bloc rules of its member set on the bloc's base phase, the model parameters of its draw — then
 * the recorded phases. A pure function of (sweep request, point): identical in any thread, process or
 * machine and in any order (the calibrated baselines `baselines` keeps are themselves pure functions).
 */
export function solveSweepPoint(sweep: PreparedSweep, point: number, baselines: SweepBaselines): PointResult {
  const coords = coordinatesOf(sweep, point);
  const { spec } = sweep.request;
  const scenarioAxis = sweep.dimensions.findIndex((d) => d.kind === "scenarios");
  const v = scenarioAxis < 0 ? 0 : coords[scenarioAxis];
  const variant = sweep.variants[v];
  const { prepared } = variant;
  return solvePointPhases(
    point,
    prepared,
    () => {
      // 1. shocks of the grid values and levels, added to their phases as written (then normalized)
      let input = prepared.input;
      spec.dimensions.forEach((d, k) => {
        if ("values" in d) input = withAddedShocks(input, d.phase, d.shocks.map((s) => fillTemplate(s, sweep.dimensions[k].values[coords[k]]!)), prepared.source);
        else if ("levels" in d) input = withAddedShocks(input, d.phase, d.levels[coords[k]].shocks, prepared.source);
      });
      const scenario = input === prepared.input ? prepared.scenario : normalizePrepared(prepared, input);
      let phases = phasesInForce(scenario);
      // 2. the bloc's rules for the member set, on its base phase only
      sweep.dimensions.forEach((d, k) => {
        if (d.kind !== "memberships" || !variant.bloc) return;
        const bloc = variant.bloc;
        const extra = blocShocks(bloc, d.masks![coords[k]]);
        phases = phases.map((phase, p) => (p === bloc.basePhase ? { ...phase, shocks: [...phase.shocks, ...extra] } : phase));
      });
      // 3. the recorded phases, with the draw's parameters
      if (spec.phases) phases = phases.filter((phase) => spec.phases!.includes(phase.name));
      const drawAxis = sweep.dimensions.findIndex((d) => d.kind === "draws");
      if (drawAxis >= 0) phases = drawPhases(prepared, phases, variant.plan!, coords[drawAxis]);
      return { scenario, phases };
    },
    baselines[v],
  );
}

/**
 * Every phase of a scenario with its shocks in force, formed once per scenario (read only): the points of a
 * sweep that share a scenario (draws, member sets) then share their phases' shock arrays, and with them
 * the policies compiled from them (pipelineSteps.ts `compileOnce`).
 */
function phasesInForce(scenario: NormalizedScenario): PhaseInForce[] {
  let phases = phasesByScenario.get(scenario);
  if (!phases) phasesByScenario.set(scenario, (phases = scenario.phases.map((_, p) => phaseInForce(scenario.phases, p))));
  return phases;
}
const phasesByScenario = new WeakMap<NormalizedScenario, PhaseInForce[]>();

/** A Map that keeps its `limit` most recently used entries (Map order is insertion order). */
class BoundedCache extends Map<string, unknown> {
  constructor(private readonly limit: number) {
    super();
  }
  override get(key: string): unknown {
    const value = super.get(key);
    if (value !== undefined) {
      super.delete(key);
      super.set(key, value);
    }
    return value;
  }
  override set(key: string, value: unknown): this {
    super.delete(key);
    super.set(key, value);
    while (this.size > this.limit) super.delete(this.keys().next().value!);
    return this;
  }
}

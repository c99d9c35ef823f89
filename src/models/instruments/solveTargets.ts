import type { Dataset } from "../../data/dataset.js";
import { TradewindsInputError, dealMessage } from "../../messages.js";
import type { ModelEntry } from "../catalog.js";
import type { CompiledPolicy, ModelOutcome, RunContext } from "../types.js";
import { withWedges } from "./applyWedges.js";
import { instrumentReports, type SolvedTargets } from "./instrumentReport.js";
import type { QuantityTarget } from "./types.js";
import { mapToFloat64 } from "../../util/typedArrays.js";

/**
 * Targets are met when |ln F − ln F*| ≤ TARGET_TOLERANCE_FACTOR × the model's solver tolerance (at least
 * MIN_TARGET_TOLERANCE): a flow is only as accurate as the equilibrium it comes from, so a tighter target
 * could not be told apart from solver noise. Caliendo–Parro's default 1e-7 gives 1e-5 (0.001% of the flow);
 * the Newton-solved models (1e-12) give 1e-10.
 */
export const TARGET_TOLERANCE_FACTOR = 100;
export const MIN_TARGET_TOLERANCE = 1e-12;
/** Whether a compiled policy holds deal instruments (targets, pledges or their fixed wedges): such a phase is solved by solveWithTargets. */
export function hasDealParts(policy: CompiledPolicy): boolean {
  return Boolean(policy.targets?.length || policy.pledges?.length || policy.exportTaxes || policy.demandShifters || policy.productivity || policy.transfers);
}

/** Equilibrium solves the target loop may use before it reports not converged. */
export const MAX_TARGET_SOLVES = 100;

/**
 * Solves one phase: the model's equilibrium, with every quantity target of the policy met by its endogenous
 * wedge (issue 11). Without targets it is the model's own solve. With targets:
 *
 *  1. Solve with every wedge at its lower bound (no quota, no commitment; a tariff-rate quota at its in-quota
 *     rate) — "the phase without its targets", cold-started as any phase. If every target is already met
 *     there, that is the answer: a non-binding instrument is an exact no-op.
 *  2. Otherwise iterate on u_t = ln(1 + r_t) for all targets at once: a Newton step per target on
 *     e_t = ln F_t − ln F*_t with a diagonal slope (first the partial-equilibrium CES slope, d ln X/d u =
 *     −θ_s(1 − π) − 1 for price wedges and 1 − π for a demand shifter, flow-weighted; then the secant of the
 *     observed responses), safeguarded by the bracket of the last two iterates (nextRate) and projected on
 *     the bounds [low, high] (complementarity: a wedge at its bound with the target slack is a solution).
 *     Each equilibrium starts from the previous one where the model accepts a start.
 *  3. The equilibrium at the final wedges is solved once more from the model's own start (the reported one).
 *     A target still missed when its wedge is at the bound is unreachable; one missed after MAX_TARGET_SOLVES
 *     solves is not converged. Both are reported (converged: false), never approximated silently.
 */
export function solveWithTargets(entry: ModelEntry, baseline: unknown, policy: CompiledPolicy, ctx: RunContext, data: Dataset, source: string, params?: Record<string, unknown>): ModelOutcome {
  const targets = policy.targets ?? [];
  if (targets.length === 0) {
    const outcome = entry.model.solve(baseline, policy, ctx);
    return policy.pledges?.length ? { ...outcome, instruments: instrumentReports({ data, policy, targets: [], rates: new Float64Array(0), wanted: new Float64Array(0), first: outcome, outcome }) } : outcome;
  }
  const N = data.countries.length;
  const T = targets.length;
  const rates = mapToFloat64(targets, (t) => t.low);
  const noVolumes = new Float64Array(T);
  const solveAt = (start?: unknown, volumes: Float64Array = noVolumes, base: Float64Array = new Float64Array(0)) => entry.model.solve(baseline, withWedges(policy, targets, rates, volumes, base, N), ctx, start);
  const first = solveAt();
  if (!first.flows) throw new Error(`internal: model ${entry.model.id} reports no bilateral flows, so it cannot solve quantity targets`);
  const baseFlows = first.flows.baseline;
  const wanted = mapToFloat64(targets, (t) => t.target.baselineFactor * sum(baseFlows, t.flows) + t.target.add);
  checkFeasible(targets, wanted, baseFlows, data, source);

  const tolerance = Math.max(MIN_TARGET_TOLERANCE, TARGET_TOLERANCE_FACTOR * first.solver.tolerance);
  // The model's ε by sector (the partial-equilibrium slope's first guess; without the parameters, ε = 4 until the secant takes over).
  const thetas = params ? entry.tradeElasticities?.of(params as never, data) : undefined;
  const state: TargetState[] = targets.map((t) => ({ u: Math.log1p(t.low), slope: NaN }));
  let outcome = first;
  let solves = 1;
  let iterations = first.solver.iterations;
  let innerFailed = !first.solver.converged;
  for (;;) {
    const flows = outcome.flows!.counterfactual;
    const errors = targetErrors(targets, wanted, outcome);
    const done = targets.map((t, k) => satisfied(t, rates[k], errors[k], tolerance));
    if (done.every(Boolean) || solves >= MAX_TARGET_SOLVES) break;
    targets.forEach((t, k) => {
      if (done[k]) return;
      rates[k] = nextRate(t, state[k], errors[k], () => partialSlope(t, flows, withWedges(policy, targets, rates, wanted, baseFlows, N), thetas, data));
    });
    outcome = solveAt(outcome.warmStart, wanted, baseFlows);
    solves++;
    iterations += outcome.solver.iterations;
    innerFailed ||= !outcome.solver.converged;
  }
  if (solves > 1) {
    // The reported equilibrium is solved from the model's own start at the final wedges, as any phase is: it does
    // not depend on the path the target loop took (warm starts), and equals a phase with those wedges fixed. Where
    // that solve's own error moves a target just past its tolerance (tiny flows), the warm-started one is kept.
    const cold = solveAt(undefined, wanted, baseFlows);
    solves++;
    iterations += cold.solver.iterations;
    if (cold.solver.converged && targetsMet(targets, rates, wanted, cold, tolerance)) outcome = cold;
    else if (!targetsMet(targets, rates, wanted, outcome, tolerance)) outcome = cold;
  }
  return finish({ data, policy, targets, rates, wanted, first, outcome }, { solves, iterations }, tolerance, innerFailed);
}

/** A target's wedge u = ln(1 + r), its slope d(ln F)/du, and the previous iterate (its u, error and side of the root). */
interface TargetState {
  u: number;
  slope: number;
  previous?: { u: number; e: number; rootAbove: boolean };
}

/**
 * One safeguarded secant step of a target's wedge. The slope is the secant through the previous iterate when it
 * has the right sign (else the last one, first the partial-equilibrium slope). A bracket comes only from the last two
 * iterates — older ones were evaluated with the other wedges elsewhere — and a step past it bisects; without one, a
 * step down past the lower bound stops at the bound (where a slack target is a solution) and a step up grows by at
 * most max(1, 2·|last step|) in ln(1 + r), within the upper bound.
 */
function nextRate(t: QuantityTarget, s: TargetState, e: number, partial: () => number): number {
  const lowEnd = Math.log1p(t.low);
  const highEnd = Math.log1p(t.high);
  // F rises with u for a floor (commitment), falls for a cap: the sign of e says on which side the root is.
  const rootAbove = t.direction === "floor" ? e < 0 : e > 0;
  const previous = s.previous;
  if (previous && Math.abs(s.u - previous.u) > 1e-14) {
    const secant = (e - previous.e) / (s.u - previous.u);
    if (Number.isFinite(secant) && Math.sign(secant) === (t.direction === "floor" ? 1 : -1) && Math.abs(secant) > 1e-6) s.slope = secant;
  }
  if (!Number.isFinite(s.slope)) s.slope = partial();
  const bracket = previous && previous.rootAbove !== rootAbove ? previous.u : undefined;
  let next = Number.isFinite(e) ? s.u - e / s.slope : rootAbove ? s.u + 1 : lowEnd;
  if (rootAbove && next >= (bracket ?? Infinity)) next = (s.u + bracket!) / 2;
  else if (!rootAbove && next <= (bracket ?? -Infinity)) next = (s.u + bracket!) / 2;
  else if (rootAbove && bracket === undefined) next = Math.min(next, s.u + Math.max(1, 2 * Math.abs(s.u - (previous?.u ?? s.u))));
  s.previous = { u: s.u, e, rootAbove };
  s.u = Math.min(highEnd, Math.max(lowEnd, next));
  return s.u === lowEnd ? t.low : s.u === highEnd ? t.high : Math.expm1(s.u);
}

/** e_t = ln F_t − ln F*_t of every target in an outcome. */
function targetErrors(targets: readonly QuantityTarget[], wanted: Float64Array, outcome: ModelOutcome): number[] {
  const flows = outcome.flows!.counterfactual;
  return targets.map((t, k) => Math.log(sum(flows, t.flows)) - Math.log(wanted[k]));
}

function targetsMet(targets: readonly QuantityTarget[], rates: Float64Array, wanted: Float64Array, outcome: ModelOutcome, tolerance: number): boolean {
  const errors = targetErrors(targets, wanted, outcome);
  return targets.every((t, k) => satisfied(t, rates[k], errors[k], tolerance));
}

function sum(x: Float64Array, at: Int32Array): number {
  let total = 0;
  for (const k of at) total += x[k];
  return total;
}

/** A target is met when its flow is within the tolerance, or its wedge sits at a bound with the target slack. */
function satisfied(t: QuantityTarget, rate: number, error: number, tolerance: number): boolean {
  if (Math.abs(error) <= tolerance) return true;
  const tooHigh = error > 0;
  if (rate === t.low) return t.direction === "floor" ? tooHigh : !tooHigh;
  // A tariff-rate quota at its out-of-quota rate with imports above the quota is regime (b), a solution.
  return t.channel === "tariff-rate" && rate === t.high && tooHigh;
}

/** A target the importer could not buy even if it bought nothing else: an input error naming the field. */
function checkFeasible(targets: readonly QuantityTarget[], wanted: Float64Array, base: Float64Array, data: Dataset, source: string): void {
  const N = data.countries.length;
  const issues = [];
  for (let t = 0; t < targets.length; t++) {
    const target = targets[t];
    if (target.kind !== "purchase-commitment") continue;
    let spending = 0;
    for (const s of target.sectors) for (const j of target.importers) for (let i = 0; i < N; i++) spending += base[(s * N + i) * N + j];
    if (wanted[t] >= spending) {
      issues.push({ source, path: `${target.path}.${target.field.name}`, value: String(target.field.value), message: dealMessage.commitmentExceedsSpending(wanted[t], spending, data.meta.units) });
    }
  }
  if (issues.length) throw new TradewindsInputError(issues);
}

/**
 * The partial-equilibrium slope d ln F ⁄ d ln(1 + r) of a target's flows at the current equilibrium (CES shares):
 * −θ_s(1 − π) − 1 for a price wedge (the factory-gate value falls with the quantity and the wedge), 1 − π for a
 * demand shifter, flow-weighted. π is the exporter's tariff-inclusive share of the importer's sector spending.
 */
function partialSlope(t: QuantityTarget, flows: Float64Array, applied: CompiledPolicy, thetas: Float64Array | undefined, data: Dataset): number {
  const N = data.countries.length;
  const price = (k: number) => (1 + applied.tariffs[k]) * (1 + (applied.exportTaxes?.[k] ?? 0));
  let weighted = 0;
  let total = 0;
  for (const k of t.flows) {
    const s = Math.floor(k / (N * N));
    const j = k % N;
    let market = 0;
    for (let i = 0; i < N; i++) market += flows[(s * N + i) * N + j] * price((s * N + i) * N + j);
    const share = market > 0 ? (flows[k] * price(k)) / market : 0;
    const theta = thetas?.[s] ?? 4;
    const slope = t.channel === "demand-shifter" ? 1 - share : -theta * (1 - share) - 1;
    weighted += flows[k] * slope;
    total += flows[k];
  }
  const slope = total > 0 ? weighted / total : t.direction === "floor" ? 1 : -5;
  return t.direction === "floor" ? Math.max(slope, 1e-3) : Math.min(slope, -1e-3);
}

function finish(solved: SolvedTargets, { solves, iterations }: { solves: number; iterations: number }, tolerance: number, innerFailed: boolean): ModelOutcome {
  const { targets, rates, wanted, first, outcome } = solved;
  const flows = outcome.flows!.counterfactual;
  const warnings: string[] = [];
  let worst = -1;
  let worstError = 0;
  targets.forEach((t, k) => {
    const error = Math.log(sum(flows, t.flows)) - Math.log(wanted[k]);
    if (satisfied(t, rates[k], error, tolerance)) return;
    const atBound = rates[k] === t.high;
    if (atBound) warnings.push(dealMessage.targetUnreachable(t.label, `${t.channel} rate ${t.high}`));
    if (!(Math.abs(error) <= worstError)) {
      worst = k;
      worstError = Math.abs(error);
    }
  });
  if (worst >= 0) warnings.push(dealMessage.targetsNotConverged(solves, targets[worst].label, Number.isFinite(worstError) ? Math.expm1(worstError) : Infinity, tolerance));
  if (innerFailed && outcome.solver.converged) warnings.push(dealMessage.instrumentSolveFailed("an intermediate equilibrium"));
  const converged = outcome.solver.converged && worst < 0;
  const instruments = instrumentReports(solved);
  const welfare = outcome.countries.welfareChangePct;
  const without = first.countries.welfareChangePct;
  const countries = { ...outcome.countries };
  if (welfare && without) {
    countries.instrumentWelfareEffectPct = mapToFloat64(welfare, (w, n) => 100 * ((1 + w / 100) / (1 + without[n] / 100) - 1));
    // The same in money, (Ŵ_with − Ŵ_without)·I, where the model gives its baseline income I (ModelOutcome.accounts).
    const income = outcome.accounts?.income;
    if (income) countries.instrumentWelfareEffectValue = mapToFloat64(welfare, (w, n) => ((w - without[n]) / 100) * income[n]);
  }
  return {
    ...outcome,
    countries,
    instruments,
    solver: {
      ...outcome.solver,
      converged,
      iterations,
      method: `${outcome.solver.method}; quantity targets: ${solves} equilibrium solves (iterations summed), |ln F − ln F*| ≤ ${tolerance.toExponential(0)}`,
      warnings: [...outcome.solver.warnings, ...warnings],
    },
  };
}

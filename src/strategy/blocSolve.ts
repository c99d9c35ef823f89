import type { Dataset } from "../data/dataset.js";
import { DEFAULT_MAX_BLOC_SETS } from "../scenario/domains.js";
import { loadScenarioDataset, loadScenarioDatasetSync } from "../data/datasetFile.js";
import type { FilePolicy } from "../scenario/filePolicy.js";
import { withBaselineTariffs } from "../data/dataset.js";
import { modelCatalog } from "../models/available.js";
import type { ClosedFormRates, ModelCatalog, ModelEntry } from "../models/catalog.js";
import { newRunContext, type ModelOutcome } from "../models/types.js";
import { TradewindsInputError, message } from "../messages.js";
import { compilePhase } from "../scenario/compile.js";
import { solveWithTargets } from "../models/instruments/solveTargets.js";
import { normalizeScenario, phaseInForce, type NormalizedScenario, type PhaseInForce } from "../scenario/normalize.js";
import type { ScenarioInput } from "../scenario/schema.js";
import { validateScenarioText } from "../scenario/validate.js";
import { ownValue } from "../util/ownNames.js";
import { compensatedSum } from "../util/sum.js";
import { blocShocks, normalizeBloc, type NormalizedBloc } from "./blocSpec.js";

/** The quantity the membership game is played on (registry key). */
export const BLOC_PAYOFF_KEY = "welfareChangePct";

/** What a bloc run needs besides the scenario text; the same in every worker thread. */
export interface BlocRequest {
  text: string;
  source: string;
  /** Overrides `bloc.rate` (the members' rate parameter), a share. */
  rate?: number;
  /** The most membership sets (2^k) solved without asking; more is an input error (CLI: --max-sets, --yes). Default DEFAULT_MAX_BLOC_SETS. */
  maxSets?: number;
  /** Which files the scenario may name (its dataset file): as RunOptions.files; default "deny". Each worker thread reads the file itself. */
  files?: FilePolicy;
}

export { DEFAULT_MAX_BLOC_SETS };

/** A scenario with a bloc section, validated, normalized and calibrated once: ready to solve any membership set. */
export interface PreparedBloc {
  source: string;
  input: ScenarioInput;
  scenario: NormalizedScenario;
  bloc: NormalizedBloc;
  data: Dataset;
  entry: ModelEntry;
  basePhase: PhaseInForce;
  baseline: unknown;
  rates?: ClosedFormRates;
}

/** One solved membership set: the payoffs of the game and the solver's verdict. */
export interface MembershipSolve {
  mask: number;
  /** Welfare change (%) of each candidate (a group: baseline-expenditure-weighted mean of its members). */
  candidates: number[];
  leader: number;
  target: number;
  /** Baseline-expenditure-weighted mean over every country. */
  world: number;
  converged: boolean;
  iterations: number;
  residual: number;
  warnings: string[];
}

/** Validate → normalize (scenario and bloc) → calibrate the base phase's parameters, once. */
export function prepareBloc(request: BlocRequest, catalog: ModelCatalog = modelCatalog, dataset?: Dataset): PreparedBloc {
  const input = validateScenarioText(request.text, request.source);
  if (!input.bloc) throw new TradewindsInputError([{ source: request.source, path: "bloc", value: "", message: message.blocNeedsSection(request.source) }]);
  if (request.rate !== undefined) input.bloc.rate = request.rate;
  const sets = 2 ** input.bloc.candidates.length;
  const limit = request.maxSets ?? DEFAULT_MAX_BLOC_SETS;
  if (sets > limit) {
    throw new TradewindsInputError([
      { source: request.source, path: "bloc.candidates", value: String(input.bloc.candidates.length), message: message.blocTooManySets(input.bloc.candidates.length, sets, limit) },
    ]);
  }
  const data = withBaselineTariffs(dataset ?? loadScenarioDatasetSync(input.dataset, request.files ?? "deny", request.source).dataset, input.baselineTariffs, request.source);
  const scenario = normalizeScenario(input, data, catalog, request.source);
  const bloc = normalizeBloc(input.bloc, scenario, data, catalog, request.source);
  const entry = catalog[scenario.modelType]; // normalizeScenario checked it is the catalog's own entry
  const basePhase = phaseInForce(scenario.phases, bloc.basePhase);
  const baseline = entry.model.calibrate(data, basePhase.modelParams as never, newRunContext());
  return { source: request.source, input, scenario, bloc, data, entry, basePhase, baseline, rates: entry.closedFormRates?.(baseline) };
}

/** `prepareBloc` with the scenario's dataset read first when it is a CSV or Parquet flows table (asynchronous, through DuckDB). */
export async function prepareBlocAsync(request: BlocRequest, catalog: ModelCatalog = modelCatalog, dataset?: Dataset): Promise<PreparedBloc> {
  const data = dataset ?? (await loadScenarioDataset(validateScenarioText(request.text, request.source).dataset, request.files ?? "deny", request.source)).dataset;
  return prepareBloc(request, catalog, data);
}

/** Solves the equilibrium of membership set `mask` (bit c = candidate c is a member). Deterministic. */
export function solveMembership(prepared: PreparedBloc, mask: number): MembershipSolve {
  const { bloc, data, entry, basePhase, baseline, rates } = prepared;
  const phase = compilePhase({ ...basePhase, shocks: [...basePhase.shocks, ...blocShocks(bloc, mask)] }, data, rates, {
    source: prepared.source,
    phasePath: `phases[${prepared.bloc.basePhase}]`,
  });
  const ctx = newRunContext();
  // The base phase may hold deal instruments: their quantity targets are met in every membership set.
  const outcome = solveWithTargets(entry, baseline, phase.policy, ctx, data, prepared.source);
  const key = prepared.input.bloc?.payoff ?? BLOC_PAYOFF_KEY;
  const welfare = ownValue(outcome.countries, key);
  if (!welfare) {
    throw new TradewindsInputError([{ source: prepared.source, path: "bloc.payoff", value: JSON.stringify(key), message: message.blocPayoffNotReported(key, prepared.scenario.modelType, Object.keys(outcome.countries)) }]);
  }
  return {
    mask,
    candidates: bloc.candidates.map((c) => weightedMean(outcome, welfare, c.members)),
    leader: welfare[bloc.leader],
    target: welfare[bloc.target],
    world: weightedMean(outcome, welfare, data.countries.map((_, n) => n)),
    converged: outcome.solver.converged,
    iterations: outcome.solver.iterations,
    residual: outcome.solver.residual,
    warnings: ctx.warnings,
  };
}

/** Σ w_n x_n / Σ w_n over `members`, w = baseline expenditure (the registry's group aggregate), compensated sums. */
function weightedMean(outcome: ModelOutcome, values: Float64Array, members: number[]): number {
  const w = members.map((n) => outcome.weights[n]);
  const total = compensatedSum(w);
  return compensatedSum(members.map((n, k) => (w[k] * values[n]) / total));
}

import { dirname, resolve } from "node:path";
import type { Dataset } from "../data/dataset.js";
import { TradewindsInputError, message, show, type InputIssue } from "../messages.js";
import { normalizePrepared, prepareScenario, type PreparedScenario } from "../pipeline.js";
import type { ScenarioInput } from "../scenario/schema.js";
import { validateScenarioObject, validateScenarioText } from "../scenario/validate.js";
import { normalizeBloc, type NormalizedBloc } from "../strategy/blocSpec.js";
import { checkUncertainty } from "../uncertainty/checkUncertainty.js";
import type { DrawPlan } from "../uncertainty/runDraws.js";
import { DEFAULT_SEED } from "../uncertainty/spec.js";
import { dimensionKind, gridValues, MAX_SWEEP_POINTS, VALUE_PLACEHOLDER, type DimensionInput, type DimensionKind, type SweepInput } from "./spec.js";

/** The columns of a sweep's results table besides its dimensions: no dimension may take these names. */
export const RESULT_COLUMNS = ["point", "phase", "code", "quantity", "value", "phase_converged"];

/** A scenario file of a sweep, inlined so that any thread, process or machine can solve its points. */
export interface ScenarioText {
  source: string;
  text: string;
}

/** Everything a sweep needs, self-contained and serialisable: the parsed sweep file and the scenario texts it names. */
export interface SweepRequest {
  /** The sweep file (for messages), or a description for built-in sweeps (`run --uncertainty`). */
  source: string;
  spec: SweepInput;
  /** The base scenario, or the `scenarios` dimension's files in order. */
  scenarios: ScenarioText[];
}

/** A dimension with its coordinates: a label for each (a value, a level, a draw, a file, a member set) and a number where it has one. */
export interface ResolvedDimension {
  name: string;
  kind: DimensionKind;
  labels: string[];
  values: (number | null)[];
  /** Memberships: the member set of each coordinate as a mask over the bloc's candidates (bit c = candidate c joins). */
  masks?: number[];
}

/** One scenario of the sweep, prepared once per thread: dataset, model, estimation, its bloc and draws. */
export interface SweepVariant {
  prepared: PreparedScenario;
  bloc?: NormalizedBloc;
  plan?: DrawPlan;
}

export interface PreparedSweep {
  request: SweepRequest;
  dimensions: ResolvedDimension[];
  /** Points = Π sizes; point p has coordinate ⌊p / stride_d⌋ mod size_d on dimension d (the first dimension varies slowest). */
  strides: number[];
  total: number;
  variants: SweepVariant[];
}

export interface PrepareSweepOptions {
  /** Use this dataset for every scenario (in-process runs only: workers load datasets by name). */
  dataset?: Dataset;
}

/**
 * Validates and prepares a sweep: every scenario normalized and calibrated-ready, every grid value and
 * level checked by building its shocks into the scenario, member sets and draws checked — so bad input
 * is reported, with its field, before any point is solved.
 */
export function prepareSweep(request: SweepRequest, options: PrepareSweepOptions = {}): PreparedSweep {
  const { spec, source } = request;
  const issues: InputIssue[] = [];
  const add = (path: string, value: unknown, text: string) => issues.push({ source, path, value: show(value), message: text });
  const scenarioDims = spec.dimensions.filter((d) => dimensionKind(d) === "scenarios");
  if (scenarioDims.length > 1) add("dimensions", scenarioDims.map((d) => d.name), message.sweepOneScenarioDimension());
  if ((spec.scenario === undefined) === (scenarioDims.length === 0)) add("scenario", spec.scenario ?? "", message.sweepScenarioOrDimension());
  const names = spec.dimensions.map((d) => d.name);
  names.forEach((name, k) => names.indexOf(name) !== k && add(`dimensions[${k}].name`, name, message.sweepDimensionTwice(name)));
  names.forEach((name, k) => RESULT_COLUMNS.includes(name.toLowerCase()) && add(`dimensions[${k}].name`, name, message.sweepDimensionReserved(name, RESULT_COLUMNS)));
  if (issues.length) throw new TradewindsInputError(issues);

  // A scenario's estimation section reads files beside it (workers on other machines have only the embedded panels).
  const variants = request.scenarios.map((s) => prepareScenario(validateScenarioText(s.text, s.source), { source: s.source, dataset: options.dataset, files: { baseDir: dirname(resolve(s.source)) } }));
  const dimensions = spec.dimensions.map((d, k) => resolveDimension(d, `dimensions[${k}]`, request, variants, add));
  const sizes = dimensions.map((d) => d.labels.length);
  const total = sizes.reduce((a, b) => a * b, 1);
  if (total > MAX_SWEEP_POINTS) add("dimensions", sizes, message.sweepTooLarge(total, MAX_SWEEP_POINTS));
  for (const prepared of variants) {
    for (const [k, phase] of (spec.phases ?? []).entries()) {
      if (!prepared.scenario.phases.some((p) => p.name === phase)) add(`phases[${k}]`, phase, message.sweepUnknownPhase(phase, prepared.source, prepared.scenario.phases.map((p) => p.name)));
    }
  }
  if (issues.length) throw new TradewindsInputError(issues);

  const strides = sizes.map((_, d) => sizes.slice(d + 1).reduce((a, b) => a * b, 1));
  const drawsDim = spec.dimensions.find((d): d is Extract<DimensionInput, { draws: number }> => dimensionKind(d) === "draws");
  const blocDim = spec.dimensions.some((d) => dimensionKind(d) === "memberships");
  return {
    request,
    dimensions,
    strides,
    total,
    variants: variants.map((prepared) => ({
      prepared,
      bloc: blocDim ? normalizeBloc(prepared.input.bloc!, prepared.scenario, prepared.data, prepared.catalog, prepared.source) : undefined,
      plan: drawsDim
        ? { parameters: drawsDim.parameters ?? prepared.input.uncertainty!.parameters, seed: drawsDim.seed ?? prepared.input.uncertainty?.seed ?? DEFAULT_SEED }
        : undefined,
    })),
  };
}

/** The scenario input with `shocks` added to the own shocks of phase `phase` (default: the last); the result is validated. */
export function withAddedShocks(input: ScenarioInput, phase: string | undefined, shocks: unknown[], source: string): ScenarioInput {
  if (shocks.length === 0) return input;
  const raw = structuredClone(input) as { phases: { name: string; shocks: unknown[] }[] };
  const target = phase === undefined ? raw.phases[raw.phases.length - 1] : raw.phases.find((p) => p.name === phase);
  if (!target) throw new TradewindsInputError([{ source, path: "phase", value: show(phase), message: message.sweepUnknownPhase(phase ?? "", source, raw.phases.map((p) => p.name)) }]);
  target.shocks = [...target.shocks, ...shocks];
  return validateScenarioObject(raw, source);
}

/** A shock template with every "$value" replaced by `value`. */
export function fillTemplate(template: unknown, value: number): unknown {
  if (template === VALUE_PLACEHOLDER) return value;
  if (Array.isArray(template)) return template.map((t) => fillTemplate(t, value));
  if (template !== null && typeof template === "object") return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, fillTemplate(v, value)]));
  return template;
}

function resolveDimension(d: DimensionInput, path: string, request: SweepRequest, variants: PreparedScenario[], add: (path: string, value: unknown, text: string) => void): ResolvedDimension {
  const kind = dimensionKind(d);
  // Builds the shocks of each coordinate into every scenario, so a bad template or level fails here, with its field.
  const check = (shocks: unknown[], phase: string | undefined, at: string) => {
    for (const prepared of variants) {
      try {
        normalizePrepared(prepared, withAddedShocks(prepared.input, phase, shocks, prepared.source));
      } catch (err) {
        if (!(err instanceof TradewindsInputError)) throw err;
        for (const issue of err.issues) add(at, issue.value, `${issue.source}: ${issue.path}: ${issue.message}`);
      }
    }
  };
  if ("values" in d) {
    const values = gridValues(d.values);
    if (!d.shocks.some((s) => JSON.stringify(s).includes(JSON.stringify(VALUE_PLACEHOLDER)))) add(`${path}.shocks`, d.shocks, message.sweepTemplateWithoutValue());
    values.forEach((v, k) => check(d.shocks.map((s) => fillTemplate(s, v)), d.phase, `${path}.values[${k}]`));
    return { name: d.name, kind, labels: values.map(String), values };
  }
  if ("levels" in d) {
    d.levels.forEach((level, k) => check(level.shocks, d.phase, `${path}.levels[${k}]`));
    return { name: d.name, kind, labels: d.levels.map((l) => l.name), values: d.levels.map(() => null) };
  }
  if ("draws" in d) {
    for (const prepared of variants) {
      const parameters = d.parameters ?? prepared.input.uncertainty?.parameters;
      if (!parameters) {
        add(`${path}.parameters`, "", message.sweepDrawsWithoutParameters(prepared.source));
        continue;
      }
      const phaseParams = prepared.scenario.phases.map((p) => p.modelParams);
      for (const p of checkUncertainty({ parameters }, prepared.scenario.modelType, prepared.entry, phaseParams, prepared.data)) add(`${path}.${p.path.replace(/^uncertainty\./, "")}`, p.value, p.message);
    }
    return { name: d.name, kind, labels: Array.from({ length: d.draws }, (_, k) => String(k)), values: Array.from({ length: d.draws }, (_, k) => k) };
  }
  if ("scenarios" in d) return { name: d.name, kind, labels: request.scenarios.map((s) => s.source), values: d.scenarios.map(() => null) };
  // memberships: the bloc section of every scenario, the same candidates in each
  const candidateLists = variants.map((prepared) => prepared.input.bloc?.candidates);
  variants.forEach((prepared, v) => candidateLists[v] === undefined && add(path, prepared.source, message.blocNeedsSection(prepared.source)));
  const candidates = candidateLists[0] ?? [];
  if (candidateLists.some((c) => c !== undefined && c.join() !== candidates.join())) add(path, candidateLists, message.sweepCandidatesDiffer());
  const sets = d.memberships === "all" ? Array.from({ length: 2 ** candidates.length }, (_, mask) => candidates.filter((_, c) => (mask >> c) & 1)) : d.memberships;
  sets.forEach((set, k) => set.forEach((code, n) => !candidates.includes(code) && add(`${path}.memberships[${k}][${n}]`, code, message.sweepNotACandidate(code, candidates))));
  const masks = sets.map((set) => set.reduce((mask, code) => mask | (candidates.includes(code) ? 1 << candidates.indexOf(code) : 0), 0));
  return { name: d.name, kind, labels: sets.map((set) => (set.length ? set.join("+") : "none")), values: sets.map(() => null), masks };
}

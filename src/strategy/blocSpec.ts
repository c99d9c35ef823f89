import type { Dataset } from "../data/dataset.js";
import type { ModelCatalog } from "../models/catalog.js";
import { TradewindsInputError, message, show, type InputIssue } from "../messages.js";
import type { NormalizedScenario, NormalizedShock } from "../scenario/normalize.js";
import type { BlocInput, BlocMeasureInput } from "../scenario/schema.js";
import { hasOwnName, ownValue } from "../util/ownNames.js";

/** A candidate of the membership game: a country, or a group acting as one (e.g. EU27). */
export interface BlocCandidate {
  code: string;
  /** Dataset indices of its member countries. */
  members: number[];
}

/** A bloc rule measure with countries resolved: who imposes it on whom is decided per membership set. */
export type BlocMeasure =
  | { kind: "tariff"; rate: number; sectors: number[] }
  | { kind: "embargo"; sectors: number[] }
  | { kind: "schedule"; schedule: string; floor?: number };

/**
 * The bloc section of a scenario (spec scenarios-and-strategy.md §3), resolved to dataset indices.
 * Candidate c is in membership set `mask` when bit c of the mask is 1.
 */
export interface NormalizedBloc {
  leader: number;
  target: number;
  candidates: BlocCandidate[];
  /** Index into `candidates`, or undefined. */
  focus?: number;
  /** Index into the scenario's phases. */
  basePhase: number;
  rate: number;
  membersOnTarget: BlocMeasure;
  leaderOnMembers?: BlocMeasure;
  leaderOnNonMembers?: BlocMeasure;
  targetOnMembers?: BlocMeasure;
}

const SHOCK_OF: Record<BlocMeasure["kind"], string> = { tariff: "tariff", embargo: "embargo", schedule: "tariff-schedule" };

/**
 * Resolves the bloc section against the dataset and the normalized scenario (groups, phases);
 * collects every problem, naming its field, before throwing.
 */
export function normalizeBloc(input: BlocInput, scenario: NormalizedScenario, data: Dataset, catalog: ModelCatalog, source: string): NormalizedBloc {
  const issues: InputIssue[] = [];
  const add = (path: string, value: unknown, msg: string) => issues.push({ source, path, value: show(value), message: msg });
  const codes = new Map(data.countries.map((c, k) => [c.code, k]));
  const members = (code: string, path: string, seen: string[] = []): number[] => {
    const k = codes.get(code);
    if (k !== undefined) return [k];
    const group = scenario.groups.get(code);
    if (group && !seen.includes(code)) return [...new Set(group.flatMap((m) => members(m, path, [...seen, code])))];
    add(path, code, message.unknownCountry(code, [...codes.keys()], [...scenario.groups.keys()]));
    return [];
  };
  const single = (code: string, path: string): number => {
    const m = members(code, path);
    if (m.length > 1) add(path, code, message.singleCountryExpected());
    return m[0] ?? 0;
  };
  const leader = single(input.leader, "bloc.leader");
  const target = single(input.target, "bloc.target");

  const owner = new Map<number, string>([
    [leader, "the leader"],
    [target, "the target"],
  ]);
  const candidates = input.candidates.map((code, c): BlocCandidate => {
    const path = `bloc.candidates[${c}]`;
    const list = members(code, path);
    for (const n of list) {
      const other = owner.get(n);
      if (other !== undefined) add(path, code, message.blocCandidateOverlap(code, data.countries[n].code, other));
      else owner.set(n, `in candidate ${code}`);
    }
    return { code, members: list };
  });
  let focus: number | undefined;
  if (input.focus !== undefined) {
    focus = input.candidates.indexOf(input.focus);
    if (focus < 0) add("bloc.focus", input.focus, message.blocFocusNotCandidate(input.focus, input.candidates));
  }
  let basePhase = scenario.phases.length - 1;
  if (input.basePhase !== undefined) {
    basePhase = scenario.phases.findIndex((p) => p.name === input.basePhase);
    if (basePhase < 0) add("bloc.basePhase", input.basePhase, message.inheritUnknownPhase(input.basePhase, scenario.phases.map((p) => p.name)));
  }

  const sectorCodes = new Map(data.sectors.map((s, k) => [s.code, k]));
  const supported = ownValue(catalog, scenario.modelType)?.shocks ?? [];
  const measure = (m: BlocMeasureInput, path: string): BlocMeasure => {
    const sectors = (list: string[] | undefined): number[] =>
      list === undefined
        ? data.sectors.map((_, s) => s)
        : list.flatMap((code, k) => {
            const s = sectorCodes.get(code);
            if (s === undefined) add(`${path}.sectors[${k}]`, code, data.sectors.length === 1 ? message.sectorShockOnOneSector(scenario.modelType) : message.unknownSector(code, [...sectorCodes.keys()]));
            return s === undefined ? [] : [s];
          });
    const out: BlocMeasure =
      m.tariff !== undefined
        ? { kind: "tariff", rate: m.tariff === "rate" ? input.rate : m.tariff, sectors: sectors(m.sectors) }
        : m.embargo
          ? { kind: "embargo", sectors: sectors(m.sectors) }
          : { kind: "schedule", schedule: m.schedule ?? "", floor: m.floor };
    if (out.kind === "schedule" && !hasOwnName(data.tariffs, out.schedule)) add(`${path}.schedule`, out.schedule, message.unknownTariffSet(out.schedule, Object.keys(data.tariffs)));
    if (!supported.includes(SHOCK_OF[out.kind])) add(path, m, message.blocShockNotSupported(SHOCK_OF[out.kind], scenario.modelType, supported));
    return out;
  };
  const optional = (m: BlocMeasureInput | undefined, path: string) => (m === undefined ? undefined : measure(m, path));
  const bloc: NormalizedBloc = {
    leader,
    target,
    candidates,
    focus,
    basePhase,
    rate: input.rate,
    membersOnTarget: measure(input.membersOnTarget, "bloc.membersOnTarget"),
    leaderOnMembers: optional(input.leaderOnMembers, "bloc.leaderOnMembers"),
    leaderOnNonMembers: optional(input.leaderOnNonMembers, "bloc.leaderOnNonMembers"),
    targetOnMembers: optional(input.targetOnMembers, "bloc.targetOnMembers"),
  };
  if (issues.length) throw new TradewindsInputError(issues);
  return bloc;
}

/** The countries of the candidates in (`inside` = true) or out of membership set `mask`. */
export function countriesOf(bloc: NormalizedBloc, mask: number, inside: boolean): number[] {
  return bloc.candidates.flatMap((c, k) => (((mask >> k) & 1) === 1) === inside ? c.members : []);
}

function shockOf(m: BlocMeasure, importers: number[], exporters: number[], path: string): NormalizedShock {
  switch (m.kind) {
    case "tariff":
      return { type: "tariff", importers, exporters, sectors: m.sectors, set: m.rate, path };
    case "embargo":
      return { type: "embargo", importers, exporters, sectors: m.sectors, path };
    case "schedule":
      return { type: "tariff-schedule", schedule: m.schedule, importers, exporters, floor: m.floor, path };
  }
}

/**
 * The shocks the bloc's rules add to the base phase for membership set `mask`, in the order they are
 * applied (later ones override earlier ones on the same pair): the leader's punishment of candidates
 * out, its reward of members, members' measure on the target, the target's answer to members.
 */
export function blocShocks(bloc: NormalizedBloc, mask: number): NormalizedShock[] {
  const inside = countriesOf(bloc, mask, true);
  const outside = countriesOf(bloc, mask, false);
  const out: NormalizedShock[] = [];
  const { leader, target } = bloc;
  if (bloc.leaderOnNonMembers && outside.length) out.push(shockOf(bloc.leaderOnNonMembers, [leader], outside, "bloc.leaderOnNonMembers"));
  if (inside.length) {
    if (bloc.leaderOnMembers) out.push(shockOf(bloc.leaderOnMembers, [leader], inside, "bloc.leaderOnMembers"));
    out.push(shockOf(bloc.membersOnTarget, inside, [target], "bloc.membersOnTarget"));
    if (bloc.targetOnMembers) out.push(shockOf(bloc.targetOnMembers, [target], inside, "bloc.targetOnMembers"));
  }
  return out;
}

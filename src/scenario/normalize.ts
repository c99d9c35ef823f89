import type { Dataset } from "../data/dataset.js";
import { TradewindsInputError, message, show, type InputIssue } from "../messages.js";
import { zodIssues } from "./validate.js";
import type { ScenarioInput, ShockInput } from "./schema.js";
import type { ModelCatalog } from "../models/catalog.js";
import { checkUncertainty } from "../uncertainty/checkUncertainty.js";
import { noOpShockReason, unusableGroupWarnings } from "./noOps.js";
import { hasOwnName, ownValue } from "../util/ownNames.js";
import { dealMessage } from "../messages.js";
import { isDealShock, normalizeDealShock, type NormalizedDealShock } from "./normalizeDeals.js";

/** A shock with its countries and sectors resolved to dataset indices. */
export type NormalizedShock =
  | { type: "tariff"; importers: number[]; exporters: number[]; sectors: number[]; set?: number; add?: number; path: string }
  | { type: "tariff-schedule"; schedule: string; importers: number[]; exporters: number[]; floor?: number; path: string }
  | { type: "trade-cost"; importers: number[]; exporters: number[]; sectors: number[]; factor: number; path: string }
  | { type: "covariate"; name: string; importers: number[]; exporters: number[]; set: number; path: string }
  | { type: "embargo"; importers: number[]; exporters: number[]; sectors: number[]; path: string }
  | { type: "optimal-tariff"; importers: number[]; exporters: number[]; formula: "expenditure" | "output"; path: string }
  | { type: "optimal-retaliation"; against: number; importers: number[]; path: string }
  | { type: "reciprocal-retaliation"; against: number; importers: number[]; path: string }
  | { type: "nash-tariffs"; importers: number[]; path: string }
  | NormalizedDealShock;

export interface NormalizedPhase {
  name: string;
  date?: string;
  description?: string;
  /** The model parameters in force (scenario's, overridden by the phase's), checked by the model's schema. */
  modelParams: Record<string, unknown>;
  /**
   * The earlier phase (its index) whose shocks are in force before this phase's own, if it inherits.
   * Inheritance is kept as this link, not copied: a scenario's size stays linear in its phases
   * (`shocksInForce` lists a phase's shocks when it is compiled).
   */
  inherits?: number;
  /** The phase's own shocks, applied after the inherited ones, in order. */
  ownShocks: NormalizedShock[];
  /** The phase (its index) whose results this one is also reported relative to (`compareWith`). */
  compareWith?: number;
}

export interface NormalizedScenario {
  name: string;
  description?: string;
  modelType: string;
  phases: NormalizedPhase[];
  /** Rows of the report: single countries or groups, each as member indices. */
  reportRows: { code: string; name: string; members: number[] }[];
  bilateral: [number, number][];
  /** Sector codes the table's sector tables show (report.sectors), checked against the dataset; absent: all. */
  reportSectors?: string[];
  /** Dataset and scenario groups by name (a Map: group names come from the user). */
  groups: ReadonlyMap<string, string[]>;
  /** Valid parts that change nothing (scenario/noOps.ts), each "source: path: why". */
  warnings: string[];
}

/** A phase as the compiler takes it: identity, model parameters and every shock in force, in order. */
export interface PhaseInForce {
  name: string;
  date?: string;
  description?: string;
  modelParams: Record<string, unknown>;
  shocks: NormalizedShock[];
}

/** Phase `p` with every shock in force: the inherited chain's shocks first, then the phase's own, in order. */
export function phaseInForce(phases: readonly NormalizedPhase[], p: number): PhaseInForce {
  const chain: NormalizedShock[][] = [];
  for (let at: number | undefined = p; at !== undefined; at = phases[at].inherits) chain.push(phases[at].ownShocks);
  const { name, date, description, modelParams } = phases[p];
  return { name, date, description, modelParams, shocks: chain.reverse().flat() };
}

/** Largest economies shown when a scenario names no report countries. */
const DEFAULT_REPORT_COUNT = 8;

/**
 * Step 2 of the pipeline: defaults, groups → members, inheritance → full shock lists, model
 * parameters checked by the chosen model's own schema. Collects every problem before throwing.
 */
export function normalizeScenario(input: ScenarioInput, data: Dataset, catalog: ModelCatalog, source: string): NormalizedScenario {
  const issues: InputIssue[] = [];
  const add = (path: string, value: unknown, msg: string) => issues.push({ source, path, value: show(value), message: msg });
  const codes = new Map(data.countries.map((c, k) => [c.code, k]));
  const groups = scenarioGroups(input, data, add);
  const sectorCodes = new Map(data.sectors.map((s, k) => [s.code, k]));
  if (input.baselineTariffs !== undefined && !Object.hasOwn(data.tariffs, input.baselineTariffs)) {
    add("baselineTariffs", input.baselineTariffs, message.unknownTariffSet(input.baselineTariffs, Object.keys(data.tariffs)));
  }

  const entry = ownValue(catalog, input.model.type);
  if (!entry) {
    add("model.type", input.model.type, message.unknownModel(Object.keys(catalog)));
    throw new TradewindsInputError(issues);
  }

  // Group members by index, resolved once per group (a group used by many shocks costs its size once).
  const resolved = new Map<string, number[]>();
  const members = (code: string, path: string, seen: string[] = []): number[] => {
    const k = codes.get(code);
    if (k !== undefined) return [k];
    const group = groups.get(code);
    if (group && !seen.includes(code)) {
      const hit = resolved.get(code);
      if (hit) return hit;
      const before = issues.length;
      const list = [...new Set(group.flatMap((m) => members(m, path, [...seen, code])))];
      if (issues.length === before) resolved.set(code, list);
      return list;
    }
    add(path, code, message.unknownCountry(code, [...codes.keys()], [...groups.keys()]));
    return [];
  };
  const countrySet = (set: "all" | string | string[] | undefined, except: string[] | undefined, path: string): number[] => {
    const chosen = set === undefined || set === "all" ? [...codes.values()] : (Array.isArray(set) ? set : [set]).flatMap((c, k) => members(c, Array.isArray(set) ? `${path}[${k}]` : path));
    const removed = new Set((except ?? []).flatMap((c, k) => members(c, `${path.replace(/\.\w+$/, "")}.except[${k}]`)));
    return [...new Set(chosen)].filter((k) => !removed.has(k)).sort((a, b) => a - b);
  };
  const sectorSet = (list: string[] | undefined, path: string, except?: string[]): number[] => {
    const removed = new Set(except ? lookupSectors(except, path.replace(/sectors$/, "exceptSectors")) : []);
    const chosen = list ? lookupSectors(list, path) : data.sectors.map((_, k) => k);
    return chosen.filter((s) => !removed.has(s));
  };
  const lookupSectors = (list: string[], path: string): number[] => {
    return list.flatMap((code, k) => {
      const s = sectorCodes.get(code);
      if (s === undefined) {
        add(`${path}[${k}]`, code, data.sectors.length === 1 ? message.sectorShockOnOneSector(input.model.type) : message.unknownSector(code, [...sectorCodes.keys()]));
        return [];
      }
      return [s];
    });
  };

  const warnings = unusableGroupWarnings(input, data, source);
  const normalizeShock = (shock: ShockInput, path: string): NormalizedShock => {
    const normalized = resolveShock(shock, path);
    const noOp = noOpShockReason(normalized, data);
    if (noOp) warnings.push(`${source}: ${path}: ${noOp}`);
    return normalized;
  };
  const resolveShock = (shock: ShockInput, path: string): NormalizedShock => {
    if (!entry.shocks.includes(shock.type)) add(`${path}.type`, shock.type, message.shockNotSupported(shock.type, input.model.type, entry.shocks));
    if (shock.type === "optimal-retaliation" || shock.type === "reciprocal-retaliation") {
      const against = members(shock.against, `${path}.against`);
      if (against.length > 1) add(`${path}.against`, shock.against, message.singleCountryExpected());
      const importers = countrySet(shock.importer, [...(shock.except ?? []), shock.against], `${path}.importer`);
      return { type: shock.type, against: against[0] ?? 0, importers, path };
    }
    if (isDealShock(shock)) {
      const capabilities = entry.dealCapabilities ?? { exportTaxes: false, rentTransfers: false };
      return normalizeDealShock(shock, path, { modelType: input.model.type, capabilities, members, countrySet, sectorSet, add });
    }
    const importers = countrySet(shock.importer, shock.except, `${path}.importer`);
    if (shock.type === "nash-tariffs") return { type: "nash-tariffs", importers, path };
    const exporters = countrySet(shock.exporter, shock.except, `${path}.exporter`);
    switch (shock.type) {
      case "tariff":
        return { type: "tariff", importers, exporters, sectors: sectorSet(shock.sectors, `${path}.sectors`, shock.exceptSectors), set: shock.set, add: shock.add, path };
      case "tariff-schedule": {
        if (!hasOwnName(data.tariffs, shock.schedule)) add(`${path}.schedule`, shock.schedule, message.unknownTariffSet(shock.schedule, Object.keys(data.tariffs)));
        const taxed = shock.importer === undefined ? importersTaxedBy(data, shock.schedule) : importers;
        return { type: "tariff-schedule", schedule: shock.schedule, importers: taxed, exporters, floor: shock.floor, path };
      }
      case "trade-cost":
        return { type: "trade-cost", importers, exporters, sectors: sectorSet(shock.sectors, `${path}.sectors`, shock.exceptSectors), factor: shock.factor, path };
      case "covariate":
        if (!hasOwnName(data.covariates, shock.name)) add(`${path}.name`, shock.name, message.unknownCovariate(shock.name, Object.keys(data.covariates)));
        return { type: "covariate", name: shock.name, importers, exporters, set: shock.set, path };
      case "embargo":
        return { type: "embargo", importers, exporters, sectors: sectorSet(shock.sectors, `${path}.sectors`, shock.exceptSectors), path };
      case "optimal-tariff":
        return { type: "optimal-tariff", importers, exporters, formula: shock.formula, path };
    }
  };

  const { type: modelType, ...scenarioParams } = input.model;
  const phases: NormalizedPhase[] = [];
  const phaseAt = new Map<string, number>();
  // Model parameters are checked once per distinct set: phases that only inherit share their parent's.
  let scenarioChecked: Record<string, unknown> | undefined;
  input.phases.forEach((phase, p) => {
    const path = `phases[${p}]`;
    if (phaseAt.has(phase.name)) add(`${path}.name`, phase.name, message.duplicatePhase(phase.name));
    let inherits: number | undefined;
    if (typeof phase.inherit === "string") {
      inherits = phaseAt.get(phase.inherit);
      if (inherits === undefined) add(`${path}.inherit`, phase.inherit, message.inheritUnknownPhase(phase.inherit, phases.map((q) => q.name)));
    } else if (phase.inherit !== false && p > 0) inherits = p - 1;

    const parentParams = inherits !== undefined ? phases[inherits].modelParams : undefined;
    let modelParams: Record<string, unknown>;
    if (phase.model === undefined && parentParams !== undefined) modelParams = parentParams;
    else if (phase.model === undefined && scenarioChecked !== undefined) modelParams = scenarioChecked;
    else {
      const merged = { ...(parentParams ?? scenarioParams), ...(phase.model ?? {}) };
      const checked = entry.params.safeParse(merged);
      const modelPath = phase.model ? `${path}.model` : "model";
      if (!checked.success) issues.push(...zodIssues(checked.error.issues, merged, source, modelPath));
      else {
        for (const problem of entry.checkParams?.(checked.data as never, data, input.estimation !== undefined) ?? []) {
          // Name the field where the user wrote it: the phase's override, else the scenario's model section.
          const key = problem.path.split(/[.[]/)[0];
          const at = `${phase.model && Object.hasOwn(phase.model, key) ? `${path}.model` : "model"}.${problem.path}`;
          if (!issues.some((i) => i.path === at && i.message === problem.message)) add(at, problem.value, problem.message);
        }
      }
      modelParams = checked.success ? (checked.data as Record<string, unknown>) : merged;
      if (phase.model === undefined) scenarioChecked = modelParams;
    }
    if (!phaseAt.has(phase.name)) phaseAt.set(phase.name, p);
    phases.push({
      name: phase.name,
      date: phase.date,
      description: phase.description,
      modelParams,
      inherits,
      ownShocks: phase.shocks.map((s, k) => normalizeShock(s, `${path}.shocks[${k}]`)),
    });
  });
  input.phases.forEach((phase, p) => {
    if (phase.compareWith === undefined) return;
    const at = `phases[${p}].compareWith`;
    const other = phaseAt.get(phase.compareWith);
    if (other === undefined) add(at, phase.compareWith, dealMessage.compareWithUnknown(phase.compareWith, [...phaseAt.keys()]));
    else if (other === p) add(at, phase.compareWith, dealMessage.compareWithSelf(phase.compareWith));
    else phases[p].compareWith = other;
  });
  const reportSectors = input.report?.sectors;
  if (reportSectors) lookupSectors(reportSectors, "report.sectors");

  const reportCodes = input.report?.countries ?? largestEconomies(data, DEFAULT_REPORT_COUNT);
  const reportRows = reportCodes.map((code, k) => ({
    code,
    name: codes.has(code) ? data.countries[codes.get(code)!].name : code,
    members: members(code, `report.countries[${k}]`),
  }));
  const bilateral = (input.report?.bilateral ?? []).map(([a, b], k): [number, number] => {
    const i = codes.get(a);
    const j = codes.get(b);
    if (i === undefined) add(`report.bilateral[${k}][0]`, a, message.unknownCountry(a, [...codes.keys()], []));
    if (j === undefined) add(`report.bilateral[${k}][1]`, b, message.unknownCountry(b, [...codes.keys()], []));
    return [i ?? 0, j ?? 0];
  });

  // The uncertainty section is checked against the parsed parameters of every phase (so only when they parsed).
  if (input.uncertainty && issues.length === 0) {
    for (const p of checkUncertainty(input.uncertainty, modelType, entry, phases.map((q) => q.modelParams), data)) add(p.path, p.value, p.message);
  }
  if (issues.length) throw new TradewindsInputError(issues);
  return { name: input.name, description: input.description, modelType, phases, reportRows, bilateral, ...(reportSectors && { reportSectors }), groups, warnings };
}

/**
 * Dataset groups, then the scenario's own (a scenario group replaces a dataset group of the same name).
 * A list group keeps its names (countries or groups, expanded where used); an `allExcept` group is
 * expanded here to the country codes it leaves, its names resolved as a list group's are — countries,
 * dataset groups, or the scenario's other groups (either form), each at most once on the way (a group
 * that reaches itself is an error).
 */
function scenarioGroups(input: ScenarioInput, data: Dataset, add: (path: string, value: unknown, msg: string) => void): Map<string, string[]> {
  const all = data.countries.map((c) => c.code);
  const codes = new Set(all);
  const groups = new Map<string, string[]>(Object.entries(data.groups));
  const allExcept = new Map<string, string[]>();
  for (const [name, def] of Object.entries(input.groups ?? {})) {
    if (Array.isArray(def)) groups.set(name, def);
    else {
      groups.delete(name);
      allExcept.set(name, def.allExcept);
    }
  }
  const known = () => [...new Set([...groups.keys(), ...allExcept.keys()])];
  const expanding = new Set<string>();
  const codesOf = (name: string, path: string, seen: string[]): string[] => {
    if (codes.has(name)) return [name];
    if (allExcept.has(name) && !groups.has(name)) {
      if (expanding.has(name)) {
        add(path, name, message.groupReachesItself(name));
        return [];
      }
      return expand(name);
    }
    const list = groups.get(name);
    if (list && !seen.includes(name)) return list.flatMap((m) => codesOf(m, path, [...seen, name]));
    add(path, name, seen.includes(name) ? message.groupReachesItself(name) : message.unknownCountry(name, all, known()));
    return [];
  };
  const expand = (name: string): string[] => {
    expanding.add(name);
    const removed = new Set(allExcept.get(name)!.flatMap((c, k) => codesOf(c, `groups.${name}.allExcept[${k}]`, [name])));
    expanding.delete(name);
    const members = all.filter((c) => !removed.has(c));
    groups.set(name, members);
    return members;
  };
  for (const name of allExcept.keys()) if (!groups.has(name)) expand(name);
  return groups;
}

function importersTaxedBy(data: Dataset, schedule: string): number[] {
  const t = ownValue(data.tariffs, schedule);
  if (!t) return [];
  const N = data.countries.length;
  const taxed = new Set<number>();
  for (let k = 0; k < t.length; k++) if (t[k] !== 0) taxed.add(k % N);
  return [...taxed].sort((a, b) => a - b);
}

/** Codes of the `count` countries with the largest total sales (all sectors, domestic included). */
export function largestEconomies(data: Dataset, count: number): string[] {
  const N = data.countries.length;
  const size = new Float64Array(N);
  for (let k = 0; k < data.flows.length; k++) size[Math.floor(k / N) % N] += data.flows[k];
  return [...size.keys()].sort((a, b) => size[b] - size[a]).slice(0, count).map((k) => data.countries[k].code);
}

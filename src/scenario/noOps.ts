import type { Dataset } from "../data/dataset.js";
import { message } from "../messages.js";
import type { NormalizedShock } from "./normalize.js";
import type { ScenarioInput } from "./schema.js";

/**
 * Scenario parts that are valid but change nothing — a shock that covers no exporter–importer pair, a
 * covariate set to the value it already has, a group the scenario can never use — are not errors, but
 * a policy scenario that silently does nothing answers a different question: each gets a warning.
 */

/** Why a normalized shock changes nothing, or undefined. `path` is in the shock. */
export function noOpShockReason(shock: NormalizedShock, data: Dataset): string | undefined {
  const pairs = (importers: number[], exporters: number[]) => importers.some((j) => exporters.some((i) => i !== j));
  switch (shock.type) {
    case "tariff":
    case "trade-cost":
    case "embargo":
      if (shock.sectors.length === 0) return message.shockCoversNoSector();
      return pairs(shock.importers, shock.exporters) ? undefined : message.shockCoversNoPair();
    case "tariff-schedule":
      return pairs(shock.importers, shock.exporters) ? undefined : message.shockCoversNoPair();
    case "covariate": {
      const N = data.countries.length;
      const column = Object.hasOwn(data.covariates, shock.name) ? data.covariates[shock.name] : undefined;
      if (!pairs(shock.importers, shock.exporters)) return message.shockCoversNoPair();
      const changes = column && shock.importers.some((j) => shock.exporters.some((i) => i !== j && column[i * N + j] !== shock.set));
      return column && !changes ? message.covariateAlreadySet(shock.name, shock.set) : undefined;
    }
    case "optimal-tariff":
      return pairs(shock.importers, shock.exporters) ? undefined : message.shockCoversNoPair();
    case "nash-tariffs":
      return shock.importers.length ? undefined : message.shockCoversNoPair();
    case "optimal-retaliation":
    case "reciprocal-retaliation":
      return shock.importers.some((j) => j !== shock.against) ? undefined : message.shockCoversNoPair();
  }
}

/** Scenario groups the resolver can never reach: named like a dataset country (the country wins) or "all". */
export function unusableGroupWarnings(input: ScenarioInput, data: Dataset, source: string): string[] {
  const codes = new Set(data.countries.map((c) => c.code));
  const out: string[] = [];
  for (const name of Object.keys(input.groups ?? {})) {
    if (name === "all") out.push(`${source}: groups.${name}: ${message.groupNamedAll()}`);
    else if (codes.has(name)) out.push(`${source}: groups.${name}: ${message.groupNamedLikeCountry(name, data.countries.find((c) => c.code === name)!.name)}`);
    else if (Object.hasOwn(data.groups, name)) out.push(`${source}: groups.${name}: ${message.groupReplacesDatasetGroup(name, data.meta.name)}`);
  }
  return out;
}

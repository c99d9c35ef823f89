import type { Dataset } from "../data/dataset.js";
import { zeroPolicy, type CompiledPolicy } from "../models/types.js";
import type { NormalizedScenario, NormalizedShock } from "./normalize.js";

export interface CompiledPhase {
  name: string;
  date?: string;
  description?: string;
  modelParams: Record<string, unknown>;
  policy: CompiledPolicy;
}

/**
 * Step 3 of the pipeline: each phase's shocks, applied in order on top of the dataset's baseline
 * policy, become dense arrays in the dataset's index order. Domestic pairs (i = j) are never shocked.
 */
export function compileScenario(scenario: NormalizedScenario, data: Dataset): CompiledPhase[] {
  return scenario.phases.map((phase) => {
    const policy = zeroPolicy(data);
    for (const shock of phase.shocks) applyShock(policy, shock, data);
    return { name: phase.name, date: phase.date, description: phase.description, modelParams: phase.modelParams, policy };
  });
}

export function applyShock(policy: CompiledPolicy, shock: NormalizedShock, data: Dataset): void {
  const N = data.countries.length;
  const allSectors = data.sectors.map((_, s) => s);
  const eachPair = (sectors: number[], visit: (k: number) => void) => {
    for (const s of sectors)
      for (const i of shock.exporters)
        for (const j of shock.importers) if (i !== j) visit((s * N + i) * N + j);
  };
  switch (shock.type) {
    case "tariff":
      eachPair(shock.sectors, (k) => {
        policy.tariffs[k] = shock.set !== undefined ? shock.set : policy.tariffs[k] + (shock.add ?? 0);
      });
      return;
    case "tariff-schedule": {
      const schedule = data.tariffs[shock.schedule];
      eachPair(allSectors, (k) => {
        policy.tariffs[k] = Math.max(schedule[k], shock.floor ?? 0);
      });
      return;
    }
    case "trade-cost":
      eachPair(shock.sectors, (k) => {
        policy.tradeCostFactors[k] *= shock.factor;
      });
      return;
    case "embargo":
      eachPair(shock.sectors, (k) => {
        policy.tradeCostFactors[k] = Infinity;
      });
      return;
    case "covariate": {
      const values = (policy.covariates[shock.name] ??= Float64Array.from(data.covariates[shock.name]));
      for (const i of shock.exporters) for (const j of shock.importers) if (i !== j) values[i * N + j] = shock.set;
      return;
    }
  }
}

import type { CompiledPolicy } from "../types.js";
import { nullPrototypeRecord } from "../../util/ownNames.js";

/**
 * Sector shocks on a compiled policy (dataset index order [(s*N + i)*N + j], sector s, exporter i,
 * importer j). Each returns a new policy; the input is not modified. Domestic pairs (i = j) are never
 * touched: a tariff or an embargo is on imports.
 */
export interface SectorSelection {
  /** Importer indices (the country levying the tariff / refusing the goods). */
  importers: number[];
  /** Exporter indices. */
  exporters: number[];
  /** Sector indices. */
  sectors: number[];
}

function copyPolicy(policy: CompiledPolicy): CompiledPolicy {
  return {
    tariffs: Float64Array.from(policy.tariffs),
    tradeCostFactors: Float64Array.from(policy.tradeCostFactors),
    covariates: nullPrototypeRecord(Object.entries(policy.covariates)),
    ...(policy.tariffSetters && { tariffSetters: [...policy.tariffSetters] }),
  };
}

/** Tariff levels on the selected sectors: "set" replaces the rate, "add" adds to it (shares: 0.25 = 25 pp). */
export function applySectorTariff(policy: CompiledPolicy, N: number, selection: SectorSelection, rate: number, mode: "set" | "add"): CompiledPolicy {
  const next = copyPolicy(policy);
  for (const s of selection.sectors)
    for (const i of selection.exporters)
      for (const j of selection.importers) {
        if (i === j) continue;
        const k = (s * N + i) * N + j;
        next.tariffs[k] = mode === "set" ? rate : next.tariffs[k] + rate;
      }
  return next;
}

/** Embargo of the selected sectors from the exporters to the importers: d̂ = Infinity, the flow becomes exactly 0. */
export function applySectorEmbargo(policy: CompiledPolicy, N: number, selection: SectorSelection): CompiledPolicy {
  const next = copyPolicy(policy);
  for (const s of selection.sectors)
    for (const i of selection.exporters)
      for (const j of selection.importers) if (i !== j) next.tradeCostFactors[(s * N + i) * N + j] = Infinity;
  return next;
}

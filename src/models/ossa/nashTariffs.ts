import type { SolverResult } from "../../solver/result.js";
import { nashByBestResponse, type BestResponseRound } from "../../strategy/bestResponse.js";
import type { OssaEconomy } from "./economy.js";
import { instrumentIndices, optimalTariffs, type OptimalTariffOptions } from "./optimalTariffs.js";
import { mapToFloat64 } from "../../util/typedArrays.js";

/** Ossa's (2014) stopping rule and budget, `mynashtariff.m` (spec caliendo-parro-and-ossa.md §2.4). */
export const OSSA_NASH = { tolerance: 1e-2, maxRounds: 24 } as const;

/**
 * Nash tariffs of Ossa (2014) (Table 4): every country's best response is its optimal-tariff problem
 * (§2.3) given the others' tariffs of the previous round. Unlike Ossa, whose best responses restart
 * from the initial Nash guess each round, each best response here starts from the same country's
 * previous one (the same fixed point, fewer iterations). Best responses skip the Newton stage of the
 * optimal-tariff search unless `tariffTolerance` is given: the rounds stop on Ossa's rule (|mean change| ≤ 1e-2),
 * far coarser than the quasi-Newton search's own precision.
 */
export function ossaNashTariffs(
  economy: OssaEconomy,
  initial: Float64Array,
  options: OptimalTariffOptions & { tolerance?: number; maxRounds?: number; nashTolerance?: number } = {},
): SolverResult<{ tariffs: Float64Array; path: BestResponseRound[] }> {
  const { N, S } = economy;
  const result = nashByBestResponse(
    N,
    initial,
    (j, policy) => {
      const indices = instrumentIndices(N, S, j);
      const start = mapToFloat64(indices, (k) => policy[k]);
      const br = optimalTariffs(economy, j, policy, start, { ...options, tariffTolerance: options.tariffTolerance ?? null });
      return { indices, values: br.instruments, converged: br.converged };
    },
    { tolerance: options.nashTolerance ?? OSSA_NASH.tolerance, maxRounds: options.maxRounds ?? OSSA_NASH.maxRounds },
  );
  const { value, ...rest } = result;
  return { ...rest, value: { tariffs: value.policy, path: value.path } };
}

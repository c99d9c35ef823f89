import type { CompiledPolicy } from "../types.js";
import type { QuantityTarget } from "./types.js";

/**
 * The compiled policy with each target's wedge rate r applied on its covered flows (types.ts for the channels).
 * A rate at zero leaves the arrays exactly as compiled (a non-binding quota or commitment changes nothing, bit
 * for bit). `quotaVolumes` (the targets' F*) size the licence rents of tariff-rate quotas held by exporters: a
 * lump-sum transfer (r − in-quota rate)·F* from the importers to the exporters, split by their covered baseline
 * flows (`baselineFlows`), as quota licences are allocated by historical shares. The input policy is not modified.
 */
export function withWedges(policy: CompiledPolicy, targets: readonly QuantityTarget[], rates: Float64Array, quotaVolumes: Float64Array, baselineFlows: Float64Array, N: number): CompiledPolicy {
  const next: CompiledPolicy = { ...policy, tariffs: policy.tariffs };
  const own = <K extends "tariffs" | "exportTaxes" | "demandShifters" | "transfers">(key: K, size: number, fill: number): Float64Array => {
    if (next[key] === policy[key] || next[key] === undefined) next[key] = policy[key] ? Float64Array.from(policy[key]!) : new Float64Array(size).fill(fill);
    return next[key]!;
  };
  // Tariff-rate quotas set the tariff of their flows, the other wedges multiply what is in force: the setting goes first,
  // so that a quota or restriction on the same flows stacks on the tariff-rate quota's rate instead of being overwritten.
  const order = [...targets.keys()].sort((a, b) => Number(targets[b].channel === "tariff-rate") - Number(targets[a].channel === "tariff-rate"));
  order.forEach((t) => {
    const target = targets[t];
    const r = rates[t];
    if (target.channel !== "tariff-rate" && r === 0) return;
    const size = policy.tariffs.length;
    switch (target.channel) {
      case "tariff": {
        const tariffs = own("tariffs", size, 0);
        for (const k of target.flows) tariffs[k] = (1 + tariffs[k]) * (1 + r) - 1;
        return;
      }
      case "export-tax": {
        const taxes = own("exportTaxes", size, 0);
        for (const k of target.flows) taxes[k] = (1 + taxes[k]) * (1 + r) - 1;
        return;
      }
      case "demand-shifter": {
        const shifters = own("demandShifters", size, 1);
        for (const k of target.flows) shifters[k] *= 1 + r;
        return;
      }
      case "tariff-rate": {
        const tariffs = own("tariffs", size, 0);
        for (const k of target.flows) tariffs[k] = r;
        const rent = (r - target.trq!.inQuota) * quotaVolumes[t];
        if (target.rent !== "exporter" || !(rent > 0)) return;
        const transfers = own("transfers", N, 0);
        let total = 0;
        for (const k of target.flows) total += baselineFlows[k];
        for (const k of target.flows) {
          const part = total > 0 ? (rent * baselineFlows[k]) / total : 0;
          const exporter = Math.floor(k / N) % N;
          const importer = k % N;
          transfers[exporter] += part;
          transfers[importer] -= part;
        }
        return;
      }
    }
  });
  return next;
}

import type { Dataset } from "../data/dataset.js";
import { TradewindsInputError, dealMessage, show } from "../messages.js";
import { MAX_DEMAND_SHIFTER, MAX_PRICE_WEDGE, MAX_PRODUCTIVITY_FACTOR, type QuantityTarget, type WedgeChannel } from "../models/instruments/types.js";
import type { CompiledPolicy } from "../models/types.js";
import { compensatedSum } from "../util/sum.js";
import type { NormalizedDealShock, TargetSplit } from "./normalizeDeals.js";

/**
 * Step 3 for the deal shocks (scenario/dealSchema.ts): quantity targets become `policy.targets` (one per
 * group of covered flows, as `per` splits them), a fixed export tax becomes `policy.exportTaxes`, and an
 * investment pledge becomes productivity factors `policy.productivity` with its sizing in `policy.pledges`.
 * Covered flows are foreign flows (i ≠ j) with baseline trade: a flow the data do not have cannot move in a
 * model in changes.
 */
export function compileDealShock(policy: CompiledPolicy, shock: NormalizedDealShock, data: Dataset, source: string): void {
  const N = data.countries.length;
  const S = data.sectors.length;
  if (shock.type === "investment-pledge") return compilePledge(policy, shock, data, source);
  if (shock.type === "export-restriction" && shock.tax !== undefined) {
    const taxes = (policy.exportTaxes ??= new Float64Array(S * N * N));
    for (const s of shock.sectors) for (const i of shock.exporters) for (const j of shock.importers) if (i !== j) taxes[(s * N + i) * N + j] = shock.tax;
    return;
  }
  const groups = splitFlows(shock, data);
  if (groups.length === 0) {
    throw new TradewindsInputError([{ source, path: shock.path, value: "", message: dealMessage.noCoveredFlows(shock.type) }]);
  }
  for (const group of groups) (policy.targets ??= []).push(targetOf(shock, group, data));
}

interface FlowGroup {
  flows: number[];
  importers: number[];
  exporters: number[];
  sectors: number[];
}

/** The covered flows with baseline trade, grouped as `per` says (groups without trade are left out). */
function splitFlows(shock: Exclude<NormalizedDealShock, { type: "investment-pledge" }>, data: Dataset): FlowGroup[] {
  const N = data.countries.length;
  const groups = new Map<string, FlowGroup>();
  const keyOf: Record<TargetSplit, (s: number, i: number, j: number) => string> = {
    total: () => "",
    sector: (s) => `${s}`,
    partner: (_s, i, j) => `${i},${j}`,
    flow: (s, i, j) => `${s},${i},${j}`,
  };
  for (const s of shock.sectors)
    for (const i of shock.exporters)
      for (const j of shock.importers) {
        const k = (s * N + i) * N + j;
        if (i === j || !(data.flows[k] > 0)) continue;
        const key = keyOf[shock.per](s, i, j);
        let group = groups.get(key);
        if (!group) groups.set(key, (group = { flows: [], importers: [], exporters: [], sectors: [] }));
        group.flows.push(k);
        if (!group.importers.includes(j)) group.importers.push(j);
        if (!group.exporters.includes(i)) group.exporters.push(i);
        if (!group.sectors.includes(s)) group.sectors.push(s);
      }
  return [...groups.values()];
}

function targetOf(shock: Exclude<NormalizedDealShock, { type: "investment-pledge" }>, group: FlowGroup, data: Dataset): QuantityTarget {
  const common = {
    kind: shock.type,
    path: shock.path,
    label: labelOf(shock.type, group, data),
    flows: Int32Array.from(group.flows),
    importers: group.importers.sort((a, b) => a - b),
    exporters: group.exporters.sort((a, b) => a - b),
    sectors: group.sectors.sort((a, b) => a - b),
  };
  const priceChannel = (rent: "importer" | "exporter"): WedgeChannel => (rent === "importer" ? "tariff" : "export-tax");
  switch (shock.type) {
    case "purchase-commitment": {
      const target =
        shock.increase !== undefined ? { baselineFactor: 1 + shock.increase, add: 0 } : shock.as === "floor" ? { baselineFactor: 0, add: shock.value! } : { baselineFactor: 1, add: shock.value! };
      const field = shock.increase !== undefined ? { name: "increase", value: shock.increase } : { name: "value", value: shock.value! };
      return { ...common, field, channel: "demand-shifter", direction: "floor", target, low: 0, high: MAX_DEMAND_SHIFTER - 1, rent: "none" };
    }
    case "quota":
    case "tariff-rate-quota": {
      const target = shock.value !== undefined ? { baselineFactor: 0, add: shock.value } : { baselineFactor: shock.share!, add: 0 };
      const field = shock.value !== undefined ? { name: "value", value: shock.value } : { name: "share", value: shock.share! };
      if (shock.type === "quota") return { ...common, field, channel: priceChannel(shock.rent), direction: "cap", target, low: 0, high: MAX_PRICE_WEDGE, rent: shock.rent };
      return {
        ...common,
        field,
        channel: "tariff-rate",
        direction: "cap",
        target,
        low: shock.inQuota,
        high: shock.outOfQuota,
        rent: shock.rent,
        trq: { inQuota: shock.inQuota, outOfQuota: shock.outOfQuota },
      };
    }
    case "export-restriction":
      return {
        ...common,
        field: { name: "cut", value: shock.cut! },
        channel: priceChannel(shock.rent),
        direction: "cap",
        target: { baselineFactor: 1 - shock.cut!, add: 0 },
        low: 0,
        high: MAX_PRICE_WEDGE,
        rent: shock.rent,
      };
  }
}

/** "JPN buys from USA: A01", "CHN → JPN: B07", with long country lists counted rather than listed. */
function labelOf(kind: string, group: FlowGroup, data: Dataset): string {
  const codes = (list: number[]) => (list.length > 4 ? `${list.length} countries` : list.map((n) => data.countries[n].code).join(", "));
  const sectors = data.sectors.length === 1 ? "" : `: ${group.sectors.length > 6 ? `${group.sectors.length} sectors` : group.sectors.map((s) => data.sectors[s].code).join(", ")}`;
  const who = kind === "purchase-commitment" ? `${codes(group.importers)} buys from ${codes(group.exporters)}` : `${codes(group.exporters)} → ${codes(group.importers)}`;
  return `${who}${sectors}`;
}

/**
 * An investment pledge as productivity factors (a what-if, stated in the output): the host's sales of each
 * listed sector s rise, to first order at baseline prices, wages and price indices, by its part V_s of the
 * pledge — V split over the sectors by the host's baseline output. Shares π_hj ∝ T̂·(κc)^(−θ) give
 * d ln X_hj = (1 − π_hj)·d ln T̂, so T̂_s = exp(V_s ⁄ Σ_j (1 − π_hjs)·X_hjs), π the tariff-inclusive share of h in
 * j's spending (domestic sales included). With homeReduction the investor's factor is exp(−V_s ⁄ Σ_j (1 − π_ijs)·X_ijs).
 */
function compilePledge(policy: CompiledPolicy, shock: Extract<NormalizedDealShock, { type: "investment-pledge" }>, data: Dataset, source: string): void {
  const N = data.countries.length;
  const S = data.sectors.length;
  // Baseline shares: the data's flows under the tariffs they were observed under (not the phase's), so the sizing does not depend on shock order.
  const tariffs = data.baselineTariffs ? data.tariffs[data.baselineTariffs] : new Float64Array(S * N * N);
  const spending = new Float64Array(N * S);
  for (let s = 0; s < S; s++) for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) spending[j * S + s] += data.flows[(s * N + i) * N + j] * (1 + tariffs[(s * N + i) * N + j]);
  const output = (n: number, s: number) => compensatedSum(data.flows, (s * N + n) * N, (s * N + n + 1) * N);
  const responsiveSales = (n: number, s: number) => {
    const terms = new Float64Array(N);
    for (let j = 0; j < N; j++) {
      const k = (s * N + n) * N + j;
      const share = spending[j * S + s] > 0 ? (data.flows[k] * (1 + tariffs[k])) / spending[j * S + s] : 0;
      terms[j] = (1 - share) * data.flows[k];
    }
    return compensatedSum(terms);
  };
  const hostOutput = shock.sectors.map((s) => output(shock.host, s));
  const total = compensatedSum(hostOutput);
  const productivity = (policy.productivity ??= new Float64Array(N * S).fill(1));
  const parts: number[] = [];
  const hostFactors: number[] = [];
  const homeFactors: number[] = [];
  shock.sectors.forEach((s, k) => {
    const part = total > 0 ? (shock.value * hostOutput[k]) / total : 0;
    parts.push(part);
    const base = responsiveSales(shock.host, s);
    if (!(base > 0)) {
      throw new TradewindsInputError([{ source, path: `${shock.path}.sectors`, value: show(data.sectors[s].code), message: dealMessage.pledgeNoSales(data.countries[shock.host].code, data.sectors[s].code) }]);
    }
    // The whole pledge's largest value for this sector's factor to stay within the bound: V·(share of s) ≤ base·ln(bound).
    const largest = (limitBase: number) => (limitBase * Math.log(MAX_PRODUCTIVITY_FACTOR) * total) / hostOutput[k];
    if (part / base > Math.log(MAX_PRODUCTIVITY_FACTOR)) throw pledgeTooLarge(shock, data, s, largest(base), source);
    const host = Math.exp(part / base);
    productivity[shock.host * S + s] *= host;
    // Pledges stack by multiplying: their product stays within the bound too.
    if (productivity[shock.host * S + s] > MAX_PRODUCTIVITY_FACTOR) throw pledgeTooLarge(shock, data, s, largest(base), source);
    hostFactors.push(host);
    let home = 1;
    if (shock.homeReduction) {
      const investorBase = responsiveSales(shock.investor, s);
      if (!(investorBase > 0)) {
        throw new TradewindsInputError([{ source, path: `${shock.path}.homeReduction`, value: "true", message: dealMessage.pledgeNoSales(data.countries[shock.investor].code, data.sectors[s].code) }]);
      }
      if (part / investorBase > Math.log(MAX_PRODUCTIVITY_FACTOR)) throw pledgeTooLarge(shock, data, s, largest(investorBase), source, "homeReduction");
      home = Math.exp(-part / investorBase);
      productivity[shock.investor * S + s] *= home;
      if (productivity[shock.investor * S + s] < 1 / MAX_PRODUCTIVITY_FACTOR) throw pledgeTooLarge(shock, data, s, largest(investorBase), source, "homeReduction");
    }
    homeFactors.push(home);
  });
  (policy.pledges ??= []).push({ path: shock.path, investor: shock.investor, host: shock.host, sectors: shock.sectors, value: shock.value, parts, hostFactors, homeFactors });
}

/** A pledge whose productivity factor would leave [1 ⁄ MAX_PRODUCTIVITY_FACTOR, MAX_PRODUCTIVITY_FACTOR]: an input error with the largest value that fits. */
function pledgeTooLarge(shock: Extract<NormalizedDealShock, { type: "investment-pledge" }>, data: Dataset, s: number, largest: number, source: string, field = "value"): TradewindsInputError {
  return new TradewindsInputError([{ source, path: `${shock.path}.${field}`, value: show(field === "value" ? shock.value : true), message: dealMessage.pledgeTooLarge(data.sectors[s].code, MAX_PRODUCTIVITY_FACTOR, largest) }]);
}

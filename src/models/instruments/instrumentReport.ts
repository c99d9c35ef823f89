import type { Dataset } from "../../data/dataset.js";
import type { CompiledPolicy, ModelOutcome } from "../types.js";
import { withWedges } from "./applyWedges.js";
import type { InstrumentReport, QuantityTarget } from "./types.js";

/** Suppliers listed by name in an instrument's diverted flows; the rest are summed as "others". */
const DIVERTED_SHOWN = 8;

/** A phase's quantity targets solved: the policy, each target's wedge rate and wanted flow, and the two equilibria. */
export interface SolvedTargets {
  data: Dataset;
  policy: CompiledPolicy;
  targets: readonly QuantityTarget[];
  /** Each target's wedge rate in the equilibrium. */
  rates: Float64Array;
  /** Each target's flow F*. */
  wanted: Float64Array;
  /** The phase solved with every target's wedge at its lower bound. */
  first: ModelOutcome;
  /** The equilibrium with the targets met. */
  outcome: ModelOutcome;
}

/**
 * The instruments of a solved phase for the report (values keyed by report/definitions/deals.ts): each quantity
 * target with its binding status, wedge, flows (baseline, without the phase's targets, in the equilibrium),
 * rent, and the diverted purchases by supplier; each investment pledge with its productivity factors (its
 * effect is the phase's against a phase without it: compareWith). `first` is the phase solved with every target's wedge at
 * its lower bound, `outcome` the equilibrium with the targets met.
 */
export function instrumentReports({ data, policy, targets, rates, wanted, first, outcome }: SolvedTargets): InstrumentReport[] {
  const N = data.countries.length;
  const codes = (list: number[]) => list.map((n) => data.countries[n].code);
  const sectorCodes = (list: number[]) => list.map((s) => data.sectors[s].code);
  const reports: InstrumentReport[] = [];
  if (targets.length && outcome.flows && first.flows) {
    const base = outcome.flows.baseline;
    const applied = withWedges(policy, targets, rates, wanted, base, N);
    const flows = outcome.flows.counterfactual;
    targets.forEach((t, k) => {
      const r = rates[k];
      const flow = total(flows, t.flows);
      const binding = r !== t.low;
      let rent = 0;
      for (const f of t.flows) {
        if (t.channel === "tariff") rent += (applied.tariffs[f] - policy.tariffs[f]) * (1 + (applied.exportTaxes?.[f] ?? 0)) * flows[f];
        if (t.channel === "export-tax") rent += ((applied.exportTaxes?.[f] ?? 0) - (policy.exportTaxes?.[f] ?? 0)) * flows[f];
      }
      if (t.channel === "tariff-rate") rent = (r - t.trq!.inQuota) * Math.min(flow, wanted[k]);
      const values: Record<string, number> = {
        instrumentTarget: wanted[k],
        instrumentBaselineFlow: total(base, t.flows),
        instrumentFlowWithout: total(first.flows!.counterfactual, t.flows),
        instrumentFlow: flow,
        instrumentWedgeRate: r,
      };
      if (t.rent !== "none") values.instrumentRent = rent;
      reports.push({
        shock: t.path,
        kind: t.kind,
        label: t.label,
        importers: codes(t.importers),
        exporters: codes(t.exporters),
        sectors: sectorCodes(t.sectors),
        binding,
        status: statusOf(t, r, flow, wanted[k]),
        modelling: modellingOf(t),
        rentTo: t.rent,
        values,
        diverted: diverted(data, t, first.flows!.counterfactual, flows),
      });
    });
  }
  for (const pledge of policy.pledges ?? []) {
    pledge.sectors.forEach((s, k) => {
      const home = pledge.homeFactors[k];
      reports.push({
        shock: pledge.path,
        kind: "investment-pledge",
        label: `${data.countries[pledge.investor].code} invests in ${data.countries[pledge.host].code}${data.sectors.length > 1 ? `: ${data.sectors[s].code}` : ""}`,
        importers: [data.countries[pledge.host].code],
        exporters: [data.countries[pledge.investor].code],
        sectors: [data.sectors[s].code],
        binding: true,
        status: home === 1 ? "host productivity raised" : "capacity moved: host productivity raised, investor's lowered",
        modelling:
          "a what-if: the host's productivity T̂ in the sector rises so that its sales would rise by the pledge to first order at baseline prices (T̂ = exp(V ⁄ Σ_j (1 − π_hj)·X_hj)); the realised change is the general-equilibrium one",
        rentTo: "none",
        values: {
          pledgeValue: pledge.parts[k],
          pledgeHostProductivity: pledge.hostFactors[k],
          pledgeInvestorProductivity: home,
        },
        diverted: [],
      });
    });
  }
  return reports;
}

function total(x: Float64Array, at: Int32Array): number {
  let sum = 0;
  for (const k of at) sum += x[k];
  return sum;
}

function statusOf(t: QuantityTarget, rate: number, flow: number, wanted: number): string {
  if (t.channel === "tariff-rate") {
    if (rate === t.low) return "in-quota rate applies: imports below the quota (not filled)";
    if (rate === t.high) return flow >= wanted ? "out-of-quota rate applies: imports exceed the quota" : "at the out-of-quota rate, imports still below the quota: not converged";
    return "imports at the quota: an endogenous rate between the in-quota and out-of-quota rates";
  }
  if (rate === t.low) return t.direction === "floor" ? "not binding: already met (an exact no-op)" : "not binding: the flow is below the cap (an exact no-op)";
  if (rate === t.high) return "at the wedge's bound: the target is not reached";
  return t.direction === "floor" ? "binding: the flow is raised to the target" : "binding: the flow is held at the cap";
}

function modellingOf(t: QuantityTarget): string {
  switch (t.channel) {
    case "demand-shifter":
      return "an endogenous demand shifter a ≥ 1 on the covered flows (π ∝ a·(κc)^(−θ)), a distortion: welfare and costs use the original preferences (true CES price index); no rent — the cost is the buyers'";
    case "tariff":
      return "an endogenous tariff-equivalent on top of the rates in force; the rent is tariff revenue of the importer";
    case "export-tax":
      return "an endogenous export-tax equivalent on top of the rates in force (as a voluntary export restraint); the rent is export-tax revenue of the exporter, and the importer's tariff falls on the dearer border price";
    case "tariff-rate":
      return `a tariff-rate quota: the tariff is the in-quota rate if imports stay below the quota, the out-of-quota rate if they exceed it, and in between while imports sit at the quota; the licence rent (rate − in-quota rate) × in-quota imports goes to the ${t.rent === "exporter" ? "exporters (a transfer from the importers, split by baseline flows)" : "importers"}`;
  }
}

/** The covered importers' purchases of the covered sectors by supplier: with the targets − without, largest first. */
function diverted(data: Dataset, t: QuantityTarget, without: Float64Array, withTargets: Float64Array): { supplier: string; change: number }[] {
  const N = data.countries.length;
  const change = new Float64Array(N);
  for (const s of t.sectors) for (const j of t.importers) for (let i = 0; i < N; i++) change[i] += withTargets[(s * N + i) * N + j] - without[(s * N + i) * N + j];
  const order = [...change.keys()].sort((a, b) => Math.abs(change[b]) - Math.abs(change[a]));
  const shown = order.slice(0, DIVERTED_SHOWN).map((i) => ({ supplier: data.countries[i].code, change: change[i] }));
  const rest = order.slice(DIVERTED_SHOWN).reduce((acc, i) => acc + change[i], 0);
  return order.length > DIVERTED_SHOWN ? [...shown, { supplier: "others", change: rest }] : shown;
}

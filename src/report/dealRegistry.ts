import type { QuantityDefinition } from "./registry.js";

/**
 * Registry entries of the deal instruments (issue 11), joined into report/registry.ts. Instrument-level
 * values live in a phase's `instruments[].values`; flows are at exporter (factory-gate) prices in the
 * dataset's units and the model's numeraire, summed over the instrument's covered flows.
 */
export const dealDefinitions: QuantityDefinition[] = [
  {
    key: "instrumentWelfareEffectPct",
    label: "Welfare effect of the phase's quantity targets",
    unit: "%",
    formula:
      "100·(Ŵ_with ⁄ Ŵ_without − 1): real income with the phase's quotas, commitments and export restrictions met, relative to the same phase with every target's wedge at its lower bound (no quota or commitment; tariff-rate quotas at the in-quota rate), all else equal — the cost of a commitment to its buyer, the rent and terms-of-trade gain of a quota",
    sign: "negative = the targets cost the country",
    level: "country",
    aggregate: "weighted-mean",
    compare: "difference",
  },
  {
    key: "instrumentTarget",
    label: "Target flow",
    unit: "level",
    formula: "F* = factor·F_baseline + added value: a commitment's floor (baseline + value, value, or (1 + increase)·baseline), a quota's cap (value or share·baseline), a restriction's (1 − cut)·baseline",
    sign: "the level the covered flow must reach (floor) or not exceed (cap)",
    level: "instrument",
    aggregate: "none",
  },
  {
    key: "instrumentBaselineFlow",
    label: "Covered flow, baseline",
    unit: "level",
    formula: "Σ of the covered flows (exporter → importer, covered sectors) in the model's baseline, exporter prices",
    sign: "a level",
    level: "instrument",
    aggregate: "none",
  },
  {
    key: "instrumentFlowWithout",
    label: "Covered flow without the targets",
    unit: "level",
    formula: "Σ of the covered flows in the same phase solved with every target's wedge at its lower bound",
    sign: "a level",
    level: "instrument",
    aggregate: "none",
  },
  {
    key: "instrumentFlow",
    label: "Covered flow in the equilibrium",
    unit: "level",
    formula: "Σ of the covered flows in the phase's equilibrium with the targets met",
    sign: "a level; equals the target when binding",
    level: "instrument",
    aggregate: "none",
  },
  {
    key: "instrumentWedgeRate",
    label: "Wedge (tariff-equivalent, export-tax equivalent or demand shifter)",
    unit: "rate",
    formula:
      "r of the instrument's factor 1 + r on the covered flows: a quota's or restriction's tariff-equivalent (rent importer: t = (1 + t₀)(1 + r) − 1) or export-tax equivalent (rent exporter: x = (1 + x₀)(1 + r) − 1); a commitment's demand shifter a = 1 + r; a tariff-rate quota's applied rate t ∈ [in-quota, out-of-quota]",
    sign: "0 = not binding (for a tariff-rate quota: the in-quota rate)",
    level: "instrument",
    aggregate: "none",
  },
  {
    key: "instrumentRent",
    label: "Rent",
    unit: "level",
    formula:
      "tariff-equivalent: Σ (t − t₀)·(1 + x)·T; export-tax equivalent: Σ (x − x₀)·T; tariff-rate quota: (t − t_in)·min(F, quota), T the covered flows at exporter prices — income of whoever rentTo names",
    sign: "≥ 0",
    level: "instrument",
    aggregate: "none",
  },
  {
    key: "pledgeValue",
    label: "Pledged added output",
    unit: "level",
    formula: "V_s: the pledge's added annual output of the host in sector s at baseline prices (the pledge split over its sectors by the host's baseline output)",
    sign: "a level",
    level: "instrument",
    aggregate: "none",
  },
  {
    key: "pledgeHostProductivity",
    label: "Host productivity factor",
    unit: "ratio",
    formula: "T̂_h,s = exp(V_s ⁄ Σ_j (1 − π_hjs)·X_hjs), X the dataset's flows and π the host's tariff-inclusive share of each market (first order: the host's sales rise by V_s at baseline prices)",
    sign: "> 1 = the host's goods are cheaper to make",
    level: "instrument",
    aggregate: "none",
  },
  {
    key: "pledgeInvestorProductivity",
    label: "Investor productivity factor",
    unit: "ratio",
    formula: "T̂_i,s = exp(−V_s ⁄ Σ_j (1 − π_ijs)·X_ijs) with homeReduction, else 1",
    sign: "< 1 = capacity moved away",
    level: "instrument",
    aggregate: "none",
  },
];

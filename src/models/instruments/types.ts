/**
 * The deal instruments as a model sees them (issue 11). Fixed wedges are dense arrays of the compiled policy
 * (models/types.ts: exportTaxes, demandShifters, productivity, transfers); quantity targets are the list below,
 * each met by one endogenous wedge that solveTargets.ts solves around the model's equilibrium.
 *
 * A wedge is a rate r ≥ its lower bound with factor 1 + r on the covered flows:
 *   "tariff"         quota or export restriction, rent to the importer: t = (1 + t₀)(1 + r) − 1 (a tariff-equivalent)
 *   "tariff-rate"    tariff-rate quota: t = r ∈ [in-quota rate, out-of-quota rate]
 *   "export-tax"     export restriction or quota, rent to the exporter: x = (1 + x₀)(1 + r) − 1 (an export-tax equivalent)
 *   "demand-shifter" purchase commitment: a = a₀·(1 + r), π ∝ a·(κ·c)^(−θ)
 * Flows and targets are values at exporter (factory-gate) prices in the dataset's units and the model's
 * numeraire, [(s*N + i)*N + j] (sector s, exporter i, importer j).
 */
export type TargetKind = "purchase-commitment" | "quota" | "tariff-rate-quota" | "export-restriction";
export type WedgeChannel = "tariff" | "tariff-rate" | "export-tax" | "demand-shifter";

export interface QuantityTarget {
  kind: TargetKind;
  /** The shock's field path, e.g. "phases[2].shocks[1]". */
  path: string;
  /** A readable name: "JPN buys from USA: A01" (with the split's group when `per` is not total). */
  label: string;
  /** The field holding the target and its value as written (for messages): value, share, increase or cut. */
  field: { name: string; value: number };
  /** Bilateral indices of the covered foreign flows with baseline trade. */
  flows: Int32Array;
  importers: number[];
  exporters: number[];
  sectors: number[];
  channel: WedgeChannel;
  /** "floor": the covered flow must be at least the target (commitments); "cap": at most (quotas, restrictions). */
  direction: "floor" | "cap";
  /** Target F* = baselineFactor·F_baseline + add (F_baseline: the covered flows in the model's baseline). */
  target: { baselineFactor: number; add: number };
  /** Bounds of the wedge rate r. */
  low: number;
  high: number;
  /** Who keeps the rent: the importer, the exporter, or nobody (a commitment's shifter is a distortion). */
  rent: "importer" | "exporter" | "none";
  /** Tariff-rate quota rates (channel "tariff-rate"). */
  trq?: { inQuota: number; outOfQuota: number };
}

/** An investment pledge compiled into productivity factors (a fixed shock), kept for the report. */
export interface PledgeRecord {
  path: string;
  investor: number;
  host: number;
  sectors: number[];
  /** The pledged added annual output of the host (dataset units), split over `sectors` by baseline output. */
  value: number;
  /** The pledge's part in each listed sector (dataset units). */
  parts: number[];
  /** T̂ of the host (and of the investor, 1 without homeReduction) by listed sector. */
  hostFactors: number[];
  homeFactors: number[];
}

/** The largest wedge rate a quota or restriction may reach (a factor of 1,001); a cap it cannot meet is reported unreachable. */
export const MAX_PRICE_WEDGE = 1000;
/** The largest change of a sector's productivity a pledge may make, up or down (a hundredfold, like the trade-cost domain). */
export const MAX_PRODUCTIVITY_FACTOR = 100;
/** The largest demand shifter a commitment may reach (10⁶ times the baseline preference weight). */
export const MAX_DEMAND_SHIFTER = 1e6;

/**
 * One instrument in a phase's result: what it is, whether it binds, its wedge, rent and diverted flows.
 * Numbers are in `values`, keyed by registry keys of level "instrument" (report/definitions/deals.ts).
 */
export interface InstrumentReport {
  /** The shock's field path. */
  shock: string;
  kind: TargetKind | "investment-pledge";
  label: string;
  importers: string[];
  exporters: string[];
  sectors: string[];
  /** Whether the target moved the equilibrium (false: already met, an exact no-op; pledges: true). */
  binding: boolean;
  /** A short statement of the outcome: "binding", "not binding (already met)", a tariff-rate quota's regime, …. */
  status: string;
  /** How the instrument works in the model, in one sentence (printed with it). */
  modelling: string;
  /** "importer", "exporter" or "none" (the country codes that get it are importers/exporters). */
  rentTo: "importer" | "exporter" | "none";
  values: Record<string, number>;
  /** Change in the covered importers' purchases of the covered sectors by supplier (with − without the phase's targets), largest first. */
  diverted: { supplier: string; change: number }[];
}

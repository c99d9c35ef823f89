import type { QuantityDefinition, QuantityKey, QuantityValues } from "./registry.js";

/** One row of a phase: a country or an aggregate, with one number per reported key. */
export interface ResultRow {
  code: string;
  name: string;
  /** Number of member countries for aggregates (1 for a country). */
  members: number;
  /** One number per reported key (typed: a key the registry does not define is a type error). */
  values: QuantityValues;
}

export interface BilateralRow {
  exporter: string;
  importer: string;
  /** Sector code, or "ALL" summed over sectors. */
  sector: string;
  baseline: number;
  counterfactual: number;
  changePct: number;
}

export interface SectorRow {
  country: string;
  sector: string;
  sectorName: string;
  values: QuantityValues;
}

export interface SolverSummary {
  converged: boolean;
  method: string;
  iterations: number;
  residual: number;
  residualNorm: string;
  tolerance: number;
  warnings: string[];
}

export interface PhaseReport {
  name: string;
  date?: string;
  description?: string;
  converged: boolean;
  /**
   * "solved", or "not-converged": then every value below is the solver's last iterate, not an equilibrium —
   * tables and CSV leave the cells empty, and JSON keeps the numbers for diagnosis beside this marker.
   */
  status: "solved" | "not-converged";
  /** For a phase that did not converge: what the values are and what to do (messages.lastIterateOnly). */
  statusNote?: string;
  solver: SolverSummary;
  /** Every country of the dataset. */
  countries: ResultRow[];
  /** The report's rows (countries and groups named in the scenario) and WORLD, in table order. */
  summary: ResultRow[];
  bilateral: BilateralRow[];
  sectors?: SectorRow[];
  scalars: QuantityValues;
  /** Rates computed by the model while compiling the phase (closed-form optimal tariffs). */
  appliedRates?: { shock: string; kind: string; importer: string; exporter: string; rate: number }[];
}

export interface RunReport {
  tradewinds: string;
  scenario: { name: string; description?: string; source: string };
  dataset: { name: string; title: string; year: number; /** The tariff set the baseline was observed under (absent: zero tariffs). */ baselineTariffs?: string; units: string; source: string; licence: string; attribution: string };
  model: { type: string; description: string };
  /** Keys shown in the table, in order. */
  tableKeys: QuantityKey[];
  /** Country × sector keys shown in sector tables, in order (empty for one-sector models). */
  sectorTableKeys: QuantityKey[];
  phases: PhaseReport[];
  /** The definition of every key that appears anywhere in `phases`. */
  definitions: Record<string, QuantityDefinition>;
  warnings: string[];
}

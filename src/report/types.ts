import type { InstrumentReport } from "../models/instruments/types.js";
import type { DatasetMoney } from "./money.js";
import type { QuantityDefinition, QuantityKey, QuantityValues } from "./registry.js";

/** One row of a phase: a country or an aggregate, with one number per reported key. */
export interface ResultRow {
  code: string;
  name: string;
  /** Number of member countries for aggregates (1 for a country). */
  members: number;
  /** One number per reported key (typed: a key the registry does not define is a type error). */
  values: QuantityValues;
  /** Uncertainty bands of some keys (runs with draws): the table keys of report rows, the headline key of every country. */
  bands?: Record<string, Band>;
}

/** Quantiles of a reported number over the converged uncertainty draws (RunReport.uncertainty says how many, which method). */
export interface Band {
  /** The 5th percentile. */
  lower: number;
  median: number;
  /** The 95th percentile. */
  upper: number;
}

/** How the bands of a run were made: the draws, their parameters, the quantiles, and every draw that failed. */
export interface UncertaintySummary {
  draws: number;
  seed: number;
  /** The uncertain parameters as the scenario states them. */
  parameters: unknown[];
  /** The band's probabilities (0.05 and 0.95). */
  band: { lower: number; upper: number };
  quantileMethod: string;
  /** Draws whose every phase converged: the bands are quantiles over these. */
  converged: number;
  /** Draws with a phase that did not converge (their values are left out of the bands, and listed here). */
  notConverged: number[];
  /** Draws that could not be solved, with the reason (e.g. parameters outside the model's domain). */
  failed: { draw: number; message: string }[];
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
  /** The phase's deal instruments: binding status, wedge, flows, rent, diverted purchases (values keyed by registry keys of level "instrument"). */
  instruments?: InstrumentReport[];
  /** With `compareWith`: the values relative to that phase (each key by its registry `compare` rule), beside those relative to the baseline. */
  comparison?: PhaseComparison;
  /** Rates computed by the model while compiling the phase (closed-form optimal tariffs). */
  appliedRates?: { shock: string; kind: string; importer: string; exporter: string; rate: number }[];
}

/** A phase's results relative to another phase of the same run (report/comparePhases.ts). */
export interface PhaseComparison {
  /** The phase compared with. */
  phase: string;
  /** Both phases converged (otherwise the values are not results). */
  converged: boolean;
  countries: ResultRow[];
  summary: ResultRow[];
  sectors?: SectorRow[];
}

export interface RunReport {
  tradewinds: string;
  scenario: { name: string; description?: string; source: string };
  dataset: {
    name: string;
    title: string;
    year: number;
    /** The tariff set the baseline was observed under (absent: zero tariffs). */
    baselineTariffs?: string;
    units: string;
    /** `units` read as dollars (report/money.ts): the multiplier to USD and price basis of flows and GDP. Absent when the words say no scale. */
    money?: DatasetMoney;
    source: string;
    licence: string;
    attribution: string;
  };
  model: { type: string; description: string };
  /** Keys shown in the table, in order. */
  tableKeys: QuantityKey[];
  /** Country × sector keys shown in sector tables, in order (empty for one-sector models). */
  sectorTableKeys: QuantityKey[];
  /** Sectors the table's sector tables show, in order (scenario report.sectors); absent: all. */
  tableSectors?: string[];
  phases: PhaseReport[];
  /** The definition of every key that appears anywhere in `phases`. */
  definitions: Record<string, QuantityDefinition>;
  warnings: string[];
  /** Present when the run solved uncertainty draws: rows then carry `bands`. */
  uncertainty?: UncertaintySummary;
  /** Present when the run is one uncertainty draw (`run --draw k`): which, and the model parameters it gave each phase. */
  draw?: { index: number; seed: number; modelParams: Record<string, Record<string, unknown>> };
}

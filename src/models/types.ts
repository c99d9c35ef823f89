import type { Dataset } from "../data/dataset.js";
import type { EstimationStages } from "../estimation/estimationStages.js";
import type { SolverResult } from "../solver/result.js";
import { nullPrototypeRecord } from "../util/ownNames.js";
import type { InstrumentReport, PledgeRecord, QuantityTarget } from "./instruments/types.js";

/**
 * A policy state compiled onto a dataset's index order (see data/dataset.ts):
 * everything a model needs to solve one phase, with groups and defaults already expanded.
 */
export interface CompiledPolicy {
  /** Counterfactual ad valorem tariff levels, [(s*N + i)*N + j], importer j on exporter i (shares). */
  tariffs: Float64Array;
  /**
   * Multiplicative change in iceberg trade costs d̂ ≥ 1 means costlier, [(s*N + i)*N + j].
   * `Infinity` marks an embargo: the counterfactual flow is exactly zero.
   */
  tradeCostFactors: Float64Array;
  /** Counterfactual values of gravity covariates, by covariate name, [i*N + j]. Absent: unchanged. A null-prototype record. */
  covariates: Record<string, Float64Array>;
  /**
   * Importers whose uniform import tariff the model chooses, each the optimum given everyone else's
   * tariffs (shock `nash-tariffs`; all countries: the Nash equilibrium of a tariff war). Their entries
   * of `tariffs` are replaced by the solution. Only models that list the shock receive it.
   */
  tariffSetters?: number[];
  /**
   * Export taxes x ≥ 0, [(s*N + i)*N + j]; absent: none. The buyer pays p·(1 + x)·(1 + t)·d̂; the exporter's
   * government keeps x·p·q and the importer's tariff falls on the export-tax-inclusive price (models that list
   * export taxes in their dealCapabilities read this).
   */
  exportTaxes?: Float64Array;
  /**
   * Bilateral demand shifters a > 0 (purchase commitments), [(s*N + i)*N + j]; absent: 1. Shares π ∝ a·(κ·c)^(−θ);
   * a distortion, not a taste change: welfare and costs use the original preferences (the true CES price index).
   */
  demandShifters?: Float64Array;
  /** Productivity (technology) factors T̂ > 0 by exporter and sector, [n*S + s]; absent: 1. Shares π ∝ T̂·(κ·c)^(−θ). */
  productivity?: Float64Array;
  /** Lump-sum transfers received by each country (rents of tariff-rate quotas held by exporters), dataset units; absent: none. */
  transfers?: Float64Array;
  /** Quantity targets met by endogenous wedges (models/instruments/solveTargets.ts). */
  targets?: QuantityTarget[];
  /** Investment pledges behind `productivity`, for the report. */
  pledges?: PledgeRecord[];
  /** Where the policy came from, so that a model's complaint about it names the file and the shocks. */
  origin?: PolicyOrigin;
}

/** The scenario file and shocks behind a compiled policy (filled by scenario/compile.ts). */
export interface PolicyOrigin {
  /** The scenario's source (file path, "request body", …). */
  source: string;
  /** The phase, e.g. "phases[1]". */
  phasePath: string;
  /** The shocks in force (inherited ones included), with their field paths and countries (dataset indices). */
  shocks: { path: string; type: string; importers: number[]; exporters: number[]; covariate?: string }[];
}

/** Per-country (and optionally per country × sector) results keyed by registry keys. */
export interface ModelOutcome {
  solver: Omit<SolverResult<unknown>, "value">;
  /** Country-level quantities, each a vector of length N; keys are defined in report/registry.ts. */
  countries: Record<string, Float64Array>;
  /** Country × sector quantities, each of length N*S indexed [n*S + s]; keys in report/registry.ts. */
  sectors?: Record<string, Float64Array>;
  /** Weights for group averages of country quantities: baseline expenditure, length N. */
  weights: Float64Array;
  /** Model-specific scalars worth reporting (e.g. calibrated ν, closed-form t*), keys in the registry. */
  scalars?: Record<string, number>;
  /**
   * Bilateral flows at factory-gate (tariff-exclusive) value, [(s*N + i)*N + j], baseline and
   * counterfactual, in the dataset's units — for bilateral tables (JPN → USA, …). Optional. Read only:
   * a model may hand out its calibrated baseline's own array rather than a copy.
   */
  flows?: { baseline: Float64Array; counterfactual: Float64Array };
  /** The deal instruments of the phase: binding status, wedges, rents, diverted flows (models/instruments/). */
  instruments?: InstrumentReport[];
  /**
   * The solver's state at the solution, in the model's own form, which `solve` accepts back as `start`
   * to re-solve a nearby policy warm (the dashboard's what-if). Absent where the model has no warm start.
   */
  warmStart?: unknown;
  /**
   * The levels behind the money and tariff figures of report/accountQuantities.ts (equivalent variation,
   * tariff revenue, effective tariff rates, trade balances), in the dataset's units. Requires `flows`.
   */
  accounts?: ModelAccounts;
  /** Weights for group means of particular keys (e.g. baseline imports for effective tariff rates), length N; others use `weights`. */
  aggregateWeights?: Record<string, Float64Array>;
}

/** See ModelOutcome.accounts; the registry's definitions (report/definitions/money.ts) say what each is in each model. */
export interface ModelAccounts {
  /** Baseline income I whose real change welfareChangePct measures (EV = (Ŵ − 1)·I), length N. */
  income: Float64Array;
  /** The ad valorem tariffs the baseline and counterfactual flows are at, [(s*N + i)*N + j] (importer j on exporter i); read only (may be shared). */
  tariffs: { baseline: Float64Array; counterfactual: Float64Array };
  /** Tariff revenue by importer, baseline and counterfactual, length N — only in models whose income includes it. */
  tariffRevenue?: { baseline: Float64Array; counterfactual: Float64Array };
}

/** Warnings travel in a context passed down the call, never through a global logger. */
export interface RunContext {
  warnings: string[];
  /** Called with a fraction in [0, 1] on long runs. */
  progress?: (fraction: number) => void;
}

export function newRunContext(): RunContext {
  return { warnings: [] };
}

/**
 * A model: calibrate once on a dataset (estimation, domestic sales, parameters) into a baseline,
 * then solve any number of compiled policies against that same baseline.
 */
export interface Model<Params, Baseline> {
  id: string;
  /** Calibrate the baseline equilibrium; `estimation` holds the scenario's estimation stages, if it has any. */
  calibrate(data: Dataset, params: Params, ctx: RunContext, estimation?: EstimationStages): Baseline;
  /**
   * Solve the counterfactual for a policy; a zero policy must return the baseline exactly. `start`: the
   * `warmStart` of an earlier outcome on the same baseline, to start from instead of the baseline (the
   * same equilibrium to the solver's tolerance, usually in far fewer steps); models without one ignore it.
   */
  solve(baseline: Baseline, policy: CompiledPolicy, ctx: RunContext, start?: unknown): ModelOutcome;
}

/** A policy that changes nothing: baseline tariffs, unit cost factors, no covariate change. */
export function zeroPolicy(data: Dataset): CompiledPolicy {
  const size = data.sectors.length * data.countries.length * data.countries.length;
  const base = data.baselineTariffs ? data.tariffs[data.baselineTariffs] : undefined;
  return {
    tariffs: base ? Float64Array.from(base) : new Float64Array(size),
    tradeCostFactors: new Float64Array(size).fill(1),
    covariates: nullPrototypeRecord(),
  };
}
